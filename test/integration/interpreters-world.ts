import type { DataSource } from 'typeorm';
import {
  addInterpreterPair,
  addInterpreterSpecialty,
  createDepartment,
  createInstitution,
  createScheduledConsultation,
  createUser,
  UserFixture,
} from '@yiqiao/testing';

/** Shared set-up for the interpreter assignment tests: a hospital, its oncology department, a coordinator. */
export interface World {
  institutionId: string;
  departmentId: string;
  coordinator: UserFixture;
}

export async function createWorld(db: DataSource, requiresCertification = true): Promise<World> {
  const institution = await createInstitution(db, {
    requiresInterpreterCertification: requiresCertification,
  });
  const department = await createDepartment(db, institution.id, 'oncology');
  const coordinator = await createUser(db, 'coordinator', { institutionId: institution.id });
  return { institutionId: institution.id, departmentId: department.id, coordinator };
}

export interface InterpreterSpec {
  pairs?: [string, string][];
  specialties?: { specialty: string; certified: boolean }[];
  certifiedUntil?: string | null;
}

export async function createQualifiedInterpreter(db: DataSource, world: World, spec: InterpreterSpec = {}) {
  const interpreter = await createUser(db, 'interpreter', { institutionId: world.institutionId });
  for (const [a, b] of spec.pairs ?? [['ru', 'zh-cmn']]) await addInterpreterPair(db, interpreter.id, a, b);
  for (const s of spec.specialties ?? [{ specialty: 'oncology', certified: true }]) {
    await addInterpreterSpecialty(db, interpreter.id, s.specialty, s.certified);
  }
  if (spec.certifiedUntil !== undefined) {
    await db.query(`UPDATE interpreter_profiles SET certified_until = $2 WHERE user_id = $1`, [
      interpreter.id,
      spec.certifiedUntil,
    ]);
  }
  return interpreter;
}

/** A scheduled consultation between a Russian-speaking patient and a Mandarin-speaking specialist. */
export async function createConsultationNeedingInterpreter(
  db: DataSource,
  world: World,
  startsAt: Date,
  languages: { patient: string; specialist: string } = { patient: 'ru', specialist: 'zh-cmn' },
): Promise<string> {
  const specialist = await createUser(db, 'specialist', { institutionId: world.institutionId });
  const patient = await createUser(db, 'patient', { spokenLanguages: [languages.patient] });
  const consultation = await createScheduledConsultation(db, {
    institutionId: world.institutionId,
    departmentId: world.departmentId,
    specialistId: specialist.id,
    patientId: patient.id,
    createdBy: world.coordinator.id,
    startsAt,
    interpreterRequired: true,
  });
  await db.query(`UPDATE consultations SET patient_language = $2, specialist_language = $3 WHERE id = $1`, [
    consultation.id,
    languages.patient,
    languages.specialist,
  ]);
  return consultation.id;
}

/** Polls until the check returns a value (not undefined) or fails with what was awaited. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface OfferRowView {
  id: string;
  interpreter_id: string;
  state: string;
}

export async function offersOf(db: DataSource, consultationId: string): Promise<OfferRowView[]> {
  return db.query(
    `SELECT id, interpreter_id, state FROM interpreter_offers WHERE consultation_id = $1 ORDER BY offered_at, rank`,
    [consultationId],
  );
}

export async function assignmentOf(db: DataSource, consultationId: string) {
  const [row]: { state: string; interpreter_id: string | null; escalation_reasons: string[] }[] =
    await db.query(
      `SELECT state, interpreter_id, escalation_reasons FROM interpreter_assignments WHERE consultation_id = $1`,
      [consultationId],
    );
  return row;
}

export const daysFromNow = (days: number, hourUtc = 2) => {
  const date = new Date(Date.now() + days * 24 * 3600_000);
  date.setUTCHours(hourUtc, 0, 0, 0);
  return date;
};
