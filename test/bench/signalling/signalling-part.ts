import Redis from 'ioredis';
import { freePort, waitForHealthy } from '@yiqiao/testing';
import { spawnApp } from '@yiqiao/testing';
import type { BenchPart } from '../part';
import type { Figure } from '../results';
import { percentile, sleep } from '../stats';
import { BENCH_REDIS_URL, benchPrefix } from '../support/bench-env';
import { childPids, cpuMeter, ownCpuMeter, rssKiB } from '../support/proc-stats';
import { deleteRedisPrefix } from '../support/redis-cleanup';
import { BenchClient, connectAll, planClients } from './signalling-clients';
import { steadyAcks } from './steady-load';

const ROOMS = 500; // × 4 participants = 2,000 connections
const CONNECT_CONCURRENCY = 50;
const MESSAGE_INTERVAL_MS = 2_000; // per connection: 0.5 msg/s, far under the 30/s rate limit
const STEADY_MS = 20_000;
const SETTLE_MS = 3_000;
const SECRET = 'bench-join-token-secret-0123456789abcdef';
const NODE_ID = 'bench-sfu';

const PART = 'signalling';

/** The patient of each room was admitted before (Redis admission set), so all four enter the call. */
async function preAdmitPatients(prefix: string, plans: ReturnType<typeof planClients>): Promise<void> {
  const redis = new Redis(BENCH_REDIS_URL);
  try {
    const pipeline = redis.pipeline();
    for (const p of plans.filter((p) => p.role === 'patient'))
      pipeline.sadd(`${prefix}:sfu:admitted:${p.consultationId}`, p.userId);
    await pipeline.exec();
  } finally {
    redis.disconnect();
  }
}

const closeAll = (clients: BenchClient[]) => clients.forEach((c) => c.socket.disconnect());
const mib = (kib: number) => kib / 1024;
const workersRss = (pid: number) => childPids(pid).reduce((sum, child) => sum + rssKiB(child), 0);

