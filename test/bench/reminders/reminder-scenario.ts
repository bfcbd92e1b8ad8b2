import { freePort, waitForHealthy } from '@yiqiao/testing';
import type { AppProcess } from '@yiqiao/testing';
import { percentile, sleep } from '../stats';
import { spawnApp, stopWithin } from '@yiqiao/testing';
import { createBenchDatabase } from '../support/bench-database';
import { BENCH_REDIS_URL, benchPrefix } from '../support/bench-env';
import { cpuMeter } from '../support/proc-stats';
import { deleteRedisPrefix } from '../support/redis-cleanup';
import { benchNotificationQueue, createReminders, scheduleReminders } from './reminder-world';
import { startSmtpReceiver } from './smtp-receiver';

/**
 * Worker settings of the run. Product defaults, except the crash-recovery timings (job lock, delivery
 * lease, retry backoff), shortened as in the notification tests so a killed worker's jobs are taken
 * over within the bench's bounded run instead of minutes later.
 */
export const BENCH_WORKER_ENV = {
  NOTIFICATION_JOB_LOCK_MS: '5000',
  DELIVERY_LEASE_MS: '10000',
  SMTP_TIMEOUT_MS: '5000',
  DELIVERY_BACKOFF_MS: '1000',
  DELIVERY_BACKOFF_MAX_MS: '5000',
};

export interface ScenarioOptions {
  notifications: number;
  windowMs: number;
  leadMs: number;
  drainMs: number;
  workers: number;
  /** SIGKILL the first worker this long after the window opens (undefined: no kill) */
  killAfterMs?: number;
}

export interface ScenarioResult {
  planned: number;
  planSeconds: number;
  enqueueSeconds: number;
  enqueuedLate: number;
  /** deliveries per second over the window and drain (e-mails received) */
  deliveredPerSecond: number;
  /** CPU of each worker still alive at the end, over the window and drain (% of one core) */
  workerCpuPercent: number[];
  /** not received by the end of the bounded run, but their job is still queued: late, not lost */
  stillQueued: number;
  emailLatenessMs: { p50: number; p99: number; max: number };
  inAppLatenessMs: { p50: number; p99: number; max: number };
  emailDuplicates: number;
  /** repeats carrying the first e-mail's Message-ID (a receiver can recognise and drop them) */
  duplicatesWithSameMessageId: number;
  lost: number;
  notSentInDb: number;
  deliveryAttemptsAboveOne: number;
  unmatchedMail: number;
  killedAt: string | null;
}

/** BullMQ job states in which a delivery will still run. */
const QUEUED_STATES: string[] = ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'];

const summary = (values: number[]) => ({
  p50: percentile(values, 50),
  p99: percentile(values, 99),
  max: values.length ? Math.max(...values) : NaN,
});

/** Starts a worker process, tracked in `into` from the start so it is stopped whatever happens next. */
async function startWorker(env: Record<string, string>, into: AppProcess[]): Promise<void> {
  const port = await freePort();
  const worker = spawnApp('worker', { ...env, WORKER_PORT: String(port) });
  into.push(worker);
  await waitForHealthy(`http://127.0.0.1:${port}/health`, worker, 60_000);
}

