import type { Browser } from 'playwright-core';
import { sleep } from '../stats';
import { startFloorServer } from './floor-server';

/**
 * Join times on the bare page: one page produces (fake camera), then `count` fresh pages join one
 * after another, `spacingMs` apart, each measuring call-to-first-decoded-frame in the page itself.
 */
export async function measureFloorJoins(
  browser: Browser,
  count: number,
  spacingMs: number,
): Promise<number[]> {
  const floor = await startFloorServer();
  const context = await browser.newContext();
  try {
    const producer = await context.newPage();
    await producer.goto(floor.url);
    await producer.evaluate(() => (window as unknown as { __produce: () => Promise<void> }).__produce());
    await sleep(2_000);
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const page = await context.newPage();
      await page.goto(floor.url);
      times.push(
        await page.evaluate(() => (window as unknown as { __join: () => Promise<number> }).__join()),
      );
      await page.close();
      await sleep(spacingMs);
    }
    return times;
  } finally {
    await context.close();
    await floor.close();
  }
}
