import type { Browser } from 'playwright-core';
import { sleep } from '../stats';
import { JoinSample, JoinTarget, withTimeout } from './join-target';
import { startProductStack, type TokenPair } from './product-stack';

type ProductWindow = {
  __host: (consultationId: string, tokens: TokenPair) => Promise<void>;
  __join: (consultationId: string, tokens: TokenPair) => Promise<number>;
  __leave: () => void;
  __marks: () => Record<string, number>;
};

/**
 * The product path: the specialist is in the call (fake camera) in one browser context; each join is a
 * fresh patient page running the web app's call client against the real api and sfu processes. The
 * first join goes through the waiting room (the specialist's page admits); it is a warm-up, so the
 * measured joins are all "after admission".
 */
export async function startProductTarget(browser: Browser): Promise<JoinTarget> {
  const stack = await startProductStack();
  const hostContext = await browser.newContext();
  const patientContext = await browser.newContext();
  const closeAll = async () => {
    await patientContext.close();
    await hostContext.close();
    await stack.stop();
  };
  try {
    const host = await hostContext.newPage();
    await host.goto(stack.pageUrl);
    await withTimeout(
      host.evaluate(([id, tokens]) => (window as unknown as ProductWindow).__host(id, tokens), [
        stack.consultationId,
        stack.specialist,
      ] as const),
      'the specialist entering the call',
    );
    await sleep(2_000);
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    label: 'product',
    async joinOnce(): Promise<JoinSample> {
      const page = await patientContext.newPage();
      try {
        await page.goto(stack.pageUrl);
        const ms = await withTimeout(
          page.evaluate(([id, tokens]) => (window as unknown as ProductWindow).__join(id, tokens), [
            stack.consultationId,
            stack.patient,
          ] as const),
          'a product join',
        );
        const phases = await page.evaluate(() => (window as unknown as ProductWindow).__marks());
        await page.evaluate(() => (window as unknown as ProductWindow).__leave());
        return { ms, phases };
      } finally {
        await page.close();
      }
    },
    close: closeAll,
  };
}
