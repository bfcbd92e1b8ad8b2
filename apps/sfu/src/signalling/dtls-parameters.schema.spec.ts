import { dtlsParameters } from './dtls-parameters.schema';

const sha256 = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(
  ':',
);

function problems(value: unknown): string[] {
  const parsed = dtlsParameters.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('dtlsParameters schema', () => {
  it('accepts what browsers send, lower-casing the hash name as mediasoup expects', () => {
    const parsed = dtlsParameters.parse({
      role: 'client',
      fingerprints: [{ algorithm: 'SHA-256', value: sha256 }],
    });
    expect(parsed.fingerprints[0].algorithm).toBe('sha-256');
    for (const role of ['auto', 'client', 'server', undefined])
      expect(problems({ role, fingerprints: [{ algorithm: 'sha-256', value: sha256 }] })).toEqual([]);
    const sha1 = Array.from({ length: 20 }, () => 'ab').join(':');
    const sha512 = Array.from({ length: 64 }, () => '0f').join(':');
    expect(
      problems({
        fingerprints: [
          { algorithm: 'sha-1', value: sha1 },
          { algorithm: 'sha-512', value: sha512 },
        ],
      }),
    ).toEqual([]);
  });

  it('names the field and what is allowed', () => {
    expect(problems({ fingerprints: [{ algorithm: 'md5', value: sha256 }] })).toEqual([
      'fingerprints.0.algorithm: must be one of sha-1, sha-224, sha-256, sha-384, sha-512',
    ]);
    expect(problems({ fingerprints: [] })).toEqual(['fingerprints: must list at least one fingerprint']);
    expect(problems({})).toEqual(['fingerprints: is required']);
    expect(problems({ role: 'both', fingerprints: [{ algorithm: 'sha-256', value: sha256 }] })).toEqual([
      'role: must be auto, client or server',
    ]);
    expect(problems({ fingerprints: [{ algorithm: 'sha-256', value: 'not hex' }] })).toEqual([
      'fingerprints.0.value: must be hex byte pairs separated by colons',
    ]);
    expect(problems({ fingerprints: [{ algorithm: 'sha-256', value: 'AB:CD' }] })).toEqual([
      'fingerprints.0.value: a sha-256 fingerprint has 32 hex byte pairs',
    ]);
    expect(problems({ fingerprints: [{ algorithm: 7, value: sha256 }] })).toEqual([
      'fingerprints.0.algorithm: must be a string',
    ]);
  });
});
