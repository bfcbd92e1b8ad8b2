import path from 'node:path';
import { loadRecording, Recording, RecordingName } from '../media/recordings';
import type { GeneratorCommand, GeneratorReply } from './load-generator-protocol';
import { RtpSender } from './rtp-sender';
import { RtpSink } from './rtp-sink';

/**
 * Load generator process for the SFU capacity benchmark: replays recorded RTP into the SFU's
 * PlainTransports and counts what comes back. Run pinned to its own core (taskset) so that the
 * mediasoup worker, not the generator, is what the benchmark measures.
 */
const recordingsDir = process.argv[2] ?? path.resolve('test/bench/.cache/media');
const recordings = new Map<RecordingName, Recording>();
const senders = new Map<string, RtpSender>();
const sinks = new Map<string, RtpSink>();
let sentPacketsBase = 0;
let sentBytesBase = 0;
let cpuBase = process.cpuUsage();
let maxLagMs = 0;

function recording(name: RecordingName): Recording {
  let r = recordings.get(name);
  if (!r) recordings.set(name, (r = loadRecording(recordingsDir, name)));
  return r;
}

function reply(message: GeneratorReply): void {
  process.send?.(message);
}

function totals(): { packets: number; bytes: number } {
  let packets = 0;
  let bytes = 0;
  for (const s of senders.values()) {
    packets += s.packets;
    bytes += s.bytes;
  }
  return { packets, bytes };
}

let lastTick = performance.now();
const ticker = setInterval(() => {
  const now = performance.now();
  maxLagMs = Math.max(maxLagMs, now - lastTick - 2);
  lastTick = now;
  for (const sender of senders.values()) sender.pump(now);
}, 2);

process.on('message', (command: GeneratorCommand) => {
  handle(command).catch((error: unknown) => {
    console.error('load generator:', error);
    process.exit(1);
  });
});

async function handle(command: GeneratorCommand): Promise<void> {
  switch (command.type) {
    case 'addSender': {
      const sender = new RtpSender(
        command.port,
        command.streams.map((s) => ({
          recording: recording(s.recording),
          ssrc: s.ssrc,
          dropDtxFrames: s.dropDtxFrames,
        })),
      );
      await sender.start();
      senders.set(command.id, sender);
      reply({ type: 'senderStarted', id: command.id });
      break;
    }
    case 'removeParticipant': {
      // a closed room: stop sending into its transports and counting its sink
      senders.get(command.id)?.close();
      senders.delete(command.id);
      sinks.get(command.id)?.close();
      sinks.delete(command.id);
      break;
    }
    case 'addSink': {
      const sink = new RtpSink();
      const port = await sink.listen();
      sinks.set(command.id, sink);
      reply({ type: 'sinkReady', id: command.id, port });
      break;
    }
    case 'resetStats': {
      for (const sink of sinks.values()) sink.reset();
      const t = totals();
      sentPacketsBase = t.packets;
      sentBytesBase = t.bytes;
      cpuBase = process.cpuUsage();
      maxLagMs = 0;
      break;
    }
    case 'stats': {
      const cpu = process.cpuUsage(cpuBase);
      const t = totals();
      reply({
        type: 'stats',
        sinks: Object.fromEntries([...sinks].map(([id, sink]) => [id, sink.stats()])),
        sentPackets: t.packets - sentPacketsBase,
        sentBytes: t.bytes - sentBytesBase,
        cpuMicros: cpu.user + cpu.system,
        lagMs: maxLagMs,
      });
      break;
    }
    case 'stop': {
      clearInterval(ticker);
      for (const s of senders.values()) s.close();
      for (const s of sinks.values()) s.close();
      process.exit(0);
    }
  }
}

// an aborted benchmark must not leave the generator sending into the void
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready' });
