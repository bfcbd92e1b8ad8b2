import type { Browser, Page } from 'playwright-core';
import { DateTime } from 'luxon';
import { patientChecksAndWaits, screenshot, signedInPage } from './support/journey';
import {
  clockParts,
  consultationAt,
  coordinatorStartsNow,
  MINUTE,
  nextShanghai,
  PATIENT_ZONE,
  readTwoClocks,
  SHANGHAI,
  setAppClock,
} from './support/join-window';
import { launchChromium, startStack, type Stack } from './support/stack';

const TEST_TIMEOUT_MS = 180_000;
/** Two minutes to the window's end, then up to a sweep interval and a busy machine's slack. */
const WINDOW_CLOSE_TIMEOUT_MS = 300_000;
/** Default lead time for patients (institution setting `join_lead_minutes`). */
const PATIENT_LEAD_MINUTES = 15;
/** The join action looks at the clock every 15 s (apps/web/src/components/join-action.tsx). */
const RECHECK_WAIT_MS = 25_000;

/**
 * The join window in the browser, against the real api, sfu and worker: before the window a patient
 * is told when it opens (their clock and Shanghai's), a coordinator's "start now" opens it, and a
 * consultation nobody finished says who did not come.
 */
describe('web app: the join window', () => {
  let stack: Stack;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    await Promise.all(pages.splice(0).map((page) => page.context().close()));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  // The web app's clock is moved to each of these Shanghai instants; the consultation starts three
  // hours later. The instants are the next ones in the future, so the api (on the real clock) and
  // the worker's window sweep leave the consultation scheduled.
  const weekday = (d: DateTime) => d.weekday <= 5;
  const instants: [string, () => DateTime][] = [
    ['03:00 Shanghai on a weekday', () => nextShanghai(3, 0, weekday)],
    ['11:30 Shanghai on a weekday', () => nextShanghai(11, 30, weekday)],
    ['19:45 Shanghai on a Sunday', () => nextShanghai(19, 45, (d) => d.weekday === 7)],
    ['23:30 Shanghai on 31 December', () => nextShanghai(23, 30, (d) => d.month === 12 && d.day === 31)],
  ];

  it.each(instants)(
    'at %s, a patient whose consultation starts in three hours sees "Opens at" in both clocks and no Join button; the button comes when the window opens and goes when it closes, without a reload',
    async (_name, pretendNow) => {
      const appNow = pretendNow().toMillis();
      const cast = await consultationAt(stack.dataSource, new Date(appNow + 3 * 60 * MINUTE));
      const opensAt = cast.startsAt.getTime() - PATIENT_LEAD_MINUTES * MINUTE;

      const page = await signedInPage(browser, stack.webUrl, cast.patient.email);
      pages.push(page);
      await setAppClock(page.context(), appNow);
      await page.goto(`${stack.webUrl}/consultations`);
      const item = page.locator(`[data-id="${cast.consultationId}"]`);
      await item.getByTestId('join-opens-at').waitFor();

      // the opening instant in the patient's own clock, with Shanghai time beside it
      const clocks = await readTwoClocks(
        page,
        `[data-id="${cast.consultationId}"] [data-testid=join-opens-at]`,
      );
      expect(clocks.instant).toBe(opensAt);
      expect(clocks.ownZone).toBe(PATIENT_ZONE);
      expect(clocks.secondZone).toBe(SHANGHAI);
      const own = clockParts(opensAt, PATIENT_ZONE);
      const shanghai = clockParts(opensAt, SHANGHAI);
      expect(clocks.own).toContain(own.date);
      expect(clocks.own).toContain(own.time);
      expect(clocks.second).toContain('Shanghai');
      expect(clocks.second).toContain(shanghai.date);
      expect(clocks.second).toContain(shanghai.time);
      await expect(item.getByTestId('join-opens-at').innerText()).resolves.toMatch(/^Opens at /);
      expect(await item.getByTestId('check-and-join').count()).toBe(0);
      await screenshot(
        page,
        `join-window-opens-at-${DateTime.fromMillis(appNow, { zone: SHANGHAI }).toFormat('ccc-HHmm')}`,
      );

      // the home page says the same
      await page.goto(`${stack.webUrl}/`);
      await page.locator(`[data-id="${cast.consultationId}"] [data-testid=join-opens-at]`).waitFor();
      expect(
        await page.locator(`[data-id="${cast.consultationId}"] [data-testid=check-and-join]`).count(),
      ).toBe(0);

      // a minute after the window opens the button is there, with no reload
      await page.goto(`${stack.webUrl}/consultations`);
      await item.getByTestId('join-opens-at').waitFor();
      await setAppClock(page.context(), opensAt + MINUTE, page);
      await item.getByTestId('check-and-join').waitFor({ timeout: RECHECK_WAIT_MS });
      expect(await item.getByTestId('join-opens-at').count()).toBe(0);

      // after the end and its 30-minute grace, no join any more
      await setAppClock(page.context(), cast.endsAt.getTime() + 31 * MINUTE, page);
      await item.getByTestId('join-closed').waitFor({ timeout: RECHECK_WAIT_MS });
      expect(await item.getByTestId('check-and-join').count()).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a coordinator’s "Start now" with a reason makes the Join button appear for the patient, who reaches the waiting room and is told when the consultation starts',
    async () => {
      const startsAt = new Date(Date.now() + 3 * 60 * MINUTE);
      const cast = await consultationAt(stack.dataSource, startsAt);
      const patient = await signedInPage(browser, stack.webUrl, cast.patient.email);
      const coordinator = await signedInPage(browser, stack.webUrl, cast.coordinator.email);
      pages.push(patient, coordinator);

      await patient.goto(`${stack.webUrl}/consultations`);
      const item = patient.locator(`[data-id="${cast.consultationId}"]`);
      await item.getByTestId('join-opens-at').waitFor();
      expect(await item.getByTestId('check-and-join').count()).toBe(0);
      // the api agrees: no join token yet, and says when the window opens
      const refused = await patient.evaluate(
        async ({ apiUrl, id }) => {
          const tokens = JSON.parse(sessionStorage.getItem('yiqiao.tokens') ?? '{}') as {
            accessToken?: string;
          };
          const response = await fetch(`${apiUrl}/consultations/${id}/join`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${tokens.accessToken}` },
          });
          return {
            status: response.status,
            body: (await response.json()) as { code?: string; opensAt?: string },
          };
        },
        { apiUrl: stack.apiUrl, id: cast.consultationId },
      );
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('join_window_not_open');
      expect(new Date(refused.body.opensAt ?? '').getTime()).toBe(
        startsAt.getTime() - PATIENT_LEAD_MINUTES * MINUTE,
      );

      const reason = 'The patient is travelling tonight and both sides are ready';
      await coordinatorStartsNow(coordinator, stack.webUrl, cast.consultationId, reason);
      const note = coordinator.getByTestId('opened-early');
      await expect(note.innerText()).resolves.toContain('Zhou Min');
      await expect(note.getByTestId('opened-early-reason').innerText()).resolves.toBe(reason);
      expect(await coordinator.getByTestId('start-now-form').count()).toBe(0);
      await screenshot(coordinator, 'join-window-started-early');

      // the patient's list (no reload) now offers the device check, and says who opened it early
      await item.getByTestId('check-and-join').waitFor({ timeout: 30_000 });
      await expect(item.getByTestId('opened-early').innerText()).resolves.toContain('Zhou Min');
      await patientChecksAndWaits(patient, stack.webUrl, cast.consultationId);

      const starts = await readTwoClocks(patient, '[data-testid=waiting-starts-at]');
      expect(starts.instant).toBe(startsAt.getTime());
      expect(starts.ownZone).toBe(PATIENT_ZONE);
      expect(starts.secondZone).toBe(SHANGHAI);
      expect(starts.own).toContain(clockParts(startsAt.getTime(), PATIENT_ZONE).time);
      expect(starts.second).toContain(clockParts(startsAt.getTime(), SHANGHAI).time);
      await expect(patient.getByTestId('waiting-starts-at').innerText()).resolves.toMatch(
        /^The consultation starts at /,
      );
      await screenshot(patient, 'join-window-waiting-room');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'the window closes while the patient waits and the specialist never came: the call says the time is over, the record says the specialist did not attend',
    async () => {
      // 30 minutes long, ending in 2 minutes (time to sign in and check devices even on a busy
      // machine), no grace: the window closes when it ends
      const closesAt = Date.now() + 2 * MINUTE;
      const cast = await consultationAt(stack.dataSource, new Date(closesAt - 30 * MINUTE), {
        minutes: 30,
        graceMinutes: 0,
      });
      const patient = await signedInPage(browser, stack.webUrl, cast.patient.email);
      pages.push(patient);
      await patientChecksAndWaits(patient, stack.webUrl, cast.consultationId);

      expect(Date.now()).toBeLessThan(closesAt);
      // the worker's sweep (every 30 s) ends the room for everyone in it
      const outcome = patient.locator('[data-testid=call-outcome][data-phase=time_over]');
      await outcome.waitFor({ timeout: closesAt - Date.now() + 90_000 });
      await expect(outcome.getByRole('status').innerText()).resolves.toBe("The consultation's time is over.");
      await screenshot(patient, 'join-window-time-over');

      await patient.goto(`${stack.webUrl}/consultations`);
      const badge = patient.locator(`[data-id="${cast.consultationId}"] .badge`);
      await expect(badge.getAttribute('data-no-show-party')).resolves.toBe('specialist');
      await expect(badge.innerText()).resolves.toBe('No-show — specialist did not attend');
      expect(
        await patient.locator(`[data-id="${cast.consultationId}"] [data-testid=check-and-join]`).count(),
      ).toBe(0);
    },
    WINDOW_CLOSE_TIMEOUT_MS,
  );

  const parties: [string, 'patient' | 'specialist' | 'both', string, string][] = [
    ['the patient', 'patient', 'No-show — patient did not attend', '未到场 — 患者未出席'],
    ['the specialist', 'specialist', 'No-show — specialist did not attend', '未到场 — 专家未出席'],
    ['both sides', 'both', 'No-show — neither attended', '未到场 — 双方均未出席'],
  ];

  it.each(parties)(
    'a no-show by %s says who did not attend, in the coordinator’s list and the record, in English and Chinese',
    async (_who, party, english, chinese) => {
      const cast = await consultationAt(stack.dataSource, new Date(Date.now() - 2 * 60 * MINUTE));
      // the state the worker's window sweep leaves (see the test above for the sweep itself)
      await stack.dataSource.query(
        `UPDATE consultations SET status = 'no_show', no_show_party = $2, end_cause = 'window_closed' WHERE id = $1`,
        [cast.consultationId, party],
      );
      const page = await signedInPage(browser, stack.webUrl, cast.coordinator.email);
      pages.push(page);
      await page.goto(`${stack.webUrl}/consultations`);
      const badge = page.locator(`[data-id="${cast.consultationId}"] .badge`);
      await expect(badge.innerText()).resolves.toBe(english);
      expect(await page.locator(`[data-id="${cast.consultationId}"] [data-testid=join]`).count()).toBe(0);

      await page.goto(`${stack.webUrl}/consultations/${cast.consultationId}`);
      const record = page.getByTestId('consultation-record');
      await expect(record.locator('h1 .badge').innerText()).resolves.toBe(english);
      await page.getByTestId('language-switcher').selectOption('zh-CN');
      await expect(record.locator('h1 .badge').innerText()).resolves.toBe(chinese);
      // no raw codes on screen
      await expect(record.innerText()).resolves.not.toMatch(/no_show|window_closed|\bboth\b/);
    },
    TEST_TIMEOUT_MS,
  );
});
