import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { SHANGHAI_ZONE } from '@yiqiao/domain';
import { replaceHolidayYear } from '@yiqiao/persistence';
import { addSpecialistToDepartment, createDepartment, createInstitution, createUser } from '@yiqiao/testing';
import { castPeople, coordinatorBooks, patientRequests, specialistOpensWeek } from './support/booking-flow';
import { startWebServer, type WebServer } from '../../infra/dev/web-server';
import { signedInPage } from './support/journey';
import { ensureWebBuild, launchChromium, startStack, type Stack } from './support/stack';

/**
 * Patients cannot self-book in a year whose holiday notice is not loaded (only 2026 ships). In late
 * December the next weeks fall in the coming year, so load its notice as a hospital would by then
 * (New Year's Day as its only holiday is enough here); earlier in the year this does nothing.
 */
async function loadComingYearCalendar(stack: Stack): Promise<void> {
  const year = DateTime.now().setZone(SHANGHAI_ZONE).plus({ days: 14 }).year;
  const [loaded] = await stack.dataSource.query(`SELECT 1 FROM holiday_calendar_years WHERE year = $1`, [
    year,
  ]);
  if (loaded) return;
  await replaceHolidayYear(
    stack.dataSource.manager,
    {
      year,
      source: 'browser test: the coming year notice',
      days: [
        {
          date: `${year}-01-01`,
          kind: 'holiday',
          nameEn: "New Year's Day",
          nameZh: '元旦',
          scheduleWeekday: null,
        },
      ],
    },
    null,
  );
}

describe('web server for the built app', () => {
  let server: WebServer;

  beforeAll(async () => {
    server = await startWebServer({
      root: ensureWebBuild(),
      host: '127.0.0.1',
      port: 0,
      apiUrl: 'http://127.0.0.1:9',
    });
  });

  afterAll(() => server.close());

  it('serves /config.json with the api URL, uncached', async () => {
    const response = await fetch(`${server.url}/config.json`);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ apiUrl: 'http://127.0.0.1:9' });
  });

  it('answers client-side routes with index.html and never serves files outside the build', async () => {
    const route = await fetch(`${server.url}/consultations/123/call`);
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<div id="root">');
    const escape = await fetch(`${server.url}/..%2f..%2fpackage.json`);
    expect(await escape.text()).not.toContain('"name": "yiqiao"');
  });

  it('refuses writes with 405', async () => {
    const response = await fetch(`${server.url}/config.json`, { method: 'POST' });
    expect(response.status).toBe(405);
  });
});

