import type { Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';

/** The fields of a BullMQ job this needs (kept small so unit tests need no Redis). */
export interface JobLike {
  id?: string;
  name: string;
  data: unknown;
}

/** A bad value, quoted up to a short prefix so a huge payload is not logged whole. */
function shown(value: unknown): string {
  if (value === undefined) return 'missing';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return `got ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Plain words for zod's own messages ("Expected object, received null" → "must be an object"). */
const errorMap: z.ZodErrorMap = (issue, ctx) => {
  // A schema's own message (e.g. "must be a UUID (text)") arrives as the default: keep it.
  if (issue.code !== z.ZodIssueCode.invalid_type || !ctx.defaultError.startsWith('Expected ')) {
    return { message: ctx.defaultError };
  }
  if (issue.received === 'undefined') return { message: 'is required' };
  if (issue.expected === 'string') return { message: 'must be text' };
  return { message: `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}` };
};

/** "notificationId must be a UUID (got "abc")"; "data must be an object (got null)". */
export function describeIssues(error: z.ZodError, data: unknown): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const field = issue.path.length > 0 ? issue.path.join('.') : 'data';
      const message =
        issue.code === 'invalid_type' && issue.received === 'undefined' ? 'is required' : issue.message;
      return `${field} ${message} (${shown(valueAt(data, issue.path))})`;
    })
    .join('; ');
}

/**
 * The job's data, checked against its schema. A malformed job can never succeed, so it is failed at
 * once with BullMQ's UnrecoverableError (no retries), its reason naming the field; the reason is
 * logged and kept on the failed job (`failedReason`).
 */
export function parseJob<T>(schema: z.ZodType<T>, job: JobLike, logger: Pick<Logger, 'warn'>): T {
  const parsed = schema.safeParse(job.data, { errorMap });
  if (parsed.success) return parsed.data;
  const reason = `Malformed ${job.name} job ${job.id ?? '?'}: ${describeIssues(parsed.error, job.data)}`;
  logger.warn(reason);
  throw new UnrecoverableError(reason);
}
