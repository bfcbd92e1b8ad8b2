import type { BrowserContext, Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { DateTime } from 'luxon';
import type { Locale } from '@yiqiao/domain';
import {
  addSpecialistToDepartment,
  createDepartment,
  createInstitution,
  createScheduledConsultation,
  createUser,
  moveDate,
  UserFixture,
  type MovableDateScope,
} from '@yiqiao/testing';

export const SHANGHAI = 'Asia/Shanghai';
/** The patients of these tests live far from Shanghai, in a zone with daylight saving time. */
export const PATIENT_ZONE = 'America/Los_Angeles';
export const MINUTE = 60_000;

export interface TimedCast {
  consultationId: string;
  institutionId: string;
  startsAt: Date;
  endsAt: Date;
  patient: UserFixture;
  specialist: UserFixture;
  coordinator: UserFixture;
}

/**
 * A consultation (no interpreter) at an explicit instant, written straight into the test database:
 * no slot search, notice or working hours stand between the test and the instant it chose.
 */
export async function consultationAt(
  db: DataSource,
  startsAt: Date,
  options: { minutes?: number; patientLocale?: Locale; graceMinutes?: number } = {},
): Promise<TimedCast> {
  const institution = await createInstitution(db);
  if (options.graceMinutes !== undefined)
    await db.query(`UPDATE institutions SET join_grace_minutes = $2 WHERE id = $1`, [
      institution.id,
      options.graceMinutes,
    ]);
  const department = await createDepartment(db, institution.id, 'cardiology');
  const specialist = await createUser(db, 'specialist', {
    institutionId: institution.id,
    fullName: 'Dr. Li Wei 李伟',
    spokenLanguages: ['en', 'zh-cmn'],
    locale: 'zh-CN',
  });
  await addSpecialistToDepartment(db, specialist.id, department.id);
  const patient = await createUser(db, 'patient', {
    fullName: 'Maria Lopez',
    locale: options.patientLocale ?? 'en',
    timeZone: PATIENT_ZONE,
    spokenLanguages: ['en'],
  });
  const coordinator = await createUser(db, 'coordinator', {
    institutionId: institution.id,
    fullName: 'Zhou Min',
  });
  const consultation = await createScheduledConsultation(db, {
    institutionId: institution.id,
    departmentId: department.id,
    specialistId: specialist.id,
    patientId: patient.id,
    createdBy: coordinator.id,
    startsAt,
    minutes: options.minutes ?? 30,
  });
  return {
    consultationId: consultation.id,
    institutionId: institution.id,
    startsAt: consultation.startsAt,
    endsAt: consultation.endsAt,
    patient,
    specialist,
    coordinator,
  };
}

/**
 * The next Shanghai wall-clock time `hour:minute` on a day that `day` accepts, at least `after`
 * from now: the instants the tests pretend it is (03:00 on a weekday, 23:30 on 31 December, …).
 */
export function nextShanghai(
  hour: number,
  minute: number,
  day: (date: DateTime) => boolean,
  after = 10 * MINUTE,
): DateTime {
  const earliest = DateTime.now().plus({ milliseconds: after });
  const today = DateTime.now().setZone(SHANGHAI).startOf('day');
  for (let offset = 0; offset <= 800; offset++) {
    const candidate = today.plus({ days: offset }).set({ hour, minute });
    if (candidate >= earliest && day(candidate)) return candidate;
  }
  throw new Error(`no Shanghai day found for ${hour}:${minute}`);
}

/**
 * Moves the web app's clock (apps/web/src/time/clock.ts) to `instant`, ticking on from there: for every
 * page loaded later in this context, and at once in `page` when given (no reload).
 */
export async function setAppClock(context: BrowserContext, instant: number, page?: Page): Promise<void> {
  const offset = instant - Date.now();
  // test-only: the page's Date is moved (the app itself just reads Date.now())
  await context.addInitScript({ content: `(${moveDate.toString()})(globalThis, ${offset});` });
  await page?.evaluate((ms: number) => {
    (globalThis as unknown as MovableDateScope).__yiqiaoMoveTestDate?.(ms);
  }, offset);
}

/** `instant` in `zone` as the en-US web app writes it: the date part ("Dec 31") and the time ("11:30"). */
export function clockParts(instant: number, zone: string): { date: string; time: string } {
  const local = DateTime.fromMillis(instant, { zone }).setLocale('en-US');
  return { date: local.toFormat('LLL d'), time: local.toFormat('h:mm') };
}

/**
 * Reads a two-clocks element (apps/web/src/components/two-clocks.tsx): the instant it shows, the
 * viewer's zone and text, and the second clock's zone and text.
 */
export async function readTwoClocks(
  page: Page,
  selector: string,
): Promise<{ instant: number; ownZone: string; own: string; secondZone: string; second: string }> {
  const clocks = page.locator(selector).locator('.two-clocks').first();
  await clocks.waitFor();
  const own = clocks.locator('time').first();
  const second = clocks.locator('.second-clock').first();
  return {
    instant: new Date((await own.getAttribute('datetime')) ?? '').getTime(),
    ownZone: (await own.getAttribute('data-zone')) ?? '',
    own: normalise(await own.innerText()),
    secondZone: (await second.getAttribute('data-zone')) ?? '',
    second: normalise(await second.innerText()),
  };
}

/** Browsers write times with narrow no-break spaces; compare with plain ones. */
function normalise(text: string): string {
  return text.replace(/[\u202f\u00a0]/g, ' ');
}

/** Coordinator: the consultation's record → "Start now" with a reason → the record says who and why. */
export async function coordinatorStartsNow(
  page: Page,
  webUrl: string,
  consultationId: string,
  reason: string,
): Promise<void> {
  await page.goto(`${webUrl}/consultations`);
  await page.locator(`[data-id="${consultationId}"] [data-testid=start-now-link]`).click();
  const form = page.getByTestId('start-now-form');
  await form.locator('textarea[name=reason]').fill(reason);
  await form.getByTestId('start-now').click();
  await page.getByTestId('opened-early').waitFor({ timeout: 10_000 });
}

/**
 * Coordinator: makes sure the room is open now, for journeys that book the first free slot (often
 * hours or days ahead): "Start now" when the patients' window has not opened yet, nothing otherwise.
 */
export async function coordinatorOpensRoomNow(
  page: Page,
  webUrl: string,
  consultationId: string,
  reason: string,
): Promise<void> {
  await page.goto(`${webUrl}/consultations/${consultationId}`);
  await page.getByTestId('consultation-record').waitFor();
  if ((await page.getByTestId('start-now-form').count()) === 0) return;
  await page.getByTestId('start-now-form').locator('textarea[name=reason]').fill(reason);
  await page.getByTestId('start-now').click();
  await page.getByTestId('opened-early').waitFor({ timeout: 10_000 });
}