describe('web app: sign-in and languages (real api)', () => {
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

  it('shows the api’s message on a wrong password and stays on the sign-in page', async () => {
    const user = await createUser(stack.dataSource, 'patient');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${stack.webUrl}/consultations`);
    await page.waitForURL(/\/sign-in$/);
    await page.locator('input[name=email]').fill(user.email);
    await page.locator('input[name=password]').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/\S/);
    expect(page.url()).toMatch(/\/sign-in$/);
    await context.close();
  });

  it('starts in the user’s language, switches from the header, and mirrors the layout for Arabic', async () => {
    const user = await createUser(stack.dataSource, 'patient', { locale: 'ru', fullName: 'Анна Петрова' });
    const page = await signedInPage(browser, stack.webUrl, user.email);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');
    await expect(page.getByRole('link', { name: 'Мои консультации' }).isVisible()).resolves.toBe(true);

    await page.getByTestId('language-switcher').selectOption('ar');
    await page.getByRole('link', { name: 'استشاراتي' }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    // mirrored: the brand sits at the right edge in right-to-left layout
    const brand = await page.locator('.brand').boundingBox();
    expect(brand!.x).toBeGreaterThan(page.viewportSize()!.width / 2);

    await page.getByTestId('language-switcher').selectOption('zh-CN');
    await page.getByRole('link', { name: '我的会诊' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
    await page.context().close();
  });

  it('a patient books a time shown in both clocks, sees it in their list, and cancels it', async () => {
    const institution = await createInstitution(stack.dataSource, { allowsPatientSelfBooking: true });
    const department = await createDepartment(stack.dataSource, institution.id, 'cardiology');
    const doctor = await createUser(stack.dataSource, 'specialist', {
      institutionId: institution.id,
      spokenLanguages: ['ja', 'zh-cmn'],
    });
    await addSpecialistToDepartment(stack.dataSource, doctor.id, department.id);
    const specialist = await signedInPage(browser, stack.webUrl, doctor.email);
    await specialistOpensWeek(specialist, stack.webUrl);
    await specialist.context().close();

    await loadComingYearCalendar(stack);

    const user = await createUser(stack.dataSource, 'patient', {
      locale: 'ja',
      timeZone: 'Asia/Tokyo',
      spokenLanguages: ['ja'],
    });
    const page = await signedInPage(browser, stack.webUrl, user.email);
    await page.goto(`${stack.webUrl}/patient/book`);
    await page.locator('select[name=department]').selectOption(department.id);
    const slot = page.getByTestId('slot').first();
    await slot.waitFor();
    const [patientClock, shanghaiClock] = await Promise.all([
      slot.locator('td').nth(1).innerText(),
      slot.locator('td').nth(2).innerText(),
    ]);
    expect(patientClock).toContain('Asia/Tokyo');
    expect(patientClock.replace('(Asia/Tokyo)', '').trim()).not.toBe(shanghaiClock.trim());
    await slot.locator('input[type=radio]').check();
    await page.getByTestId('book').click();

    const item = page.getByTestId('consultation').first();
    await item.waitFor();
    expect(await item.getAttribute('data-status')).toBe('scheduled');
    // the start (the item also says when the join window opens, in both clocks)
    await expect(item.locator('.second-clock').first().innerText()).resolves.toContain('上海時間');

    page.once('dialog', (dialog) => void dialog.accept('予定が変わりました'));
    await item.getByRole('button', { name: 'キャンセル' }).click();
    await page.locator('[data-testid=consultation][data-status=cancelled]').waitFor({ timeout: 10_000 });
    await page.context().close();
  });

  it('an interpreter sees the automatic offer with its deadline and accepts; the patient’s inbox has the booking', async () => {
    const people = await castPeople(stack.dataSource, 'en');
    const [patient, specialist, coordinator, interpreter] = await Promise.all(
      [people.patient, people.specialist, people.coordinator, people.interpreter].map((u) =>
        signedInPage(browser, stack.webUrl, u.email),
      ),
    );
    await patientRequests(patient, stack.webUrl, people.departmentId);
    await specialistOpensWeek(specialist, stack.webUrl);
    const { consultationId } = await coordinatorBooks(coordinator, stack.webUrl);

    // the interpreter search runs in the worker: reload the offers page until the offer is there
    const offer = interpreter.locator('[data-testid=offer][data-state=offered]');
    for (let attempt = 0; attempt < 20 && !(await offer.count()); attempt++) {
      await interpreter.goto(`${stack.webUrl}/interpreter/offers`);
      await interpreter.waitForTimeout(1000);
    }
    await expect(offer.innerText()).resolves.toMatch(/Answer by/);
    await offer.getByRole('button', { name: 'Accept' }).click();
    await interpreter.locator('[data-testid=offer][data-state=accepted]').waitFor({ timeout: 10_000 });
    await interpreter.goto(`${stack.webUrl}/consultations`);
    // Join inside the join window, else when it opens
    await interpreter
      .locator(`[data-id="${consultationId}"] :is([data-testid=join], [data-testid=join-opens-at])`)
      .waitFor();

    const entry = patient.locator('.notification-list li');
    for (let attempt = 0; attempt < 20 && !(await entry.count()); attempt++) {
      await patient.goto(`${stack.webUrl}/notifications`);
      await patient.waitForTimeout(1000);
    }
    await expect(entry.first().innerText()).resolves.toMatch(/\S/);
    await Promise.all([patient, specialist, coordinator, interpreter].map((p) => p.context().close()));
  });
});