/** One run: plan the reminders, start the workers, (maybe kill one), wait, count from both sides. */
export async function runReminderScenario(
  label: string,
  options: ScenarioOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const prefix = benchPrefix(label);
  const db = await createBenchDatabase(label);
  const receiver = await startSmtpReceiver(await freePort());
  const notifications = benchNotificationQueue(BENCH_REDIS_URL, prefix);
  const workers: AppProcess[] = [];
  try {
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${receiver.port}`,
      LOG_LEVEL: 'warn',
      ...BENCH_WORKER_ENV,
    };
    const [set] = await Promise.all([
      createReminders(db, notifications.queue, options.notifications / 2),
      ...Array.from({ length: options.workers }, () => startWorker(env, workers)),
    ]);
    const windowStart = Date.now() + options.leadMs;
    const plan = await scheduleReminders(db, notifications.queue, set, windowStart, options.windowMs);
    log(
      `   ${label}: ${plan.dueAt.size} planned in ${set.planSeconds.toFixed(1)} s, enqueued in ${plan.enqueueSeconds.toFixed(1)} s ` +
        `(${plan.enqueuedLate} after due); ${options.workers} workers up; window opens in ${((windowStart - Date.now()) / 1000).toFixed(1)} s`,
    );
    await sleep(Math.max(0, windowStart - Date.now()));
    const meters = workers.map((w) => cpuMeter(w.child.pid as number));
    let killedAt: string | null = null;
    if (options.killAfterMs !== undefined) {
      await sleep(Math.max(0, windowStart + options.killAfterMs - Date.now()));
      workers[0].child.kill('SIGKILL');
      killedAt = new Date().toISOString();
      log(`   ${label}: SIGKILLed worker pid ${workers[0].child.pid} at ${killedAt}`);
    }
    const windowEnd = windowStart + options.windowMs;
    const deadline = windowEnd + options.drainMs;
    await sleep(Math.max(0, windowEnd - Date.now()));
    while (Date.now() < deadline) {
      const [{ n }] = (await db.ds.query(
        `SELECT count(*)::int AS n FROM notifications WHERE status = 'pending'`,
      )) as { n: number }[];
      if (n === 0 && receiver.arrivals.size >= plan.dueAt.size) break;
      await sleep(500);
    }
    const deliveredPerSecond = receiver.arrivals.size / ((Date.now() - windowStart) / 1000);
    const workerCpuPercent = workers
      .filter((w) => w.child.exitCode === null && w.child.signalCode === null)
      .map((w) => meters[workers.indexOf(w)].stop());
    // stop the workers (a graceful stop finishes active jobs) before counting, so nothing moves meanwhile
    await Promise.all(workers.map((w) => stopWithin(w)));
    await sleep(1_000); // let anything in flight (a repeat) arrive

    // a reminder not received by the end counts with its lateness so far (a lower bound), so the
    // percentiles cover every planned reminder rather than only the ones that made it
    const endedAt = Date.now();
    const emailLateness: number[] = [];
    let duplicates = 0;
    let sameMessageId = 0;
    const missing: string[] = [];
    for (const [id, due] of plan.dueAt) {
      const times = receiver.arrivals.get(id);
      if (!times) {
        missing.push(id);
        emailLateness.push(endedAt - due);
      } else {
        emailLateness.push(times[0].at - due);
        duplicates += times.length - 1;
        sameMessageId += times
          .slice(1)
          .filter((t) => t.messageId && t.messageId === times[0].messageId).length;
      }
    }
    const inApp = (await db.ds.query(
      `SELECT extract(epoch FROM (COALESCE(d.sent_at, to_timestamp($1 / 1000.0)) - n.due_at)) * 1000 AS ms
         FROM notifications n
         LEFT JOIN notification_deliveries d ON d.notification_id = n.id AND d.channel = 'in_app' AND d.state = 'sent'`,
      [endedAt],
    )) as { ms: number }[];
    const [{ notsent, retried }] = (await db.ds.query(
      `SELECT (SELECT count(*)::int FROM notifications WHERE status <> 'sent') AS notsent,
              (SELECT count(*)::int FROM notification_deliveries WHERE attempts > 1) AS retried`,
    )) as { notsent: number; retried: number }[];
    const states = await Promise.all(missing.map((id) => notifications.queue.getJobState(id)));
    const stillQueued = states.filter((s) => QUEUED_STATES.includes(s)).length;
    return {
      planned: plan.dueAt.size,
      planSeconds: set.planSeconds,
      enqueueSeconds: plan.enqueueSeconds,
      enqueuedLate: plan.enqueuedLate,
      deliveredPerSecond,
      workerCpuPercent,
      stillQueued,
      emailLatenessMs: summary(emailLateness),
      inAppLatenessMs: summary(inApp.map((r) => Number(r.ms))),
      emailDuplicates: duplicates,
      duplicatesWithSameMessageId: sameMessageId,
      lost: missing.length - stillQueued,
      notSentInDb: notsent,
      deliveryAttemptsAboveOne: retried,
      unmatchedMail: receiver.unmatched(),
      killedAt,
    };
  } finally {
    await Promise.all(workers.map((w) => stopWithin(w)));
    await notifications.close();
    await receiver.close();
    await db.drop();
    await deleteRedisPrefix(BENCH_REDIS_URL, prefix);
  }
}
