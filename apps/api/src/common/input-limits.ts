/**
 * What the api accepts from a client, checked at the edge before anything that could blow up on
 * hostile input (deep recursion, huge regex inputs, PostgreSQL text rules). Every DTO limit is
 * inside these, so a DTO still answers with its own, more specific message.
 */
export const INPUT_LIMITS = {
  /** Nesting of arrays/objects in a JSON body (the deepest real body nests 4 levels). */
  maxJsonDepth: 32,
  /** Characters in one string of a body (the longest field, consultation notes, allows 20,000). */
  maxBodyString: 50_000,
  /** Characters in one query-string value or route parameter. */
  maxQueryString: 2_000,
  /** Characters in one object key. */
  maxKeyLength: 100,
  /** Values (strings, numbers, …) in one parsed input. */
  maxNodes: 100_000,
  /** Node's own request-header limit (http.maxHeaderSize), named here for messages. */
  maxHeaderBytes: 16 * 1024,
} as const;
