import { z } from 'zod';
import type { JobName, JobPayloads } from '@yiqiao/jobs';

/** Row ids are PostgreSQL uuids: anything else can only fail later, on every retry. */
export const rowId = z.string({ invalid_type_error: 'must be a UUID (text)' }).uuid('must be a UUID');

/**
 * The payload schema of every job in the registry (libs/jobs/src/registry.ts). Typed against
 * JobPayloads, so a changed payload there is a compile error here. Extra fields are ignored.
 */
export const JOB_SCHEMAS: { [N in JobName]: z.ZodType<JobPayloads[N]> } = {
  'notifications:deliver': z.object({ notificationId: rowId }),
  'interpreters:assign': z.object({ consultationId: rowId }),
  'interpreters:offer-timeout': z.object({ offerId: rowId }),
  // Repeated by a job scheduler with `{}`: nothing is read from it, but it must be an object.
  'consultations:close-windows': z.object({}).transform((): Record<string, never> => ({})),
};
