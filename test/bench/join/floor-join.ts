import type { Browser } from 'playwright-core';
import { sleep } from '../stats';
import { startFloorServer } from './floor-server';
import { JoinSample, JoinTarget, withTimeout } from './join-target';

type FloorWindow = { __produce: () => Promise<void>; __join: () => Promise<number> };

/**
 * The floor: a bare mediasoup-client page against a bare router. One page produces (fake camera);
 * each join is a fresh page measuring call-to-first-decoded-frame in the page itself.
 */
export async function startFloorTarget(browser: Browser): Promise<JoinTarget> {
  const floor = await startFloorServer();
  const context = await browser.newContext();
  try {
    const producer = await context.newPage();
    await producer.goto(floor.url);
    await producer.evaluate(() => (window as unknown as FloorWindow).__produce());
    await sleep(2_000);
  } catch (error) {
    await context.close();
    await floor.close();
    throw error;
  }
  return {
    label: 'floor',
    async joinOnce(): Promise<JoinSample> {
      const page = await context.newPage();
      try {
        await page.goto(floor.url);
        const ms = await withTimeout(
          page.evaluate(() => (window as unknown as FloorWindow).__join()),
          'a floor join',
        );
        return { ms };
      } finally {
        await page.close();
      }
    },
    async close() {
      await context.close();
      await floor.close();
    },
  };
}
