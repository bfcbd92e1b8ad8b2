import { DateTime } from 'luxon';
import {
  addInterpreterPair,
  addInterpreterSpecialty,
  addSpecialistToDepartment,
  createDepartment,
  createInstitution,
  createUser,
  UserFixture,
} from '@yiqiao/testing';
import type { Slot } from '../booking/booking-world';
import type { BenchDatabase } from '../support/bench-database';
import { addDailyAvailability, createPatients } from '../support/bench-people';

const SPECIALTY = 'oncology';

export interface InterpreterWorld {
  coordinator: UserFixture;
  interpreters: UserFixture[];
  patientIds: string[];
  slots: Slot[];
}

/**
 * A hospital whose specialists speak only Mandarin, Russian-speaking patients (so every booking needs
 * an interpreter), and certified Russian–Mandarin oncology interpreters with no restricted hours.
 * Slots: `specialists` consultations at each half hour from 08:00 Shanghai time a week from now, so
 * that many consultations compete for the same interpreters at once.
 */
export async function createInterpreterWorld(
  db: BenchDatabase,
  options: { specialists: number; interpreters: number; consultations: number },
): Promise<InterpreterWorld> {
  const ds = db.ds;
  const institution = await createInstitution(ds, { requiresInterpreterCertification: true });
  const department = await createDepartment(ds, institution.id, SPECIALTY, 30);
  const coordinator = await createUser(ds, 'coordinator', { institutionId: institution.id });
  const specialistIds: string[] = [];
  for (let i = 0; i < options.specialists; i++) {
    const s = await createUser(ds, 'specialist', {
      institutionId: institution.id,
      spokenLanguages: ['zh-cmn'],
    });
    await addSpecialistToDepartment(ds, s.id, department.id);
    specialistIds.push(s.id);
  }
  const today = DateTime.now().setZone('Asia/Shanghai').startOf('day');
  await addDailyAvailability(ds, specialistIds, '08:00', '20:00', today.toISODate() as string);
  const interpreters: UserFixture[] = [];
  for (let i = 0; i < options.interpreters; i++) {
    const interpreter = await createUser(ds, 'interpreter', {
      institutionId: institution.id,
      spokenLanguages: ['ru', 'zh-cmn'],
      fullName: `Bench interpreter ${i}`,
    });
    await addInterpreterPair(ds, interpreter.id, 'ru', 'zh-cmn');
    await addInterpreterSpecialty(ds, interpreter.id, SPECIALTY, true);
    interpreters.push(interpreter);
  }
  const patientIds = await createPatients(ds, options.consultations, ['ru']);
  const slots: Slot[] = [];
  for (let d = 7; slots.length < options.consultations; d++) {
    for (let t = today.plus({ days: d, hours: 8 }); t.hour < 20; t = t.plus({ minutes: 30 }))
      for (const specialistId of specialistIds)
        slots.push({ specialistId, startsAt: t.toISO({ suppressMilliseconds: true }) as string });
  }
  return { coordinator, interpreters, patientIds, slots: slots.slice(0, options.consultations) };
}
