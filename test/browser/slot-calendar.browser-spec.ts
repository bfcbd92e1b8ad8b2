import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { SHANGHAI_ZONE } from '@yiqiao/domain';
import { addSpecialistToDepartment, createDepartment, createInstitution, createUser } from '@yiqiao/testing';
import { addWeeklyRules, EVERY_DAY } from '../integration/scheduling-fixtures';
import { signedInPage } from './support/journey';
import { launchChromium, startStack, type Stack } from './support/stack';

/**
 * A patient looking at weeks in a year whose public-holiday notice is not loaded gets no times (they
 * might be holidays) and is told why, in their language. The years of the coming weeks are made
 * "not loaded" here, so the test means the same on any date (in late December that is simply true).
 */
describe('web app: self-booking in a year without a holiday calendar (real api)', () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('says the year is not in the calendar yet and to ask the coordinator, instead of an empty list', async () => {
    const today = DateTime.now().setZone(SHANGHAI_ZONE);
    const years = [...new Set([today.year, today.plus({ days: 14 }).year])];
    await stack.dataSource.query(`DELETE FROM holiday_calendar_days WHERE year = ANY($1)`, [years]);
    await stack.dataSource.query(`DELETE FROM holiday_calendar_years WHERE year = ANY($1)`, [years]);
    const institution = await createInstitution(stack.dataSource, { allowsPatientSelfBooking: true });
    const department = await createDepartment(stack.dataSource, institution.id, 'cardiology');
    const doctor = await createUser(stack.dataSource, 'specialist', { institutionId: institution.id });
    await addSpecialistToDepartment(stack.dataSource, doctor.id, department.id);
    await addWeeklyRules(stack.dataSource, doctor.id, [
      { weekdays: EVERY_DAY, start: '08:00', end: '20:00' },
    ]);

    for (const [locale, words] of [
      ['en', /coordinator/],
      ['ru', /координатора/],
    ] as const) {
      const patient = await createUser(stack.dataSource, 'patient', { locale, timeZone: 'Europe/Moscow' });
      const page = await signedInPage(browser, stack.webUrl, patient.email);
      await page.goto(`${stack.webUrl}/patient/book`);
      await page.locator('select[name=department]').selectOption(department.id);
      const notice = page.getByTestId('calendar-missing');
      await notice.waitFor();
      const text = await notice.innerText();
      for (const year of years) expect(text).toContain(String(year));
      expect(text).toMatch(words);
      expect(await page.getByTestId('slot').count()).toBe(0);
      await page.screenshot({ path: `test/artifacts/slot-calendar-missing-${locale}.png` });
      await page.context().close();
    }
  });

  it('explains a refused booking (too little notice) in the patient’s language, not the api’s English', async () => {
    const institution = await createInstitution(stack.dataSource, { allowsPatientSelfBooking: true });
    const department = await createDepartment(stack.dataSource, institution.id, 'urology');
    const doctor = await createUser(stack.dataSource, 'specialist', { institutionId: institution.id });
    await addSpecialistToDepartment(stack.dataSource, doctor.id, department.id);
    const patient = await createUser(stack.dataSource, 'patient', {
      locale: 'ru',
      timeZone: 'Europe/Moscow',
    });
    const page = await signedInPage(browser, stack.webUrl, patient.email);
    // Slot search never offers a time inside the 2-hour notice; list one anyway (as a stale page
    // would) so the real api refuses the booking itself.
    const start = DateTime.now().plus({ minutes: 30 }).startOf('minute').toUTC();
    const span = { start: start.toISO()!, end: start.plus({ minutes: 30 }).toISO()!, zone: SHANGHAI_ZONE };
    await page.route('**/slots?**', (route) =>
      route.fulfill({
        json: {
          calendarMissingYears: [],
          slots: [
            {
              startsAt: span.start,
              endsAt: span.end,
              shanghai: span,
              patient: { ...span, zone: 'Europe/Moscow' },
              specialistId: doctor.id,
              specialistName: 'Test specialist',
              departmentId: department.id,
              durationMinutes: 30,
              calendarConfirmed: true,
            },
          ],
        },
      }),
    );
    await page.goto(`${stack.webUrl}/patient/book`);
    await page.locator('select[name=department]').selectOption(department.id);
    await page.getByTestId('slot').first().locator('input[type=radio]').check();
    await page.getByTestId('book').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    expect(text).toMatch(/не менее чем за 2 часа/);
    expect(text).toMatch(/координатору/);
    expect(text).not.toMatch(/notice_too_short|Patients can book/);
    await page.screenshot({ path: 'test/artifacts/booking-notice-refused-ru.png' });
    await page.context().close();
  });
});
