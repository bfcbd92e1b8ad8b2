import { FIXTURE_PASSWORD, freePort, waitForHealthy } from '@yiqiao/testing';
import type { AppProcess } from '@yiqiao/testing';
import type { BenchPart } from '../part';
import type { Figure } from '../results';
import { percentile, sleep } from '../stats';
import { bookDistinct, countStatuses } from '../booking/booking-runs';
import { startSmtpReceiver } from '../reminders/smtp-receiver';
import { spawnApp, stopWithin } from '@yiqiao/testing';
import { createBenchDatabase } from '../support/bench-database';
import { BENCH_REDIS_URL, benchPrefix } from '../support/bench-env';
import { JsonClient, runPool } from '../support/http-client';
import { deleteRedisPrefix } from '../support/redis-cleanup';
import { startAcceptLoop } from './accept-loop';
import { interpreterJobCounts } from './interpreter-queue-counts';
import { tallyAssignments, timesToFirstOffer } from './interpreter-checks';
import { createInterpreterWorld } from './interpreter-world';

const PART = 'interpreters';
const CONSULTATIONS = 1_000;
const SPECIALISTS = 50; // consultations at the same half hour compete for the same interpreters
const INTERPRETERS = 60;
const WORKERS = 2;
const BOOKING_CONCURRENCY = 25;
const SETTLE_BUDGET_MS = 60_000;

async function login(client: JsonClient, email: string): Promise<string> {
  const answer = await client.request('POST', '/auth/login', { email, password: FIXTURE_PASSWORD });
  if (answer.status !== 200)
    throw new Error(`login ${email}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return (answer.body as { accessToken: string }).accessToken;
}

export const INTERPRETERS_PART: BenchPart = {
  name: PART,
  description: `${CONSULTATIONS} consultations needing an interpreter booked through the api; ${WORKERS} workers make offers, ${INTERPRETERS} interpreters accept`,
  async run(log) {
    const prefix = benchPrefix('interp');
    const db = await createBenchDatabase('interp');
    const receiver = await startSmtpReceiver(await freePort());
    const apiPort = await freePort();
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${receiver.port}`,
      LOG_LEVEL: 'warn',
    };
    const processes: AppProcess[] = [spawnApp('api', { ...env, API_PORT: String(apiPort) })];
    const client = new JsonClient(baseUrl, 50);
    try {
      const world = await createInterpreterWorld(db, {
        specialists: SPECIALISTS,
        interpreters: INTERPRETERS,
        consultations: CONSULTATIONS,
      });
      await waitForHealthy(`${baseUrl}/health`, processes[0], 60_000);
      for (let i = 0; i < WORKERS; i++) {
        const port = await freePort();
        const worker = spawnApp('worker', { ...env, WORKER_PORT: String(port) });
        processes.push(worker);
        await waitForHealthy(`http://127.0.0.1:${port}/health`, worker, 60_000);
      }
      const coordinatorToken = await login(client, world.coordinator.email);
      const tokens = new Map<string, string>();
      await runPool(world.interpreters.length, 5, async (i) => {
        const interpreter = world.interpreters[i];
        tokens.set(interpreter.id, await login(client, interpreter.email));
      });
      const accepting = startAcceptLoop(db.ds, client, tokens, 10);
      const booked = await bookDistinct(
        client,
        coordinatorToken,
        world.slots,
        world.patientIds,
        BOOKING_CONCURRENCY,
      );
      const bookings = countStatuses(booked.answers);
      log(
        `   booked ${bookings.created}/${CONSULTATIONS} in ${booked.seconds.toFixed(1)} s (409 ${bookings.conflicts}, other ${JSON.stringify(bookings.other)})`,
      );
      const deadline = Date.now() + SETTLE_BUDGET_MS;
      let tally = await tallyAssignments(db.ds);
      while (Date.now() < deadline) {
        tally = await tallyAssignments(db.ds);
        const settled = (tally.states.assigned ?? 0) + (tally.states.escalated ?? 0);
        if (settled >= bookings.created) break;
        await sleep(500);
      }
      await accepting.stop();
      tally = await tallyAssignments(db.ds);
      const offers = await timesToFirstOffer(db.ds);
      const [p50, p95] = [50, 95].map((p) => percentile(offers.ms, p));
      const max = offers.ms.length ? Math.max(...offers.ms) : NaN;
      const answers = Object.fromEntries(accepting.answers);
      log(
        `   time to first offer p50 ${p50.toFixed(0)} p95 ${p95.toFixed(0)} max ${max.toFixed(0)} ms (${offers.withoutOffer} without an offer); ` +
          `assignments ${JSON.stringify(tally.states)}, offers ${tally.offers}, accept answers ${JSON.stringify(answers)}; ` +
          `double bookings ${tally.doubleBookings}, inconsistent ${tally.inconsistent}`,
      );
      log(`   refusals seen: ${[...accepting.messages].join(' | ') || 'none'}`);
      const open = (await db.ds.query(
        `SELECT id, extract(epoch FROM now() - offered_at)::int AS age_s FROM interpreter_offers WHERE state = 'offered'`,
      )) as { id: string; age_s: number }[];
      const openTried = open.filter((o) => accepting.tried.has(o.id)).length;
      const ages = open.map((o) => o.age_s);
      const backlog = await interpreterJobCounts(prefix);
      log(
        `   offers still open at the end: ${open.length} (${openTried} already answered by the bench), ` +
          `age ${ages.length ? `${Math.min(...ages)}–${Math.max(...ages)}` : '-'} s; interpreter queue ${JSON.stringify(backlog)}`,
      );
      const figures: Figure[] = [
        {
          part: PART,
          name: 'time from booking to first offer p50',
          value: p50,
          unit: 'ms',
          reference: `${offers.ms.length} consultations with an offer, ${offers.withoutOffer} without (informative)`,
        },
        {
          part: PART,
          name: 'time from booking to first offer p95',
          value: p95,
          unit: 'ms',
          reference: `max ${max.toFixed(0)} ms; booking at concurrency ${BOOKING_CONCURRENCY}, ${WORKERS} workers (informative)`,
        },
        {
          part: PART,
          name: 'interpreter double bookings',
          value: tally.doubleBookings,
          unit: 'overlapping pairs',
          reference: `target 0; ${tally.inconsistent} consultations disagree with their interpreter booking; assignments ${JSON.stringify(tally.states)}`,
          meetsTarget: tally.doubleBookings === 0 && tally.inconsistent === 0,
        },
        {
          part: PART,
          name: 'consultations settled (assigned or escalated)',
          value: (tally.states.assigned ?? 0) + (tally.states.escalated ?? 0),
          unit: 'consultations',
          reference: `of ${bookings.created} booked, within ${SETTLE_BUDGET_MS / 1000} s after booking; ${tally.offers} offers, accept answers ${JSON.stringify(answers)}`,
        },
      ];
      return {
        figures,
        details: {
          bookings,
          bookingSeconds: booked.seconds,
          offers: { p50, p95, max, withoutOffer: offers.withoutOffer },
          tally,
          answers,
        },
      };
    } catch (error) {
      for (const p of processes) log(`   process output (tail):\n${p.output().slice(-2000)}`);
      throw error;
    } finally {
      client.close();
      await Promise.all(processes.map((p) => stopWithin(p)));
      await receiver.close();
      await db.drop();
      await deleteRedisPrefix(BENCH_REDIS_URL, prefix);
    }
  },
};
