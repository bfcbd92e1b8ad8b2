import type { Browser, Page } from 'playwright-core';
import type { Locale } from '@yiqiao/domain';
import {
  castPeople,
  coordinatorAssignsInterpreter,
  coordinatorBooks,
  patientRequests,
  specialistOpensWeek,
} from './support/booking-flow';
import { coordinatorOpensRoomNow } from './support/join-window';
import { launchChromium, startStack, type Stack } from './support/stack';
import {
  castConsultation,
  expectChat,
  expectCompleted,
  writeNotes,
  expectMediaFrom,
  joinCall,
  patientChecksAndWaits,
  screenshot,
  sendChat,
  signedInPage,
} from './support/journey';

const JOURNEY_TIMEOUT_MS = 180_000;

/**
 * The consultation call as people use it, in real Chromium with a fake camera and microphone, against
 * the real api, sfu (mediasoup) and worker processes.
 */
describe('web app: the consultation journey in the browser', () => {
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

  const journeys: [string, Locale, { dir: 'ltr' | 'rtl'; waitingTitle: string }][] = [
    ['English', 'en', { dir: 'ltr', waitingTitle: 'Please wait' }],
    ['Arabic (right to left)', 'ar', { dir: 'rtl', waitingTitle: 'يرجى الانتظار' }],
    ['Japanese', 'ja', { dir: 'ltr', waitingTitle: 'お待ちください' }],
  ];

  it.each(journeys)(
    'coordinator books with interpreter; patient (%s UI) checks devices and waits, is admitted; all three see and hear each other; chat; end',
    async (_name, locale, expected) => {
      const people = await castPeople(stack.dataSource, locale);
      const patient = await signedInPage(browser, stack.webUrl, people.patient.email);
      const specialist = await signedInPage(browser, stack.webUrl, people.specialist.email);
      const interpreterPage = await signedInPage(browser, stack.webUrl, people.interpreter.email);
      const coordinator = await signedInPage(browser, stack.webUrl, people.coordinator.email);
      pages.push(patient, specialist, interpreterPage, coordinator);

      // the patient asks, the specialist opens hours, the coordinator books with an interpreter
      await patientRequests(patient, stack.webUrl, people.departmentId);
      await specialistOpensWeek(specialist, stack.webUrl);
      const booking = await coordinatorBooks(coordinator, stack.webUrl);
      await coordinatorAssignsInterpreter(coordinator, people.interpreter.id);
      const consultationId = booking.consultationId;
      // the first free slot may be hours ahead: the coordinator opens the room now (join window)
      await coordinatorOpensRoomNow(coordinator, stack.webUrl, consultationId, 'Everyone is ready early');
      await screenshot(coordinator, `journey-${locale}-coordinator-booked`);
      const cast = { consultationId, patient: people.patient, specialist: people.specialist };
      const interpreter = people.interpreter;

      // the patient's UI follows their preferred language, mirrored for Arabic
      expect(
        await patient.evaluate(() => [document.documentElement.lang, document.documentElement.dir]),
      ).toEqual([locale, expected.dir]);

      await joinCall(specialist, stack.webUrl, cast.consultationId);
      await joinCall(interpreterPage, stack.webUrl, cast.consultationId);
      await patientChecksAndWaits(patient, stack.webUrl, cast.consultationId);
      await patient.getByRole('heading', { name: expected.waitingTitle }).waitFor();
      await screenshot(patient, `journey-${locale}-waiting-room`);

      // the specialist is alerted and admits
      await specialist.getByTestId('waiting-alert').waitFor({ timeout: 15_000 });
      await specialist.getByTestId('admit').click();
      await patient.locator('[data-testid=call][data-phase=in_call]').waitFor({ timeout: 20_000 });

      // each sees and hears the two others: decoded frames in WebRTC stats, not only DOM elements
      await expectMediaFrom(patient, [cast.specialist.id, interpreter.id]);
      await expectMediaFrom(specialist, [cast.patient.id, interpreter.id]);
      await expectMediaFrom(interpreterPage, [cast.patient.id, cast.specialist.id]);
      await screenshot(patient, `journey-${locale}-call`);

      // the coordinator sees the running session on the live page and the booking on the week board
      await coordinator.goto(`${stack.webUrl}/coordinator/live`);
      await coordinator
        .locator(`[data-id="${cast.consultationId}"][data-status=in_progress]`)
        .waitFor({ timeout: 20_000 });
      await coordinator.goto(`${stack.webUrl}${booking.boardPath}`);
      await coordinator.locator('.board-item', { hasText: 'Layla Haddad' }).first().click();
      await coordinator.getByTestId('interpreter-override').waitFor();

      await sendChat(patient, `Hello doctor (${locale})`);
      await expectChat(specialist, `Hello doctor (${locale})`);
      await expectChat(interpreterPage, `Hello doctor (${locale})`);
      await sendChat(specialist, '您好 — hello');
      await expectChat(patient, '您好 — hello');

      await specialist.getByTestId('end-call').click();
      await specialist.getByTestId('confirm-end').click();
      await patient.locator('[data-testid=call-outcome][data-phase=ended]').waitFor({ timeout: 15_000 });
      await expectCompleted(patient, stack.webUrl, cast.consultationId);
      await screenshot(patient, `journey-${locale}-completed`);
      await writeNotes(
        specialist,
        stack.webUrl,
        cast.consultationId,
        `Follow-up MRI advised (${locale}). 建议复查。`,
      );
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'phone-sized patient journey: device check, waiting room (specialist alerted on the home page), call, no sideways scrolling',
    async () => {
      const cast = await castConsultation(stack.dataSource, { patientLocale: 'en', withInterpreter: false });
      const patient = await signedInPage(browser, stack.webUrl, cast.patient.email, {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        deviceScaleFactor: 2,
      });
      const specialist = await signedInPage(browser, stack.webUrl, cast.specialist.email);
      pages.push(patient, specialist);

      // the patient waits first; the specialist, still on the home page, is alerted there and joins from it
      await patientChecksAndWaits(patient, stack.webUrl, cast.consultationId);
      await specialist.getByTestId('home-waiting-alert').getByRole('link').click({ timeout: 30_000 });
      await specialist.getByTestId('admit').click({ timeout: 20_000 });
      await patient.locator('[data-testid=call][data-phase=in_call]').waitFor({ timeout: 20_000 });
      await expectMediaFrom(patient, [cast.specialist.id]);
      await expectMediaFrom(specialist, [cast.patient.id]);

      // a mobile browser widens its layout viewport to the content: compare with the device width itself
      const contentWidth = await patient.evaluate(() => document.documentElement.scrollWidth);
      expect(contentWidth).toBeLessThanOrEqual(390);
      await expect(
        patient.getByRole('toolbar').getByRole('button', { name: 'Mute' }).isVisible(),
      ).resolves.toBe(true);
      await screenshot(patient, 'journey-phone-call');

      await specialist.getByTestId('end-call').click();
      await specialist.getByTestId('confirm-end').click();
      await patient.locator('[data-testid=call-outcome][data-phase=ended]').waitFor({ timeout: 15_000 });
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'a media-server restart shows a visible reconnecting state, then both sides are back in the call with media',
    async () => {
      const cast = await castConsultation(stack.dataSource, { patientLocale: 'en', withInterpreter: false });
      const patient = await signedInPage(browser, stack.webUrl, cast.patient.email);
      const specialist = await signedInPage(browser, stack.webUrl, cast.specialist.email);
      pages.push(patient, specialist);
      await joinCall(specialist, stack.webUrl, cast.consultationId);
      await patientChecksAndWaits(patient, stack.webUrl, cast.consultationId);
      await specialist.getByTestId('admit').click();
      await expectMediaFrom(patient, [cast.specialist.id]);

      await stack.sfu.stop();
      for (const page of [patient, specialist])
        await page.locator('[data-testid=call][data-phase=reconnecting]').waitFor({ timeout: 15_000 });
      await screenshot(patient, 'reconnecting');

      await stack.sfu.start();
      for (const page of [patient, specialist])
        await page.locator('[data-testid=call][data-phase=in_call]').waitFor({ timeout: 30_000 });
      await expectMediaFrom(patient, [cast.specialist.id]);
      await expectMediaFrom(specialist, [cast.patient.id]);
    },
    JOURNEY_TIMEOUT_MS,
  );
});
