import type { FuzzAnswer } from './send';
import { LEAK_MARKERS } from './values';

const TEMPLATE_LEFTOVERS = /\$value|\$property|\$constraint|\(got undefined\)|\bundefined\b/;

/** What is wrong with one answer, by the rules (empty when it is fine). */
export function problemsOf(answer: FuzzAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  if (answer.text !== undefined && LEAK_MARKERS.test(answer.text)) {
    problems.push(`internals in the body: ${JSON.stringify(LEAK_MARKERS.exec(answer.text)?.[0])}`);
  }
  if (answer.status < 400) return problems;
  if (!/application\/json/.test(answer.contentType)) {
    problems.push(`error without a JSON body (${answer.contentType || 'no content type'})`);
    return problems;
  }
  const message = (answer.body as { message?: unknown } | null)?.message;
  const messages = Array.isArray(message) ? message : [message];
  if (messages.length === 0 || messages.some((m) => typeof m !== 'string' || m.trim() === '')) {
    problems.push('error without a non-empty message');
  }
  const leftover = messages.find((m) => typeof m === 'string' && TEMPLATE_LEFTOVERS.test(m));
  if (typeof leftover === 'string')
    problems.push(`template leftover in ${JSON.stringify(leftover.slice(0, 120))}`);
  const long = messages.find((m) => typeof m === 'string' && m.length > 1_500);
  if (typeof long === 'string') problems.push(`message of ${long.length} characters`);
  return problems;
}
