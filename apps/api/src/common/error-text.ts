/** How error messages show a client's value: quoted, at most a short prefix, never `undefined`. */
export const QUOTE_PREFIX = 40;

/** `"abc"`, `"first 40 characters…"`, `12`, `a list`, `an object`, `nothing`. */
export function quoteValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(shorten(value));
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** The first QUOTE_PREFIX characters of a text, with "…" when something was cut (never mid-pair). */
export function shorten(text: string, max = QUOTE_PREFIX): string {
  if (text.length <= max) return text;
  const cut = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return `${text.slice(0, cut)}…`;
}

const LONG_QUOTED = new RegExp(`"([^"]{${QUOTE_PREFIX + 1},})"`, 'g');
const TEMPLATE_TOKEN = /\s*\(got "?\$value"?\)|\$value|\$property|\$target|\$constraint\d+/g;
const GOT_NOTHING = /\(got (?:"undefined"|undefined|"null"|null|"")\)/g;
/** A run of 100+ characters without a space is a client's blob (a path, a token), not prose. */
const LONG_WORD = /[^\s"]{100,}/g;
/** Nest's answer for a route that does not exist, which echoes the whole URL. */
const NO_ROUTE = /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) (\S+)$/;

/**
 * The last pass over any message before it leaves the api: no leftover validator template tokens,
 * no `undefined`, and no quoted client value longer than a short prefix.
 */
export function tidyMessage(message: string): string {
  const noRoute = NO_ROUTE.exec(message);
  if (noRoute) {
    return `There is no ${noRoute[1]} ${shorten(noRoute[2].split('?')[0], 80)}; the operations are listed at /docs`;
  }
  return message
    .replace(TEMPLATE_TOKEN, '')
    .replace(GOT_NOTHING, '(got nothing)')
    .replace(LONG_QUOTED, (_match, inner: string) => JSON.stringify(shorten(inner)))
    .replace(LONG_WORD, (word) => shorten(word))
    .replace(/\bundefined\b/g, 'nothing');
}
