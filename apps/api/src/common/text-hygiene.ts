import { INPUT_LIMITS } from './input-limits';
import { shorten } from './error-text';

export interface TextLimits {
  maxString: number;
  maxDepth: number;
}

const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with one text a client sent, or undefined when it is fine. */
export function textProblem(text: string, maxLength: number): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000); remove it';
  if (UNPAIRED_SURROGATE.test(text)) {
    return 'contains an unpaired UTF-16 surrogate (half of an emoji or other character); send valid Unicode text';
  }
  if (text.length > maxLength) {
    return `is ${text.length} characters long; at most ${maxLength} are accepted`;
  }
  return undefined;
}

interface Pending {
  value: unknown;
  path: string;
  depth: number;
}

const pathOf = (parent: string, key: string, inArray: boolean): string => {
  if (inArray) return `${parent}[${key}]`;
  const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(shorten(key));
  return parent ? `${parent}.${name}` : name;
};

/**
 * Walks a parsed input (body, query or route parameters) without recursion and returns the first
 * problem as "<field> <what is wrong>": a NUL character or unpaired surrogate in any string or key,
 * a string or key that is too long, nesting deeper than the limit, or more values than the limit.
 */
export function findTextProblem(input: unknown, rootName: string, limits: TextLimits): string | undefined {
  const stack: Pending[] = [{ value: input, path: '', depth: 0 }];
  let visited = 0;
  for (let item = stack.pop(); item; item = stack.pop()) {
    const field = item.path || rootName;
    if (++visited > INPUT_LIMITS.maxNodes) {
      return `${rootName} has more than ${INPUT_LIMITS.maxNodes} values; send less data`;
    }
    if (typeof item.value === 'string') {
      const problem = textProblem(item.value, limits.maxString);
      if (problem) return `${field} ${problem}`;
      continue;
    }
    if (item.value === null || typeof item.value !== 'object' || Buffer.isBuffer(item.value)) continue;
    if (item.depth >= limits.maxDepth) {
      return `${field} nests lists or objects deeper than ${limits.maxDepth} levels; send a flatter value`;
    }
    const inArray = Array.isArray(item.value);
    for (const [key, value] of Object.entries(item.value)) {
      if (!inArray) {
        const keyProblem = textProblem(key, INPUT_LIMITS.maxKeyLength);
        if (keyProblem) return `A field name in ${field} ${keyProblem}`;
      }
      stack.push({ value, path: pathOf(item.path, key, inArray), depth: item.depth + 1 });
    }
  }
  return undefined;
}
