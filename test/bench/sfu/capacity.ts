import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as mediasoup from 'mediasoup';
import type { RtpCodecCapability, Worker } from 'mediasoup/lib/types';
import { ensureRecordings } from '../media/recordings';
import { BenchRoom, Layout, PolicyUnderTest } from './bench-room';
import { GeneratorClient } from './generator-client';

export interface CapacityStep {
  rooms: number;
  consumers: number;
  workerCpuPercent: number;
  lossPercent: number;
  forwardedMbps: number;
  generatorCpuPercent: number;
}

export interface CapacityResult {
  policy: string;
  steps: CapacityStep[];
  /** The largest step that stayed under both limits. */
  sustained: CapacityStep | undefined;
  stoppedBecause: string;
}

export interface CapacityOptions {
  mediaCodecs: RtpCodecCapability[];
  layout: Layout;
  roomsPerStep: number;
  maxRooms: number;
  warmupMs: number;
  measureMs: number;
  budgetMs: number;
  cpuLimitPercent: number;
  lossLimitPercent: number;
  log: (line: string) => void;
}

const CORES = { worker: 0, generator: 1 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function cpuMillis(worker: Worker): Promise<number> {
  const usage = await worker.getResourceUsage();
  return usage.ru_utime + usage.ru_stime;
}

/**
 * Adds rooms to one mediasoup worker pinned to core 0 while the load generator runs on core 1, until
 * the worker passes the CPU limit, receivers see more loss than allowed, or the time budget ends.
 */
export async function measureCapacity(
  policy: PolicyUnderTest,
  options: CapacityOptions,
): Promise<CapacityResult> {
  const recordingsDir = path.resolve(__dirname, '../../../../test/bench/.cache/media');
  ensureRecordings(recordingsDir);
  const worker = await mediasoup.createWorker({ logLevel: 'error', rtcMinPort: 20000, rtcMaxPort: 29999 });
  execFileSync('taskset', ['-cp', String(CORES.worker), String(worker.pid)], { stdio: 'ignore' });
  const generator = await GeneratorClient.start(CORES.generator, recordingsDir);
  const router = await worker.createRouter({ mediaCodecs: options.mediaCodecs });
  const rooms: BenchRoom[] = [];
  const steps: CapacityStep[] = [];
  const started = Date.now();
  let stoppedBecause = `reached ${options.maxRooms} rooms`;
  try {
    while (rooms.length < options.maxRooms) {
      if (Date.now() - started > options.budgetMs) {
        stoppedBecause = `time budget of ${options.budgetMs / 1000} s used`;
        break;
      }
      for (let i = 0; i < options.roomsPerStep && rooms.length < options.maxRooms; i++) {
        const room = new BenchRoom(
          `${policy.name}-${rooms.length}`,
          router,
          generator,
          policy,
          options.layout,
          router.rtpCapabilities,
        );
        await room.open();
        rooms.push(room);
      }
      await sleep(options.warmupMs);
      generator.resetStats();
      const cpuBefore = await cpuMillis(worker);
      const t0 = Date.now();
      await sleep(options.measureMs);
      const stats = await generator.stats();
      const cpuAfter = await cpuMillis(worker);
      const seconds = (Date.now() - t0) / 1000;
      let expected = 0;
      let lost = 0;
      let bytes = 0;
      for (const sink of Object.values(stats.sinks)) {
        expected += sink.expected;
        lost += sink.lost;
        bytes += sink.bytes;
      }
      const step: CapacityStep = {
        rooms: rooms.length,
        consumers: rooms.reduce((n, r) => n + r.consumerCount, 0),
        workerCpuPercent: ((cpuAfter - cpuBefore) / (seconds * 1000)) * 100,
        lossPercent: expected ? (lost / expected) * 100 : 0,
        forwardedMbps: (bytes * 8) / seconds / 1e6,
        generatorCpuPercent: (stats.cpuMicros / 1000 / (seconds * 1000)) * 100,
      };
      steps.push(step);
      options.log(
        `  ${policy.name}: ${step.rooms} rooms, ${step.consumers} consumers, worker ${step.workerCpuPercent.toFixed(1)}% CPU, ` +
          `loss ${step.lossPercent.toFixed(2)}%, forwarded ${step.forwardedMbps.toFixed(1)} Mbit/s, generator ${step.generatorCpuPercent.toFixed(0)}% CPU`,
      );
      if (step.workerCpuPercent > options.cpuLimitPercent) {
        stoppedBecause = `worker passed ${options.cpuLimitPercent}% of one core`;
        break;
      }
      if (step.lossPercent > options.lossLimitPercent) {
        stoppedBecause = `receivers saw more than ${options.lossLimitPercent}% loss`;
        break;
      }
    }
  } finally {
    for (const room of rooms) room.close();
    generator.stop();
    worker.close();
  }
  const ok = steps.filter(
    (s) => s.workerCpuPercent <= options.cpuLimitPercent && s.lossPercent <= options.lossLimitPercent,
  );
  return { policy: policy.name, steps, sustained: ok[ok.length - 1], stoppedBecause };
}