export const SIGNALLING: BenchPart = {
  name: PART,
  description: `${ROOMS * 4} socket.io connections (${ROOMS} rooms of 4) to one sfu process: memory per connection, ack latency`,
  async run(log) {
    const prefix = benchPrefix('sig');
    const port = await freePort();
    const sfuUrl = `http://127.0.0.1:${port}`;
    const sfu = spawnApp('sfu', {
      SFU_PORT: String(port),
      SFU_PUBLIC_URL: sfuUrl,
      SFU_NODE_ID: NODE_ID,
      JOIN_TOKEN_SECRET: SECRET,
      QUEUE_PREFIX: prefix,
      REDIS_URL: BENCH_REDIS_URL,
      MEDIASOUP_NUM_WORKERS: '1',
      LOG_LEVEL: 'warn',
    });
    const clients: BenchClient[] = [];
    try {
      await waitForHealthy(`${sfuUrl}/health`, sfu);
      const pid = sfu.child.pid as number;
      // warm up code paths (JIT, socket.io, first router) so they are not counted per connection
      const warm = planClients(4, SECRET, NODE_ID);
      await preAdmitPatients(prefix, warm);
      const warmed = await connectAll(sfuUrl, warm, 8);
      closeAll(warmed.clients);
      await sleep(SETTLE_MS);
      const rssBefore = rssKiB(pid);
      const workersBefore = workersRss(pid);

      const plans = planClients(ROOMS, SECRET, NODE_ID);
      await preAdmitPatients(prefix, plans);
      const connectStarted = performance.now();
      const serverCpuConnect = cpuMeter(pid);
      const connected = await connectAll(sfuUrl, plans, CONNECT_CONCURRENCY);
      const connectSeconds = (performance.now() - connectStarted) / 1000;
      const connectCpu = serverCpuConnect.stop();
      clients.push(...connected.clients);
      log(
        `   connected+joined ${clients.length}/${plans.length} in ${connectSeconds.toFixed(1)} s ` +
          `(sfu CPU ${connectCpu.toFixed(0)}%), failures ${connected.failures.length}` +
          (connected.failures.length ? ` e.g. ${connected.failures[0]}` : ''),
      );
      await sleep(SETTLE_MS);
      const rssAfter = rssKiB(pid);
      const workersAfter = workersRss(pid);
      const perConnectionKiB = (rssAfter - rssBefore) / Math.max(1, clients.length);
      log(
        `   sfu RSS ${mib(rssBefore).toFixed(1)} → ${mib(rssAfter).toFixed(1)} MiB ` +
          `(${perConnectionKiB.toFixed(1)} KiB per connection); mediasoup workers ` +
          `${mib(workersBefore).toFixed(1)} → ${mib(workersAfter).toFixed(1)} MiB`,
      );

      const serverCpu = cpuMeter(pid);
      const clientCpu = ownCpuMeter();
      const steady = await steadyAcks(clients, MESSAGE_INTERVAL_MS, STEADY_MS);
      const sfuCpu = serverCpu.stop();
      const benchCpu = clientCpu.stop();
      const rssSteady = rssKiB(pid);
      const lat = steady.latenciesMs;
      const [p50, p95, p99] = [50, 95, 99].map((p) => percentile(lat, p));
      const max = lat.length ? Math.max(...lat) : NaN;
      log(
        `   steady ${steady.messagesPerSecond.toFixed(0)} msg/s for ${STEADY_MS / 1000} s: acked ${steady.acked}/${steady.sent}, ` +
          `refused ${JSON.stringify(steady.refused)}, timed out ${steady.timedOut}; ` +
          `ack p50 ${p50.toFixed(1)} p95 ${p95.toFixed(1)} p99 ${p99.toFixed(1)} max ${max.toFixed(1)} ms; ` +
          `sfu CPU ${sfuCpu.toFixed(0)}%, client CPU ${benchCpu.toFixed(0)}% of a core; RSS ${mib(rssSteady).toFixed(1)} MiB`,
      );
      const refusedCount = Object.values(steady.refused).reduce((a, b) => a + b, 0);
      const figures: Figure[] = [
        {
          part: PART,
          name: 'connections held (connected and joined)',
          value: clients.length,
          unit: 'connections',
          reference: `target ${plans.length}, one sfu process; ${connected.failures.length} failed`,
          meetsTarget: clients.length === plans.length,
        },
        {
          part: PART,
          name: 'sfu memory per connection',
          value: perConnectionKiB,
          unit: 'KiB',
          reference: `sfu RSS ${mib(rssBefore).toFixed(0)} → ${mib(rssAfter).toFixed(0)} MiB; mediasoup worker RSS +${mib(workersAfter - workersBefore).toFixed(0)} MiB for ${ROOMS} routers (informative)`,
        },
        {
          part: PART,
          name: 'ack latency p95 under steady load',
          value: p95,
          unit: 'ms',
          reference: `p50 ${p50.toFixed(1)}, p99 ${p99.toFixed(1)}, max ${max.toFixed(1)} ms at ${steady.messagesPerSecond.toFixed(0)} msg/s (informative)`,
        },
        {
          part: PART,
          name: 'acks lost or refused under steady load',
          value: steady.timedOut + refusedCount,
          unit: 'messages',
          reference: `0 expected; ${steady.sent} sent, rate limit ${30}/s per socket not reached`,
          meetsTarget: steady.timedOut + refusedCount === 0,
        },
        {
          part: PART,
          name: 'sfu process CPU under steady load',
          value: sfuCpu,
          unit: '% of a core',
          reference: `client (bench) CPU ${benchCpu.toFixed(0)}% of a core on the same 2-core machine; connect phase sfu ${connectCpu.toFixed(0)}%`,
        },
        {
          part: PART,
          name: 'connect + join time p95',
          value: percentile(connected.connectMs, 95),
          unit: 'ms',
          reference: `${CONNECT_CONCURRENCY} handshakes in flight; all ${plans.length} in ${connectSeconds.toFixed(1)} s (informative)`,
        },
      ];
      return {
        figures,
        details: {
          rooms: ROOMS,
          connections: clients.length,
          connectFailures: connected.failures.slice(0, 10),
          rssKiB: { before: rssBefore, afterConnect: rssAfter, afterSteady: rssSteady },
          mediasoupWorkersRssKiB: { before: workersBefore, after: workersAfter },
          steady: { ...steady, latenciesMs: undefined, p50, p95, p99, max },
          cpuPercent: { sfuSteady: sfuCpu, clientSteady: benchCpu, sfuConnect: connectCpu },
        },
      };
    } finally {
      closeAll(clients);
      await sfu.stop();
      await deleteRedisPrefix(BENCH_REDIS_URL, prefix);
    }
  },
};
