import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import type { Locale } from '@yiqiao/domain';
import {
  addInterpreterPair,
  addInterpreterSpecialty,
  addSpecialistToDepartment,
  createDepartment,
  createInstitution,
  createUser,
  UserFixture,
} from '@yiqiao/testing';

export interface People {
  departmentId: string;
  patient: UserFixture;
  specialist: UserFixture;
  interpreter: UserFixture;
  coordinator: UserFixture;
}

/** A hospital with a Mandarin-speaking specialist, an English-speaking patient abroad and a certified interpreter. */
export async function castPeople(db: DataSource, patientLocale: Locale): Promise<People> {
  const institution = await createInstitution(db, { allowsPatientSelfBooking: false });
  const department = await createDepartment(db, institution.id, 'urology');
  const specialist = await createUser(db, 'specialist', {
    institutionId: institution.id,
    fullName: 'Dr. Wang Fang',
    spokenLanguages: ['zh-cmn'],
    locale: 'zh-CN',
  });
  await addSpecialistToDepartment(db, specialist.id, department.id);
  const patient = await createUser(db, 'patient', {
    fullName: 'Layla Haddad',
    locale: patientLocale,
    timeZone: 'Asia/Dubai',
    spokenLanguages: ['en'],
  });
  const coordinator = await createUser(db, 'coordinator', {
    institutionId: institution.id,
    fullName: 'Zhou Min',
  });
  const interpreter = await createUser(db, 'interpreter', {
    institutionId: institution.id,
    fullName: 'Chen Jing',
    spokenLanguages: ['en', 'zh-cmn'],
  });
  await addInterpreterPair(db, interpreter.id, 'en', 'zh-cmn');
  await addInterpreterSpecialty(db, interpreter.id, 'urology', true);
  return { departmentId: department.id, patient, specialist, interpreter, coordinator };
}

/** Specialist: every weekday 08:00–20:00 Shanghai time in the availability editor. */
export async function specialistOpensWeek(page: Page, webUrl: string): Promise<void> {
  await page.goto(`${webUrl}/specialist/availability`);
  const rows = page.locator('table.rules tbody tr');
  for (let weekday = 1; weekday <= 7; weekday++) {
    await page.locator('table.rules + button').click();
    const row = rows.nth(weekday - 1);
    await row.locator('select').selectOption(String(weekday));
    await row.locator('input[type=time]').nth(0).fill('08:00');
    await row.locator('input[type=time]').nth(1).fill('20:00');
  }
  await page.getByTestId('save-rules').click();
  await page.getByTestId('saved').waitFor();
}

/** Patient: both consents, then a consultation request for the department. */
export async function patientRequests(page: Page, webUrl: string, departmentId: string): Promise<void> {
  await page.goto(`${webUrl}/patient/consents`);
  for (const kind of ['health_data', 'cross_border_transfer']) {
    await page.locator(`[data-kind=${kind}] button`).click();
    await page.locator(`[data-kind=${kind}][data-active=true]`).waitFor();
  }
  await page.goto(`${webUrl}/patient/request`);
  await page.locator('select[name=department]').selectOption(departmentId);
  await page
    .locator('textarea[name=complaint]')
    .fill('PSA of 8.2 ng/ml in January; I would like a second opinion.');
  await page.locator('input[name=country]').fill('AE');
  await page.locator('form button[type=submit]').click();
  await page.getByTestId('request-sent').waitFor();
}

/** Coordinator: inbox → triage and book → first free slot. */
export async function coordinatorBooks(
  page: Page,
  webUrl: string,
): Promise<{ consultationId: string; boardPath: string }> {
  await page.goto(`${webUrl}/coordinator/inbox`);
  // the coordinator's institution is this test's own, so its inbox holds exactly this request
  await page.getByTestId('request').first().getByTestId('book-request').click();
  await page.getByTestId('search-slots').click();
  await page.getByTestId('slot').first().locator('input[type=radio]').check();
  await page.getByTestId('book').click();
  const booked = page.getByTestId('booked');
  await booked.waitFor({ timeout: 15_000 });
  return {
    consultationId: (await booked.getAttribute('data-id')) as string,
    boardPath: (await booked.getByRole('link').getAttribute('href')) as string,
  };
}

/** Coordinator, still on the booking result: assigns the interpreter directly (override). */
export async function coordinatorAssignsInterpreter(page: Page, interpreterId: string): Promise<void> {
  await page.getByTestId('interpreter-choice').selectOption(interpreterId);
  await page.getByTestId('assign-interpreter').click();
  await page.getByTestId('interpreter-override').getByRole('status').waitFor();
}
