/**
 * Bounds every incoming payload is held to before zod parses it. Signalling messages are small and
 * flat (mediasoup's RTP parameters and capabilities nest six levels at most); anything much deeper,
 * wider or longer is not a client's request.
 */
export interface PayloadBounds {
  /** nesting of objects and arrays; the payload itself is depth 0 */
  maxDepth: number;
  /** objects, arrays and values visited in all */
  maxNodes: number;
  /** characters in any one string value */
  maxStringLength: number;
  /** characters in any one object key */
  maxKeyLength: number;
  /** entries in any one object or array */
  maxEntries: number;
}

export const SIGNAL_PAYLOAD_BOUNDS: PayloadBounds = {
  maxDepth: 10,
  maxNodes: 4000,
  maxStringLength: 4096,
  maxKeyLength: 128,
  maxEntries: 200,
};

/** Keys that would reach an object's prototype if ever merged into a plain object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Visit {
  value: unknown;
  depth: number;
  parent: Visit | null;
  key: string;
}

function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let v: Visit | null = visit; v && v.parent; v = v.parent) keys.push(v.key);
  return keys.length ? keys.reverse().join('.') : '(payload)';
}

function isBinary(value: object): boolean {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

/**
 * The first way `payload` exceeds `bounds`, as "<path>: <problem>", or null when it fits. Iterative
 * (an explicit stack), so a payload nested thousands deep cannot overflow the call stack; it stops
 * at the first problem, so the work is bounded by `maxNodes`.
 */
export function exceedsBounds(
  payload: unknown,
  bounds: PayloadBounds = SIGNAL_PAYLOAD_BOUNDS,
): string | null {
  const stack: Visit[] = [{ value: payload, depth: 0, parent: null, key: '' }];
  let nodes = 0;
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const { value, depth } = visit;
    if (++nodes > bounds.maxNodes) return `(payload): more than ${bounds.maxNodes} values in all`;
    if (typeof value === 'string') {
      if (value.length > bounds.maxStringLength)
        return `${pathOf(visit)}: a string longer than ${bounds.maxStringLength} characters`;
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `${pathOf(visit)}: not a finite number`;
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (isBinary(value)) return `${pathOf(visit)}: binary data is not accepted`;
    if (depth >= bounds.maxDepth) return `${pathOf(visit)}: nested deeper than ${bounds.maxDepth} levels`;
    const size = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (size > bounds.maxEntries) return `${pathOf(visit)}: more than ${bounds.maxEntries} entries`;
    const entries: [string, unknown][] = Array.isArray(value)
      ? value.map((item: unknown, index) => [String(index), item])
      : Object.entries(value);
    for (const [key, child] of entries) {
      if (!Array.isArray(value)) {
        if (key.length > bounds.maxKeyLength)
          return `${pathOf(visit)}: a key longer than ${bounds.maxKeyLength} characters`;
        if (FORBIDDEN_KEYS.has(key)) return `${pathOf(visit)}: the key "${key}" is not accepted`;
      }
      stack.push({ value: child, depth: depth + 1, parent: visit, key });
    }
  }
  return null;
}
