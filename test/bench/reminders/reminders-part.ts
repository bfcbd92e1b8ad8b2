import type { BenchPart } from '../part';
import type { Figure } from '../results';
import { BENCH_WORKER_ENV, runReminderScenario, ScenarioOptions, ScenarioResult } from './reminder-scenario';

const PART = 'reminders';
const BASE: ScenarioOptions = {
  notifications: 10_000,
  windowMs: 60_000,
  leadMs: 8_000,
  drainMs: 20_000,
  workers: 2,
};

function figuresFor(name: string, r: ScenarioResult): Figure[] {
  const e = r.emailLatenessMs;
  const unfinished = r.stillQueued + r.lost;
  const late =
    (r.enqueuedLate ? `; ${r.enqueuedLate} enqueued after due (bench set-up too slow)` : '') +
    (unfinished
      ? `; lower bound: ${unfinished} not delivered by the end of the run count as late as the run`
      : '');
  return [
    {
      part: PART,
      name: `${name}: lateness p50 (e-mail received − due)`,
      value: e.p50,
      unit: 'ms',
      reference: `in-app p50 ${r.inAppLatenessMs.p50.toFixed(0)} ms (informative)`,
    },
    {
      part: PART,
      name: `${name}: lateness p99`,
      value: e.p99,
      unit: 'ms',
      reference: `target < 1000 ms; in-app p99 ${r.inAppLatenessMs.p99.toFixed(0)} ms${late}`,
      meetsTarget: e.p99 < 1000,
    },
    {
      part: PART,
      name: `${name}: lateness max`,
      value: e.max,
      unit: 'ms',
      reference: `in-app max ${r.inAppLatenessMs.max.toFixed(0)} ms (informative)`,
    },
    {
      part: PART,
      name: `${name}: lost`,
      value: r.lost,
      unit: 'notifications',
      reference: `target 0 of ${r.planned}: not received and no job left to send them`,
      meetsTarget: r.lost === 0,
    },
    {
      part: PART,
      name: `${name}: still queued at the end of the run (late)`,
      value: r.stillQueued,
      unit: 'notifications',
      reference: `${r.notSentInDb} not yet 'sent' in PostgreSQL; delivery rate ${r.deliveredPerSecond.toFixed(0)}/s vs ${(r.planned / 60).toFixed(0)}/s due; worker CPU ${r.workerCpuPercent.map((c) => `${c.toFixed(0)}%`).join(', ')}`,
      meetsTarget: r.stillQueued === 0,
    },
    {
      part: PART,
      name: `${name}: duplicated`,
      value: r.emailDuplicates,
      unit: 'e-mails',
      reference: `target 0; ${r.duplicatesWithSameMessageId} of them repeat the first one's Message-ID; ${r.deliveryAttemptsAboveOne} deliveries needed more than one attempt`,
      meetsTarget: r.emailDuplicates === 0,
    },
  ];
}

export const REMINDERS: BenchPart = {
  name: PART,
  description: `${BASE.notifications} reminders due within one minute, ${BASE.workers} worker processes, e-mail over SMTP + in-app; then again with one worker SIGKILLed mid-window`,
  async run(log) {
    log(`   worker settings: product defaults + ${JSON.stringify(BENCH_WORKER_ENV)}`);
    const calm = await runReminderScenario('rem', BASE, log);
    log(`   no kill: ${JSON.stringify(calm)}`);
    const killed = await runReminderScenario('remkill', { ...BASE, killAfterMs: BASE.windowMs / 2 }, log);
    log(`   one worker killed: ${JSON.stringify(killed)}`);
    return {
      figures: [...figuresFor('no failure', calm), ...figuresFor('one of 2 workers SIGKILLed', killed)],
      details: { settings: BENCH_WORKER_ENV, calm, killed },
    };
  },
};
