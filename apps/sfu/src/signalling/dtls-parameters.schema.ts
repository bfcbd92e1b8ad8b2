import { z } from 'zod';

/** Hash functions mediasoup's DTLS transport knows, with their digest length in bytes. */
export const FINGERPRINT_ALGORITHMS = {
  'sha-1': 20,
  'sha-224': 28,
  'sha-256': 32,
  'sha-384': 48,
  'sha-512': 64,
} as const;
type FingerprintAlgorithm = keyof typeof FINGERPRINT_ALGORITHMS;
const ALGORITHM_NAMES = Object.keys(FINGERPRINT_ALGORITHMS) as [
  FingerprintAlgorithm,
  ...FingerprintAlgorithm[],
];

/** Hash names are case-insensitive (RFC 8122); mediasoup's lookup wants them in lower case. */
const algorithm = z
  .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
  .transform((name) => name.toLowerCase())
  .pipe(
    z.enum(ALGORITHM_NAMES, {
      errorMap: () => ({ message: `must be one of ${ALGORITHM_NAMES.join(', ')}` }),
    }),
  );

const HEX_PAIRS = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){0,63}$/;

const fingerprint = z
  .object({
    algorithm,
    value: z
      .string({ required_error: 'is required', invalid_type_error: 'must be a string' })
      .regex(HEX_PAIRS, 'must be hex byte pairs separated by colons'),
  })
  .superRefine((fp, ctx) => {
    const bytes = FINGERPRINT_ALGORITHMS[fp.algorithm];
    if (HEX_PAIRS.test(fp.value) && fp.value.split(':').length !== bytes)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['value'],
        message: `a ${fp.algorithm} fingerprint has ${bytes} hex byte pairs`,
      });
  });

/** The client's DTLS role and certificate fingerprints, for `transport:connect`. */
export const dtlsParameters = z.object({
  role: z
    .enum(['auto', 'client', 'server'], { errorMap: () => ({ message: 'must be auto, client or server' }) })
    .optional(),
  fingerprints: z
    .array(fingerprint, { required_error: 'is required', invalid_type_error: 'must be a list' })
    .min(1, 'must list at least one fingerprint')
    .max(10, 'at most 10 fingerprints'),
});
