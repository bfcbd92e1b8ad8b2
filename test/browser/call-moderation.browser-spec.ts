import type { Browser, Page } from 'playwright-core';
import { eventually } from '@yiqiao/testing';
import { launchChromium, startStack, type Stack } from './support/stack';
import {
  castConsultation,
  expectMediaFrom,
  joinCall,
  patientChecksAndWaits,
  screenshot,
  signedInPage,
} from './support/journey';

const TEST_TIMEOUT_MS = 150_000;

interface InboundStats {
  userId: string;
  kind: 'audio' | 'video';
  bytesReceived: number;
}

/** Audio bytes the page has received from one person (the call page's WebRTC stats hook). */
async function audioBytesFrom(page: Page, userId: string): Promise<number> {
  return page.evaluate(async (from) => {
    const hook = (window as unknown as { __yiqiaoStats?: () => Promise<InboundStats[]> }).__yiqiaoStats;
    const stats = hook ? await hook() : [];
    return stats
      .filter((s) => s.userId === from && s.kind === 'audio')
      .reduce((sum, s) => sum + s.bytesReceived, 0);
  }, userId);
}

/** Staff moderation in the call page, in real Chromium against the real api, sfu and worker processes. */
describe('web app: staff mute a participant in the call', () => {
  let stack: Stack;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    stack = await startStack();
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pages.map((page) => page.context().close()));
    await browser?.close();
    await stack?.stop();
  });

  it(
    'the specialist mutes the patient from the participants list; the patient is told, sees the mic muted, and unmutes',
    async () => {
      const cast = await castConsultation(stack.dataSource, { patientLocale: 'en', withInterpreter: false });
      const patient = await signedInPage(browser, stack.webUrl, cast.patient.email);
      // the specialist's interface is in Chinese (their preferred language)
      const specialist = await signedInPage(browser, stack.webUrl, cast.specialist.email);
      pages.push(patient, specialist);
      await joinCall(specialist, stack.webUrl, cast.consultationId);
      await patientChecksAndWaits(patient, stack.webUrl, cast.consultationId);
      await specialist.getByTestId('admit').click({ timeout: 20_000 });
      await expectMediaFrom(specialist, [cast.patient.id]);

      // the patient sees no mute buttons for others; the specialist has one, labelled with the name
      const patientRow = (page: Page) =>
        page.locator(`[data-testid=participants] [data-user="${cast.patient.id}"]`);
      await expect(patient.getByTestId('mute-participant').count()).resolves.toBe(0);
      const muteButton = specialist.getByRole('button', { name: '将Layla Haddad静音' });
      await muteButton.waitFor();
      await screenshot(specialist, 'moderation-specialist-can-mute');
      await muteButton.click();

      await patient
        .getByTestId('muted-notice')
        .getByText('Dr. Wang Fang 王芳 muted your microphone')
        .waitFor();
      const micButton = patient.getByRole('toolbar').getByRole('button', { name: 'Unmute', exact: true });
      await expect(micButton.getAttribute('aria-pressed')).resolves.toBe('true');
      await patientRow(specialist).and(specialist.locator('[data-muted=true]')).waitFor();
      await expect(specialist.getByTestId('mute-participant').count()).resolves.toBe(0);
      await screenshot(patient, 'moderation-patient-muted');

      await patient.getByTestId('muted-notice').getByRole('button', { name: 'Dismiss' }).click();
      await expect(patient.getByTestId('muted-notice').count()).resolves.toBe(0);
      await expect(micButton.getAttribute('aria-pressed')).resolves.toBe('true');

      // unmuting resumes the producer on both sides: the specialist hears the patient again
      const before = await audioBytesFrom(specialist, cast.patient.id);
      await micButton.click();
      await patient.getByRole('toolbar').getByRole('button', { name: 'Mute', exact: true }).waitFor();
      await patientRow(specialist).and(specialist.locator('[data-muted=false]')).waitFor();
      await specialist.getByRole('button', { name: '将Layla Haddad静音' }).waitFor();
      await eventually(
        async () => (await audioBytesFrom(specialist, cast.patient.id)) > before + 2_000,
        'audio from the patient again',
      );
    },
    TEST_TIMEOUT_MS,
  );
});
