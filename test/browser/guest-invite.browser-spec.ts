import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '@yiqiao/testing';
import { launchChromium, startStack, type Stack } from './support/stack';
import {
  castConsultation,
  expectMediaFrom,
  joinCall,
  screenshot,
  signedInPage,
  type Cast,
} from './support/journey';

const JOURNEY_TIMEOUT_MS = 180_000;
/** The guest's browser clock: neither the patient's (Dubai) nor Shanghai, so both clocks show. */
const GUEST_ZONE = 'Europe/Moscow';

interface InboundFigures {
  userId: string;
  kind: 'audio' | 'video';
  bytesReceived: number;
  framesDecoded: number;
}

/** Video bytes received from `userId`, read from the call page's WebRTC stats hook. */
async function videoBytesFrom(page: Page, userId: string): Promise<number> {
  const stats = await page.evaluate(async () => {
    const hook = (window as unknown as { __yiqiaoStats?: () => Promise<InboundFigures[]> }).__yiqiaoStats;
    return hook ? hook() : [];
  });
  return stats.find((s) => s.userId === userId && s.kind === 'video')?.bytesReceived ?? 0;
}

/** A browser with no sign-in at all, as a family member opening the e-mailed link would have. */
async function guestBrowser(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    permissions: ['camera', 'microphone'],
    timezoneId: GUEST_ZONE,
    // an English browser: the Russian UI must come from the invitation
    locale: 'en-US',
  });
}

/** The patient invites from the consultation list's guests page; returns the link's path and the guest id. */
async function patientInvites(
  page: Page,
  webUrl: string,
  consultationId: string,
  guest: { name: string; language: string; relationship: string },
): Promise<{ path: string; guestId: string }> {
  await page.goto(`${webUrl}/consultations`);
  await page.locator(`[data-id="${consultationId}"] [data-testid=guests-link]`).click();
  await page.getByTestId('guests-page').waitFor();
  const form = page.getByTestId('invite-guest-form');
  await form.locator('input[name=name]').fill(guest.name);
  await form.locator('select[name=language]').selectOption(guest.language);
  await form.locator('input[name=relationship]').fill(guest.relationship);
  await page.getByTestId('send-invitation').click();
  await page.getByTestId('invited').waitFor({ timeout: 10_000 });
  const item = page.getByTestId('guest').filter({ hasText: guest.name });
  const link = await item.getByTestId('invite-url').inputValue();
  expect(link).toMatch(/\/guest\/[^/]+$/);
  // the api builds the link on its configured public address; this test's web app listens elsewhere
  return { path: new URL(link).pathname, guestId: (await item.getAttribute('data-id')) as string };
}

/**
 * A family member invited by the patient joins the call from a link, without an account: in real
 * Chromium against the real api, sfu (mediasoup) and worker processes.
 */
