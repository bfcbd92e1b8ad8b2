import { DateTime } from 'luxon';
import {
  addSpecialistToDepartment,
  createDepartment,
  createInstitution,
  createUser,
  UserFixture,
} from '@yiqiao/testing';
import type { BenchDatabase } from '../support/bench-database';
import { addDailyAvailability, createPatients } from '../support/bench-people';

const SHANGHAI = 'Asia/Shanghai';
const DAY_START = '08:00';
const DAY_END = '20:00';
const SLOT_MINUTES = 30;

export interface Slot {
  specialistId: string;
  startsAt: string;
}

export interface BookingWorld {
  coordinator: UserFixture;
  specialistIds: string[];
  patientIds: string[];
  /** distinct free slots, in an order that spreads consecutive bookings over specialists */
  slots: Slot[];
}

/** Half-hour slot starts of one Shanghai day between DAY_START and DAY_END, ISO with +08:00. */
function slotsOfDay(day: DateTime): string[] {
  const [h0, m0] = DAY_START.split(':').map(Number);
  const [h1, m1] = DAY_END.split(':').map(Number);
  const starts: string[] = [];
  for (
    let t = day.set({ hour: h0, minute: m0 });
    t < day.set({ hour: h1, minute: m1 });
    t = t.plus({ minutes: SLOT_MINUTES })
  )
    starts.push(t.toISO({ suppressMilliseconds: true }) as string);
  return starts;
}

/**
 * One hospital with `specialists` specialists available 08:00-20:00 Shanghai time every day, a
 * coordinator, and `patients` patients; slots start a week from now (clear of the "in the past" rule).
 * Specialists also speak English, so these bookings need no interpreter.
 */
export async function createBookingWorld(
  db: BenchDatabase,
  specialists: number,
  patients: number,
  slotsWanted: number,
): Promise<BookingWorld> {
  const ds = db.ds;
  const institution = await createInstitution(ds, { bookingBufferMinutes: 0 });
  const department = await createDepartment(ds, institution.id, 'urology', SLOT_MINUTES);
  const coordinator = await createUser(ds, 'coordinator', { institutionId: institution.id });
  const specialistIds: string[] = [];
  for (let i = 0; i < specialists; i++) {
    const specialist = await createUser(ds, 'specialist', {
      institutionId: institution.id,
      spokenLanguages: ['zh-cmn', 'en'],
      fullName: `Bench specialist ${i}`,
    });
    await addSpecialistToDepartment(ds, specialist.id, department.id);
    specialistIds.push(specialist.id);
  }
  const today = DateTime.now().setZone(SHANGHAI).startOf('day');
  await addDailyAvailability(ds, specialistIds, DAY_START, DAY_END, today.toISODate() as string);
  const patientIds = await createPatients(ds, patients);

  const slots: Slot[] = [];
  for (let d = 7; slots.length < slotsWanted; d++) {
    for (const startsAt of slotsOfDay(today.plus({ days: d })))
      for (const specialistId of specialistIds) slots.push({ specialistId, startsAt });
    if (d > 60) throw new Error(`cannot find ${slotsWanted} slots in 60 days`);
  }
  return { coordinator, specialistIds, patientIds, slots: slots.slice(0, slotsWanted) };
}
