import { launchChromium } from '../../browser/support/stack';
import type { BenchPart } from '../part';
import type { Figure } from '../results';
import { percentile, sleep } from '../stats';
import { startFloorTarget } from './floor-join';
import type { JoinSample, JoinTarget } from './join-target';
import { startProductTarget } from './product-join';

const PART = 'join-time';
const JOINS = 20;
const SPACING_MS = 500;
const MAX_FAILURES = 3;
/** The whole part (setup, joins, teardown) stays within 3 minutes: joins stop at this mark. */
const JOINS_END_MS = 100_000;
const TARGET_P95_MS = 600;
const TARGET_RATIO = 1.3;

interface Series {
  times: number[];
  phases: Record<string, number>[];
  failures: string[];
}

/** The product page's marks, in order: the steps of the web client's join. */
const STEPS: [mark: string, label: string][] = [
  ['joinToken', 'api join token'],
  ['inCall', 'socket + room:join'],
  ['remoteTrack', 'transports + remote audio and video consumers created'],
  ['firstFrame', 'resume, ICE/DTLS, first frame decoded'],
];

/** p50 of each step's own duration (from the previous mark), e.g. "api join token 40 ms → …". */
function breakdown(phases: Record<string, number>[]): string {
  let previous = (_: Record<string, number>) => 0;
  const parts: string[] = [];
  for (const [mark, label] of STEPS) {
    const before = previous;
    const durations = phases.map((p) => p[mark] - before(p)).filter((d) => Number.isFinite(d));
    parts.push(`${label} ${percentile(durations, 50).toFixed(0)} ms`);
    previous = (p) => p[mark];
  }
  return parts.join(' → ');
}

/** Floor and product joins alternate, so both see the same machine load over the run. */
async function measure(
  targets: JoinTarget[],
  deadline: number,
  log: (line: string) => void,
): Promise<Map<string, Series>> {
  const series = new Map(
    targets.map((t): [string, Series] => [t.label, { times: [], phases: [], failures: [] }]),
  );
  for (const target of targets)
    log(`  warm-up ${target.label} join: ${(await target.joinOnce()).ms.toFixed(0)} ms`);
  for (let i = 0; i < JOINS && Date.now() < deadline; i++) {
    for (const target of targets) {
      const s = series.get(target.label)!;
      try {
        const sample: JoinSample = await target.joinOnce();
        s.times.push(sample.ms);
        if (sample.phases) s.phases.push({ ...sample.phases, firstFrame: sample.ms });
      } catch (error) {
        s.failures.push(String(error));
        log(`  ${target.label} join ${i + 1} failed: ${String(error)}`);
        if (s.failures.length > MAX_FAILURES) throw new Error(`${target.label}: too many failed joins`);
      }
      await sleep(SPACING_MS);
    }
  }
  for (const [label, s] of series)
    log(`  ${label}: ${s.times.map((t) => t.toFixed(0)).join(' ')} ms (${s.failures.length} failed)`);
  return series;
}

function figures(floor: Series, product: Series): Figure[] {
  const [f50, f95] = [percentile(floor.times, 50), percentile(floor.times, 95)];
  const [p50, p95] = [percentile(product.times, 50), percentile(product.times, 95)];
  const ratio = p95 / f95;
  const joins = `${product.times.length} spaced joins`;
  return [
    {
      part: PART,
      name: 'product join → first remote frame p50',
      value: p50,
      unit: 'ms',
      reference: `floor p50 ${f50.toFixed(0)} ms; ${joins}`,
    },
    {
      part: PART,
      name: 'product join → first remote frame p95',
      value: p95,
      unit: 'ms',
      reference: `target < ${TARGET_P95_MS} ms and ≤ ${TARGET_RATIO}× floor p95 (${f95.toFixed(0)} ms)`,
      meetsTarget: p95 < TARGET_P95_MS && ratio <= TARGET_RATIO,
    },
    {
      part: PART,
      name: 'floor (bare mediasoup-client) p50',
      value: f50,
      unit: 'ms',
      reference: `${floor.times.length} spaced joins, same run`,
    },
    {
      part: PART,
      name: 'floor (bare mediasoup-client) p95',
      value: f95,
      unit: 'ms',
      reference: 'same Chromium, same machine, same run',
    },
    {
      part: PART,
      name: 'ratio product p95 / floor p95',
      value: ratio,
      unit: '×',
      reference: `target ≤ ${TARGET_RATIO}`,
      meetsTarget: ratio <= TARGET_RATIO,
    },
    {
      part: PART,
      name: 'product join, p50 of each step',
      value: product.phases.length ? breakdown(product.phases) : 'no marks',
      unit: '',
      reference: 'where the product spends the time (web call client order)',
    },
    {
      part: PART,
      name: 'failed joins (product / floor)',
      value: `${product.failures.length} / ${floor.failures.length}`,
      unit: '',
      reference: 'expected 0 / 0',
      meetsTarget: product.failures.length + floor.failures.length === 0,
    },
  ];
}

export const JOIN_TIME: BenchPart = {
  name: PART,
  description:
    'headless Chromium: "join" (after admission) to the first decoded remote video frame, the product (web call client, api, sfu) beside a bare mediasoup-client floor',
  async run(log) {
    const deadline = Date.now() + JOINS_END_MS;
    const browser = await launchChromium();
    const targets: JoinTarget[] = [];
    try {
      targets.push(await startFloorTarget(browser));
      targets.push(await startProductTarget(browser));
      const series = await measure(targets, deadline, log);
      const floor = series.get('floor')!;
      const product = series.get('product')!;
      return {
        figures: figures(floor, product),
        details: {
          spacingMs: SPACING_MS,
          floorMs: floor.times,
          productMs: product.times,
          productPhases: product.phases,
          failures: { floor: floor.failures, product: product.failures },
        },
      };
    } finally {
      for (const target of targets)
        await target.close().catch((error) => log(`  closing ${target.label}: ${String(error)}`));
      await browser.close();
    }
  },
};