describe('web app: inviting a family member to the call', () => {
  let stack: Stack;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  async function signIn(email: string, extra: string[] = []): Promise<Page> {
    const page = await signedInPage(browser, stack.webUrl, email, {
      permissions: ['camera', 'microphone', ...extra],
    });
    contexts.push(page.context());
    return page;
  }

  it(
    'patient invites Anna (Russian); from the link, with no sign-in, she sees both clocks, checks devices, waits, is admitted by the specialist and receives video; a withdrawn link is explained',
    async () => {
      const cast: Cast = await castConsultation(stack.dataSource, {
        patientLocale: 'en',
        withInterpreter: false,
      });
      const patient = await signIn(cast.patient.email, ['clipboard-read', 'clipboard-write']);
      const invitation = await patientInvites(patient, stack.webUrl, cast.consultationId, {
        name: 'Anna',
        language: 'ru',
        relationship: 'daughter',
      });
      const anna = patient.getByTestId('guest').filter({ hasText: 'Anna' });
      await expect(anna.getByTestId('email-status').getAttribute('data-status')).resolves.toBe('none');
      await anna.getByTestId('copy-link').click();
      await expect(patient.evaluate(() => navigator.clipboard.readText())).resolves.toBe(
        await anna.getByTestId('invite-url').inputValue(),
      );
      await screenshot(patient, 'guest-invite-patient-invited');

      // Anna: a fresh browser, never signed in
      const guestContext = await guestBrowser(browser);
      contexts.push(guestContext);
      const guest = await guestContext.newPage();
      await guest.goto(`${stack.webUrl}${invitation.path}`);
      await guest.getByTestId('guest-invitation').waitFor({ timeout: 15_000 });
      expect(new URL(guest.url()).pathname).toBe(invitation.path);
      await guest.getByRole('heading', { name: /Здравствуйте, Anna/ }).waitFor();
      expect(await guest.evaluate(() => document.documentElement.lang)).toBe('ru');
      const clocks = guest.getByTestId('guest-time');
      await expect(clocks.locator(`time[data-zone="${GUEST_ZONE}"]`).isVisible()).resolves.toBe(true);
      await expect(clocks.locator('.second-clock[data-zone="Asia/Shanghai"]').innerText()).resolves.toMatch(
        /^Шанхай: /,
      );
      await expect(guest.getByText('Dr. Wang Fang 王芳').isVisible()).resolves.toBe(true);

      // the device check, against the SFU with the guest's own join token
      await guest.locator('.network-check[data-state=ok]').waitFor({ timeout: 20_000 });
      await guest.waitForFunction(
        () => Number(document.querySelector('#mic-level')?.getAttribute('data-level')) > 0,
        null,
        { timeout: 10_000 },
      );
      await screenshot(guest, 'guest-invite-device-check');
      await guest.getByTestId('continue-to-call').click();
      await guest.getByTestId('waiting-room').waitFor({ timeout: 20_000 });
      await guest.getByRole('heading', { name: 'Пожалуйста, подождите' }).waitFor();
      expect(new URL(guest.url()).pathname).toBe(`${invitation.path}/call`);

      // the specialist joins, sees Anna waiting and lets her in
      const specialist = await signIn(cast.specialist.email);
      await joinCall(specialist, stack.webUrl, cast.consultationId);
      const waiting = specialist.locator('.waiting-person', { hasText: 'Anna' });
      await waiting.waitFor({ timeout: 20_000 });
      await waiting.getByTestId('admit').click();
      await guest.locator('[data-testid=call][data-phase=in_call]').waitFor({ timeout: 20_000 });

      // Anna receives the specialist's video and audio, and the video keeps coming and plays
      await expectMediaFrom(guest, [cast.specialist.id]);
      const before = await videoBytesFrom(guest, cast.specialist.id);
      await eventually(
        async () => (await videoBytesFrom(guest, cast.specialist.id)) > before,
        'video bytes from the specialist to grow on the guest page',
      );
      const remoteVideo = guest.locator(`[data-testid=remote-tile][data-user="${cast.specialist.id}"] video`);
      await eventually(
        () =>
          remoteVideo.evaluate(
            (video: HTMLVideoElement) => !video.paused && video.videoWidth > 0 && video.currentTime > 0,
          ),
        'the specialist’s video to play on the guest page',
      );
      await expectMediaFrom(specialist, [invitation.guestId]);
      await screenshot(guest, 'guest-invite-call');

      // mid-visit: the specialist's call page links to the guests page in a new, still signed-in tab
      const [tab] = await Promise.all([
        specialist.context().waitForEvent('page'),
        specialist.getByTestId('invite-guest').click(),
      ]);
      await tab.getByTestId('guests-page').waitFor({ timeout: 15_000 });
      await tab.getByTestId('guest').filter({ hasText: 'Anna' }).waitFor();

      // the patient's list shows that Anna joined, then the patient withdraws her invitation
      await patient.reload();
      await anna.getByText(/^Last joined /).waitFor({ timeout: 10_000 });
      patient.once('dialog', (dialog) => void dialog.accept());
      await anna.getByTestId('withdraw-guest').click();
      await patient.locator('[data-testid=guest][data-withdrawn=true]', { hasText: 'Anna' }).waitFor();
      await expect(anna.getByTestId('invite-url').count()).resolves.toBe(0);

      // Anna was still in the call: she is put out of it at once and told why, in Russian
      const outcome = guest.locator('[data-testid=call-outcome][data-phase=withdrawn]');
      await outcome.waitFor({ timeout: 15_000 });
      await expect(outcome.getByRole('status').innerText()).resolves.toBe(
        'Ваше приглашение отозвано, поэтому вы покинули звонок.',
      );
      await specialist
        .locator(`[data-testid=remote-tile][data-user="${invitation.guestId}"]`)
        .waitFor({ state: 'detached', timeout: 15_000 });

      // the withdrawn link now explains itself instead of showing a blank page or a sign-in form
      const laterContext = await guestBrowser(browser);
      contexts.push(laterContext);
      const later = await laterContext.newPage();
      await later.goto(`${stack.webUrl}${invitation.path}`);
      const problem = later.locator('[data-testid=invitation-problem][data-kind=invalid]');
      await problem.waitFor({ timeout: 15_000 });
      await expect(problem.getByRole('heading').innerText()).resolves.toBe(
        'This invitation link does not work',
      );
      expect(new URL(later.url()).pathname).toBe(invitation.path);
      await screenshot(later, 'guest-invite-withdrawn');
    },
    JOURNEY_TIMEOUT_MS,
  );
});
