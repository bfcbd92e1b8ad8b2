import { FIXTURE_PASSWORD, freePort, waitForHealthy } from '@yiqiao/testing';
import type { BenchPart } from '../part';
import type { Figure } from '../results';
import { percentile } from '../stats';
import { spawnApp } from '@yiqiao/testing';
import { createBenchDatabase } from '../support/bench-database';
import { BENCH_REDIS_URL, benchPrefix } from '../support/bench-env';
import { JsonClient } from '../support/http-client';
import { cpuMeter, ownCpuMeter } from '../support/proc-stats';
import { deleteRedisPrefix } from '../support/redis-cleanup';
import { bookDistinct, contend, countStatuses } from './booking-runs';
import { createBookingWorld } from './booking-world';

const PART = 'booking';
const CONTENDERS = 200;
const DISTINCT = 3_000;
const CONCURRENCY = 50;
const WARMUP = 100;
const SPECIALISTS = 50;

export const BOOKING: BenchPart = {
  name: PART,
  description: `POST /consultations on the real api: ${CONTENDERS} attempts at one slot; ${DISTINCT} distinct bookings at concurrency ${CONCURRENCY}`,
  async run(log) {
    const prefix = benchPrefix('book');
    const db = await createBenchDatabase('booking');
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const api = spawnApp('api', {
      DATABASE_URL: db.url,
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: prefix,
      API_PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    const client = new JsonClient(baseUrl, CONTENDERS);
    try {
      const world = await createBookingWorld(
        db,
        SPECIALISTS,
        CONTENDERS + WARMUP + DISTINCT,
        1 + WARMUP + DISTINCT,
      );
      await waitForHealthy(`${baseUrl}/health`, api, 60_000);
      const login = await client.request('POST', '/auth/login', {
        email: world.coordinator.email,
        password: FIXTURE_PASSWORD,
      });
      if (login.status !== 200)
        throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
      const token = (login.body as { accessToken: string }).accessToken;
      const [contested, ...rest] = world.slots;
      const warmSlots = rest.slice(0, WARMUP);
      const measuredSlots = rest.slice(WARMUP);
      const contenders = world.patientIds.slice(0, CONTENDERS);
      const warmPatients = world.patientIds.slice(CONTENDERS, CONTENDERS + WARMUP);
      const measuredPatients = world.patientIds.slice(CONTENDERS + WARMUP);

      log(`   world ready (${world.slots.length} slots, ${world.patientIds.length} patients); warming up`);
      const warm = countStatuses((await bookDistinct(client, token, warmSlots, warmPatients, 10)).answers);
      if (warm.created !== WARMUP) log(`   warm-up: ${JSON.stringify(warm)}`);

      const race = countStatuses(await contend(client, token, contested, contenders));
      const [{ n: rowsForSlot }] = (await db.ds.query(
        `SELECT count(*)::int AS n FROM consultations WHERE specialist_id = $1 AND starts_at = $2`,
        [contested.specialistId, contested.startsAt],
      )) as { n: number }[];
      log(
        `   one slot, ${CONTENDERS} at once: ${race.created} created, ${race.conflicts} × 409, other ${JSON.stringify(race.other)}; ` +
          `${rowsForSlot} consultation row(s) for the slot`,
      );

      const apiPid = api.child.pid as number;
      const apiCpu = cpuMeter(apiPid);
      const clientCpu = ownCpuMeter();
      const run = await bookDistinct(client, token, measuredSlots, measuredPatients, CONCURRENCY);
      const apiCpuPercent = apiCpu.stop();
      const clientCpuPercent = clientCpu.stop();
      const distinct = countStatuses(run.answers);
      if (run.skipped) log(`   time budget reached: ${run.skipped} bookings not attempted`);
      const ok = run.answers.filter((a) => a.status === 201).map((a) => a.ms);
      const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(ok, p));
      const throughput = distinct.created / run.seconds;
      const [{ n: liveBookings }] = (await db.ds.query(
        `SELECT count(*)::int AS n FROM bookings WHERE released_at IS NULL`,
      )) as { n: number }[];
      const sampleError = run.answers.find((a) => a.status !== 201);
      log(
        `   distinct: ${distinct.created}/${DISTINCT} created in ${run.seconds.toFixed(1)} s = ${throughput.toFixed(0)} bookings/s; ` +
          `p50 ${p50.toFixed(1)} p95 ${p95.toFixed(1)} p99 ${p99.toFixed(1)} ms; 409 ${distinct.conflicts}, other ${JSON.stringify(distinct.other)}; ` +
          `api CPU ${apiCpuPercent.toFixed(0)}%, client CPU ${clientCpuPercent.toFixed(0)}%; live bookings rows ${liveBookings}` +
          (sampleError
            ? `; e.g. ${sampleError.status} ${JSON.stringify(sampleError.body).slice(0, 300)}`
            : ''),
      );
      const exactlyOne = race.created === 1 && rowsForSlot === 1 && race.conflicts === CONTENDERS - 1;
      const figures: Figure[] = [
        {
          part: PART,
          name: `one slot, ${CONTENDERS} concurrent attempts: successes`,
          value: race.created,
          unit: 'bookings',
          reference: `exactly 1 (${race.conflicts} × 409, other ${JSON.stringify(race.other)}, ${rowsForSlot} row)`,
          meetsTarget: exactlyOne,
        },
        {
          part: PART,
          name: `distinct bookings at concurrency ${CONCURRENCY}: throughput`,
          value: throughput,
          unit: 'bookings/s',
          reference: `target ≥ 300; ${distinct.created}/${DISTINCT} created${run.skipped ? ` (${run.skipped} not attempted: time budget)` : ''}, api CPU ${apiCpuPercent.toFixed(0)}% / client ${clientCpuPercent.toFixed(0)}% of a core`,
          meetsTarget: throughput >= 300 && distinct.created === run.answers.length,
        },
        {
          part: PART,
          name: 'booking latency p50',
          value: p50,
          unit: 'ms',
          reference: 'informative',
        },
        {
          part: PART,
          name: 'booking latency p95',
          value: p95,
          unit: 'ms',
          reference: 'target < 50 ms',
          meetsTarget: p95 < 50,
        },
        {
          part: PART,
          name: 'booking latency p99',
          value: p99,
          unit: 'ms',
          reference: 'informative',
        },
      ];
      return {
        figures,
        details: {
          contention: { ...race, rowsForSlot },
          distinct: { ...distinct, seconds: run.seconds, throughput, p50, p95, p99, liveBookings },
          cpuPercent: { api: apiCpuPercent, client: clientCpuPercent },
          sampleError: sampleError ? { status: sampleError.status, body: sampleError.body } : undefined,
        },
      };
    } catch (error) {
      log(`   api output (tail):\n${api.output().slice(-3000)}`);
      throw error;
    } finally {
      client.close();
      await api.stop();
      await db.drop();
      await deleteRedisPrefix(BENCH_REDIS_URL, prefix);
    }
  },
};
