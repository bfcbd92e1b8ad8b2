import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { DataSource, EntityManager } from 'typeorm';
import type { Locale, Role } from '@yiqiao/domain';

/** Test data written straight to PostgreSQL, so tests of one feature do not depend on another's API. */
type Db = DataSource | EntityManager;

export const FIXTURE_PASSWORD = 'Correct-horse-42';
let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hash(FIXTURE_PASSWORD));
const unique = () => randomBytes(4).toString('hex');

export interface InstitutionFixture {
  id: string;
  code: string;
}

export async function createInstitution(
  db: Db,
  overrides: Partial<{
    kind: 'shanghai_hospital' | 'clinic' | 'overseas_partner';
    timeZone: string;
    allowsPatientSelfBooking: boolean;
    requiresInterpreterCertification: boolean;
    bookingBufferMinutes: number;
    cancellationCutoffMinutes: number;
    rescheduleCutoffMinutes: number;
  }> = {},
): Promise<InstitutionFixture> {
  const code = `inst-${unique()}`;
  const [row] = await db.query(
    `INSERT INTO institutions (code, name, kind, time_zone, allows_patient_self_booking, requires_interpreter_certification,
       booking_buffer_minutes, cancellation_cutoff_minutes, reschedule_cutoff_minutes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      code,
      `Hospital ${code}`,
      overrides.kind ?? 'shanghai_hospital',
      overrides.timeZone ?? 'Asia/Shanghai',
      overrides.allowsPatientSelfBooking ?? false,
      overrides.requiresInterpreterCertification ?? true,
      overrides.bookingBufferMinutes ?? 0,
      overrides.cancellationCutoffMinutes ?? 0,
      overrides.rescheduleCutoffMinutes ?? 0,
    ],
  );
  return { id: row.id, code };
}

export async function createDepartment(
  db: Db,
  institutionId: string,
  specialty = 'oncology',
  minutes = 30,
): Promise<{ id: string; specialty: string }> {
  const [row] = await db.query(
    `INSERT INTO departments (institution_id, code, name, specialty, default_consultation_minutes)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [institutionId, `dep-${unique()}`, `Department of ${specialty}`, specialty, minutes],
  );
  return { id: row.id, specialty };
}

export interface UserFixture {
  id: string;
  email: string;
  role: Role;
  institutionId: string | null;
}

export async function createUser(
  db: Db,
  role: Role,
  options: Partial<{
    institutionId: string | null;
    locale: Locale;
    timeZone: string;
    spokenLanguages: string[];
    fullName: string;
    email: string;
    phone: string;
  }> = {},
): Promise<UserFixture> {
  const email = options.email ?? `${role}-${unique()}@test.yiqiao`;
  const [row] = await db.query(
    `INSERT INTO users (email, password_hash, full_name, role, institution_id, preferred_language, time_zone, spoken_languages, phone)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      email,
      await passwordHash(),
      options.fullName ?? `Test ${role}`,
      role,
      options.institutionId ?? null,
      options.locale ?? 'en',
      options.timeZone ?? (role === 'patient' ? 'Europe/London' : 'Asia/Shanghai'),
      options.spokenLanguages ?? (role === 'patient' ? ['en'] : ['zh-cmn']),
      options.phone ?? null,
    ],
  );
  if (role === 'specialist') {
    await db.query(`INSERT INTO specialist_profiles (user_id) VALUES ($1)`, [row.id]);
  }
  if (role === 'interpreter') {
    await db.query(`INSERT INTO interpreter_profiles (user_id) VALUES ($1)`, [row.id]);
  }
  return { id: row.id, email, role, institutionId: options.institutionId ?? null };
}

export async function addSpecialistToDepartment(
  db: Db,
  specialistId: string,
  departmentId: string,
): Promise<void> {
  await db.query(`INSERT INTO specialist_departments (specialist_id, department_id) VALUES ($1, $2)`, [
    specialistId,
    departmentId,
  ]);
}

export async function addInterpreterPair(db: Db, interpreterId: string, a: string, b: string): Promise<void> {
  const [first, second] = [a, b].sort();
  await db.query(
    `INSERT INTO interpreter_language_pairs (interpreter_id, language_a, language_b) VALUES ($1, $2, $3)`,
    [interpreterId, first, second],
  );
}

export async function addInterpreterSpecialty(
  db: Db,
  interpreterId: string,
  specialty: string,
  certified: boolean,
) {
  await db.query(
    `INSERT INTO interpreter_specialties (interpreter_id, specialty, certified) VALUES ($1, $2, $3)`,
    [interpreterId, specialty, certified],
  );
}

/**
 * A scheduled consultation with its bookings, written directly (bypassing the booking API) for tests
 * of features that start from an existing consultation.
 */
export async function createScheduledConsultation(
  db: Db,
  args: {
    institutionId: string;
    departmentId: string;
    specialistId: string;
    patientId: string;
    createdBy: string;
    startsAt: Date;
    minutes?: number;
    interpreterId?: string | null;
    interpreterRequired?: boolean;
  },
): Promise<{ id: string; startsAt: Date; endsAt: Date }> {
  const endsAt = new Date(args.startsAt.getTime() + (args.minutes ?? 30) * 60_000);
  const [row] = await db.query(
    `INSERT INTO consultations (institution_id, department_id, specialist_id, patient_id, interpreter_id, status,
       starts_at, ends_at, interpreter_required, created_by)
     VALUES ($1, $2, $3, $4, $5, 'scheduled', $6, $7, $8, $9) RETURNING id`,
    [
      args.institutionId,
      args.departmentId,
      args.specialistId,
      args.patientId,
      args.interpreterId ?? null,
      args.startsAt,
      endsAt,
      args.interpreterRequired ?? Boolean(args.interpreterId),
      args.createdBy,
    ],
  );
  const people: [string, string][] = [
    [args.specialistId, 'specialist'],
    [args.patientId, 'patient'],
  ];
  if (args.interpreterId) people.push([args.interpreterId, 'interpreter']);
  for (const [userId, role] of people) {
    await db.query(
      `INSERT INTO bookings (consultation_id, user_id, role, during) VALUES ($1, $2, $3, tstzrange($4, $5, '[)'))`,
      [row.id, userId, role, args.startsAt, endsAt],
    );
  }
  return { id: row.id, startsAt: args.startsAt, endsAt };
}
