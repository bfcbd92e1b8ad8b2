import path from 'node:path';

/**
 * Test-only: running the whole suite "at" another instant. `YIQIAO_TEST_NOW` (an ISO instant) is
 * turned once into `YIQIAO_TEST_CLOCK_OFFSET_MS`, and every process of the run moves its clock by that
 * offset while time keeps running: the jest workers (test/setup/test-clock.ts), the app processes the
 * tests spawn (`node --require`, see spawnApp) and the browser pages (an init script, see
 * launchChromium). The product's code is unchanged: its SystemClock simply reads the moved Date.
 */
export const TEST_NOW_ENV = 'YIQIAO_TEST_NOW';
export const TEST_CLOCK_OFFSET_ENV = 'YIQIAO_TEST_CLOCK_OFFSET_MS';

/** The run's offset in ms (0 when the suite runs at the real time); derives it from YIQIAO_TEST_NOW once. */
export function testClockOffset(env: NodeJS.ProcessEnv = process.env): number {
  const given = env[TEST_CLOCK_OFFSET_ENV];
  if (given !== undefined && given !== '') return Number(given);
  const at = env[TEST_NOW_ENV];
  if (!at) return 0;
  const target = Date.parse(at);
  if (Number.isNaN(target)) throw new Error(`${TEST_NOW_ENV}=${at} is not an ISO 8601 instant`);
  const offset = target - Date.now();
  env[TEST_CLOCK_OFFSET_ENV] = String(offset);
  return offset;
}

/**
 * Replaces `scope.Date` with one whose "now" is `offsetMs` ahead (or behind); explicit instants,
 * parsing and `instanceof Date` are unchanged. Self-contained so Playwright can ship it to a page.
 */
export function shiftDate(scope: { Date: DateConstructor }, offsetMs: number): void {
  const RealDate = scope.Date;
  const now = () => RealDate.now() + offsetMs;
  scope.Date = new Proxy(RealDate, {
    construct: (target, args: unknown[], newTarget) =>
      Reflect.construct(target, args.length ? args : [now()], newTarget) as object,
    apply: () => new RealDate(now()).toString(),
    get: (target, property, receiver) => {
      if (property === 'now') return now;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** What a page that `moveDate` moved exposes to move it again. */
export interface MovableDateScope {
  Date: DateConstructor;
  __yiqiaoMoveTestDate?: (offsetMs: number) => void;
}

/**
 * Like shiftDate, but the offset can be changed later (a browser test moving one page's clock while
 * it is open): the first call installs the moved Date, later calls only change its offset.
 * Self-contained so Playwright can ship it to a page.
 */
export function moveDate(scope: MovableDateScope, offsetMs: number): void {
  if (scope.__yiqiaoMoveTestDate) {
    scope.__yiqiaoMoveTestDate(offsetMs);
    return;
  }
  const RealDate = scope.Date;
  let offset = offsetMs;
  const now = () => RealDate.now() + offset;
  scope.Date = new Proxy(RealDate, {
    construct: (target, args: unknown[], newTarget) =>
      Reflect.construct(target, args.length ? args : [now()], newTarget) as object,
    apply: () => new RealDate(now()).toString(),
    get: (target, property, receiver) =>
      property === 'now' ? now : (Reflect.get(target, property, receiver) as unknown),
  });
  scope.__yiqiaoMoveTestDate = (next: number) => {
    offset = next;
  };
}

/**
 * The host's real time, for what runs outside the moved processes and keeps its own clock (coturn
 * checks TURN credential expiry against it).
 */
export function hostNow(): number {
  return Date.now() - testClockOffset();
}

/** The preload a spawned app needs for this run's offset (compiled by infra/build.sh), or nothing. */
export function testClockNodeOptions(root: string): string {
  if (testClockOffset() === 0) return '';
  return `--require ${path.join(root, 'dist', 'test', 'setup', 'test-clock.js')}`;
}
