import { hash as argon2Hash } from '@node-rs/argon2';
import { DataSource, EntityManager } from 'typeorm';
import { DEMO_INSTITUTIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-data';

export type DemoSeedStep = (manager: EntityManager) => Promise<void>;

async function upsertInstitutions(m: EntityManager): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const inst of DEMO_INSTITUTIONS) {
    const [row] = await m.query(
      `INSERT INTO institutions (code, name, name_zh, kind, parent_id, time_zone, country, allows_patient_self_booking)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_zh = EXCLUDED.name_zh
       RETURNING id`,
      [
        inst.code,
        inst.name,
        inst.nameZh ?? null,
        inst.kind,
        inst.parent ? ids.get(inst.parent) : null,
        inst.timeZone,
        inst.country,
        inst.allowsPatientSelfBooking ?? false,
      ],
    );
    ids.set(inst.code, row.id);
    for (const dep of inst.departments) {
      await m.query(
        `INSERT INTO departments (institution_id, code, name, name_zh, specialty, default_consultation_minutes)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (institution_id, code) DO UPDATE SET name = EXCLUDED.name, name_zh = EXCLUDED.name_zh`,
        [row.id, dep.code, dep.name, dep.nameZh, dep.specialty, dep.minutes ?? 30],
      );
    }
  }
  return ids;
}

async function upsertUsers(m: EntityManager, institutions: Map<string, string>): Promise<void> {
  const passwordHash = await argon2Hash(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const institutionId = u.institution ? institutions.get(u.institution) : null;
    const [row] = await m.query(
      `INSERT INTO users (email, password_hash, full_name, role, institution_id, preferred_language, time_zone, country, spoken_languages)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (email) DO UPDATE SET full_name = EXCLUDED.full_name
       RETURNING id`,
      [
        u.email,
        passwordHash,
        u.fullName,
        u.role,
        institutionId,
        u.locale,
        u.timeZone,
        u.country ?? null,
        u.spokenLanguages,
      ],
    );
    if (u.role === 'specialist') {
      await m.query(
        `INSERT INTO specialist_profiles (user_id, title) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING`,
        [row.id, u.title ?? ''],
      );
      for (const code of u.departments ?? []) {
        await m.query(
          `INSERT INTO specialist_departments (specialist_id, department_id)
           SELECT $1, id FROM departments WHERE institution_id = $2 AND code = $3 ON CONFLICT DO NOTHING`,
          [row.id, institutionId, code],
        );
      }
    }
    if (u.role === 'interpreter') {
      await m.query(
        `INSERT INTO interpreter_profiles (user_id, certification, certified_until)
         VALUES ($1, $2, CASE WHEN $2::text IS NULL THEN NULL ELSE (now() + interval '2 years')::date END)
         ON CONFLICT (user_id) DO NOTHING`,
        [row.id, u.certification ?? null],
      );
      for (const [a, b] of u.languagePairs ?? []) {
        const [first, second] = [a, b].sort();
        await m.query(
          `INSERT INTO interpreter_language_pairs (interpreter_id, language_a, language_b) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [row.id, first, second],
        );
      }
      for (const s of u.specialties ?? []) {
        await m.query(
          `INSERT INTO interpreter_specialties (interpreter_id, specialty, certified) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
          [row.id, s.specialty, s.certified],
        );
      }
    }
  }
}

/**
 * Loads the demo institutions and people; safe to run on every `npm start` (upserts by natural key).
 * Features that need more demo data (availability, holidays, ...) pass extra steps.
 */
export async function seedDemo(dataSource: DataSource, extraSteps: DemoSeedStep[] = []): Promise<void> {
  await dataSource.transaction(async (m) => {
    const institutions = await upsertInstitutions(m);
    await upsertUsers(m, institutions);
    for (const step of extraSteps) await step(m);
  });
}
