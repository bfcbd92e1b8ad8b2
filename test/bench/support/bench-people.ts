import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { DataSource } from 'typeorm';
import { FIXTURE_PASSWORD } from '@yiqiao/testing';

/**
 * `count` patients in one statement (the fixtures' one-by-one insert would dominate a bench's set-up).
 * Same columns and password as the `createUser` fixture.
 */
export async function createPatients(
  ds: DataSource,
  count: number,
  spokenLanguages: string[] = ['en'],
): Promise<string[]> {
  const tag = randomBytes(4).toString('hex');
  const rows = (await ds.query(
    `INSERT INTO users (email, password_hash, full_name, role, preferred_language, time_zone, spoken_languages)
     SELECT 'bench-patient-' || $1 || '-' || g || '@bench.yiqiao', $2, 'Bench patient ' || g, 'patient', 'en',
            'Europe/London', $3::text[]
       FROM generate_series(1, $4::int) AS g
     RETURNING id`,
    [tag, await hash(FIXTURE_PASSWORD), spokenLanguages, count],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/** Weekly availability (Asia/Shanghai wall clock) on every weekday for many specialists at once. */
export async function addDailyAvailability(
  ds: DataSource,
  specialistIds: string[],
  startLocal: string,
  endLocal: string,
  effectiveFrom: string,
): Promise<void> {
  await ds.query(
    `INSERT INTO availability_rules (specialist_id, weekday, start_local, end_local, effective_from)
     SELECT s, w, $2::time, $3::time, $4::date FROM unnest($1::uuid[]) AS s, generate_series(1, 7) AS w`,
    [specialistIds, startLocal, endLocal, effectiveFrom],
  );
}
