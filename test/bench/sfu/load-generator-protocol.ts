import type { RecordingName } from '../media/recordings';
import type { SinkStats } from './rtp-sink';

/** Messages between the capacity benchmark and its load generator process (over Node IPC). */
export type GeneratorCommand =
  | {
      type: 'addSender';
      id: string;
      port: number;
      streams: { recording: RecordingName; ssrc: number; dropDtxFrames?: boolean }[];
    }
  | { type: 'addSink'; id: string }
  | { type: 'removeParticipant'; id: string }
  | { type: 'resetStats' }
  | { type: 'stats' }
  | { type: 'stop' };

export type GeneratorReply =
  | { type: 'ready' }
  | { type: 'sinkReady'; id: string; port: number }
  | { type: 'senderStarted'; id: string }
  | {
      type: 'stats';
      sinks: Record<string, SinkStats>;
      sentPackets: number;
      sentBytes: number;
      cpuMicros: number;
      lagMs: number;
    };
