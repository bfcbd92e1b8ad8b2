import type { Server } from 'node:http';
import request from 'supertest';
import type { FuzzRequest } from './requests';

export interface FuzzAnswer {
  status: number;
  contentType: string;
  /** The body as text (undefined for binary answers such as a document download). */
  text?: string;
  body: unknown;
}

/** Sends a fuzzed request as is; undefined when the HTTP client itself refuses to send it. */
export async function send(
  server: Server,
  req: FuzzRequest,
  authorization: string | undefined,
): Promise<FuzzAnswer | undefined> {
  let call = request(server)[req.method](req.url).timeout({ response: 15_000, deadline: 30_000 });
  if (authorization) call = call.set('Authorization', authorization);
  for (const [name, value] of Object.entries(req.headers)) call = call.set(name, value);
  try {
    const response = req.body === undefined ? await call : await call.send(req.body);
    return {
      status: response.status,
      contentType: String(response.headers['content-type'] ?? ''),
      text: typeof response.text === 'string' ? response.text : undefined,
      body: response.body as unknown,
    };
  } catch (error) {
    const status = (error as { status?: number; response?: unknown }).status;
    if (typeof status === 'number') throw error;
    // The server closed the connection while the body was still being sent (an early 4xx), or the
    // client refused the header: nothing to judge.
    const code = (error as { code?: string }).code;
    if (
      code === 'EPIPE' ||
      code === 'ECONNRESET' ||
      code === 'ERR_INVALID_CHAR' ||
      code === 'ERR_HTTP_INVALID_HEADER_VALUE'
    ) {
      return undefined;
    }
    throw error;
  }
}
