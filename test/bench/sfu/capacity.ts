import { execFileSync } from 'node:child_process';
import path from 'node:path';
import * as mediasoup from 'mediasoup';
import type { Router, RtpCapabilities, RtpCodecCapability, Worker } from 'mediasoup/lib/types';
import { ensureRecordings } from '../media/recordings';
import { BenchRoom, Layout, PolicyUnderTest } from './bench-room';
import { checkDecoding } from './decode-check';
import type { DecodeReport } from './decode-probe-protocol';
import { GeneratorClient } from './generator-client';

export interface CapacityStep {
  rooms: number;
  consumers: number;
  workerCpuPercent: number;
  lossPercent: number;
  forwardedMbps: number;
  generatorCpuPercent: number;
  /** Worst delay of the generator's 2 ms send tick: large values mean the generator fell behind. */
  generatorLagMs: number;
  /** Video consumers per forwarded spatial layer at the end of the step (L0/L1/L2, paused, none). */
  videoLayers: Record<string, number>;
}

export interface CapacityResult {
  policy: string;
  steps: CapacityStep[];
  /** The largest step that stayed under both limits. */
  sustained: CapacityStep | undefined;
  stoppedBecause: string;
  /** Real WebRTC receivers attached at the last sustained step (after measuring): what they decoded. */
  decoding: { rooms: number; reports: DecodeReport[]; error?: string } | undefined;
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
  /** Past this the load generator, not the worker, would be what limits the figures. */
  generatorLimitPercent: number;
  log: (line: string) => void;
}

const CORES = { worker: 0, generator: 1 };
/** When the client reports its tiles again after drawing them (and the producers' first SRs are in). */
const VIEW_REPORT_DELAY_MS = 1_000;
const RECOVERY_MS = 5_000;
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
  const sinkCaps = withoutBandwidthEstimation(router.rtpCapabilities);
  const rooms: BenchRoom[] = [];
  const steps: CapacityStep[] = [];
  const started = Date.now();
  let stoppedBecause = `reached ${options.maxRooms} rooms`;
  let decoding: CapacityResult['decoding'];
  let workerFailed = false;
  try {
    while (rooms.length < options.maxRooms) {
      if (Date.now() - started > options.budgetMs) {
        stoppedBecause = `time budget of ${options.budgetMs / 1000} s used`;
        break;
      }
      try {
        for (let i = 0; i < options.roomsPerStep && rooms.length < options.maxRooms; i++) {
          const room = new BenchRoom(
            `${policy.name}-${rooms.length}`,
            router,
            generator,
            policy,
            options.layout,
            sinkCaps,
          );
          await room.open();
          rooms.push(room);
        }
        await sleep(VIEW_REPORT_DELAY_MS);
        for (const room of rooms.slice(-options.roomsPerStep)) await room.reapplyViews();
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
          generatorLagMs: stats.lagMs,
          videoLayers: {},
        };
        for (const room of rooms) room.countLayers(step.videoLayers);
        steps.push(step);
        options.log(
          `  ${policy.name}: ${step.rooms} rooms, ${step.consumers} consumers, worker ${step.workerCpuPercent.toFixed(1)}% CPU, ` +
            `loss ${step.lossPercent.toFixed(2)}%, forwarded ${step.forwardedMbps.toFixed(1)} Mbit/s, generator ${step.generatorCpuPercent.toFixed(0)}% CPU (lag ${step.generatorLagMs.toFixed(0)} ms), ` +
            `video layers ${JSON.stringify(step.videoLayers)}`,
        );
        if (step.workerCpuPercent > options.cpuLimitPercent) {
          stoppedBecause = `worker passed ${options.cpuLimitPercent}% of one core`;
          break;
        }
        if (step.lossPercent > options.lossLimitPercent) {
          stoppedBecause =
            `receivers saw more than ${options.lossLimitPercent}% loss` +
            (step.generatorLagMs > 100
              ? ` while the generator lagged ${step.generatorLagMs.toFixed(0)} ms (busy machine?)`
              : '');
          break;
        }
        if (step.generatorCpuPercent > options.generatorLimitPercent) {
          stoppedBecause = `the load generator passed ${options.generatorLimitPercent}% of its core (worker not saturated)`;
          break;
        }
      } catch (error) {
        // an overloaded worker can stop answering its channel: keep the steps measured so far
        stoppedBecause = `the worker stopped answering at ${rooms.length} rooms (${String(error)})`;
        workerFailed = true;
        break;
      }
    }
    // Prove decoding at the last step that stayed within the limits, not at the overloaded one.
    const lastOk = sustainedSteps(steps, options).pop();
    if (lastOk && lastOk.rooms < rooms.length) {
      for (const room of rooms.splice(lastOk.rooms)) room.close();
      await sleep(RECOVERY_MS); // producer scores (one per Sender Report) recover from the overload
    }
    if (workerFailed)
      decoding = { rooms: rooms.length, reports: [], error: 'skipped: the worker stopped answering' };
    else if (rooms.length) decoding = await decodeAtLastStep(router, rooms, policy, options);
  } finally {
    for (const room of rooms) room.close();
    generator.stop();
    worker.close();
  }
  const ok = sustainedSteps(steps, options);
  return { policy: policy.name, steps, sustained: ok[ok.length - 1], stoppedBecause, decoding };
}

/**
 * The counting sinks send no transport-cc / REMB feedback, so their transports must not negotiate a
 * bandwidth estimator: without feedback mediasoup's estimate stays at its initial 600 kbit/s per
 * transport and it would hold every consumer below its preferred layer. (The real WebRTC receivers of
 * the decode check do send feedback and keep it.)
 */
function withoutBandwidthEstimation(caps: RtpCapabilities): RtpCapabilities {
  return {
    codecs: caps.codecs?.map((codec) => ({
      ...codec,
      rtcpFeedback: codec.rtcpFeedback?.filter((fb) => fb.type !== 'transport-cc' && fb.type !== 'goog-remb'),
    })),
    headerExtensions: caps.headerExtensions?.filter(
      (ext) => !ext.uri.includes('transport-wide-cc') && !ext.uri.includes('abs-send-time'),
    ),
  };
}

function sustainedSteps(steps: CapacityStep[], options: CapacityOptions): CapacityStep[] {
  return steps.filter(
    (s) => s.workerCpuPercent <= options.cpuLimitPercent && s.lossPercent <= options.lossLimitPercent,
  );
}

/** After the last measurement (so it does not count in it): real receivers on the newest room. */
async function decodeAtLastStep(
  router: Router,
  rooms: BenchRoom[],
  policy: PolicyUnderTest,
  options: CapacityOptions,
): Promise<CapacityResult['decoding']> {
  try {
    const reports = await checkDecoding(router, rooms[rooms.length - 1], policy, options.layout);
    for (const r of reports)
      options.log(
        `  ${policy.name}: WebRTC receiver, ${r.label}: ${r.framesDecoded} frames decoded, ${r.width}×${r.height} at ${r.fps.toFixed(1)} fps`,
      );
    return { rooms: rooms.length, reports };
  } catch (error) {
    options.log(`  ${policy.name}: WebRTC receivers failed: ${String(error)}`);
    return { rooms: rooms.length, reports: [], error: String(error) };
  }
}
