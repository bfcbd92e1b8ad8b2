import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { readRtpHeader } from './rtp-packet';

/**
 * Real VP8 and Opus RTP, encoded once by GStreamer and cached: three simulcast layers of a moving test
 * pattern (1 s GOP so a looped replay restarts on a keyframe) and Opus voice with DTX, both a
 * "speaking" clip and a "silent" one (what a muted-but-open microphone sends with DTX on or off).
 * Stored as RFC 4571 framing (2-byte length, then the RTP packet), as GStreamer's rtpstreampay writes it.
 */
export const RECORDINGS = {
  videoHigh: { file: 'video-720p.rtp', clockRate: 90_000 },
  videoMid: { file: 'video-360p.rtp', clockRate: 90_000 },
  videoLow: { file: 'video-180p.rtp', clockRate: 90_000 },
  audioSpeaking: { file: 'opus-speaking.rtp', clockRate: 48_000 },
  audioSilentDtx: { file: 'opus-silent-dtx.rtp', clockRate: 48_000 },
  audioSilentNoDtx: { file: 'opus-silent.rtp', clockRate: 48_000 },
} as const;
export type RecordingName = keyof typeof RECORDINGS;

const SECONDS = 10;
const video = (w: number, h: number, bps: number) =>
  `videotestsrc pattern=ball motion=sweep num-buffers=${SECONDS * 30} ! video/x-raw,width=${w},height=${h},framerate=30/1 ` +
  `! vp8enc deadline=1 cpu-used=8 end-usage=cbr target-bitrate=${bps} keyframe-max-dist=30 ` +
  `! rtpvp8pay pt=96 mtu=1200 picture-id-mode=15-bit`;
const opus = (wave: string, dtx: boolean) =>
  `audiotestsrc wave=${wave} volume=0.2 num-buffers=${SECONDS * 50} samplesperbuffer=960 ` +
  `! audio/x-raw,rate=48000,channels=2 ! opusenc dtx=${dtx} audio-type=voice bitrate=32000 frame-size=20 ! rtpopuspay pt=100`;

const PIPELINES: Record<RecordingName, string> = {
  videoHigh: video(1280, 720, 600_000),
  videoMid: video(640, 360, 250_000),
  videoLow: video(320, 180, 100_000),
  audioSpeaking: opus('pink-noise', true),
  audioSilentDtx: opus('silence', true),
  audioSilentNoDtx: opus('silence', false),
};

function ensureGStreamer(): void {
  if (spawnSync('gst-launch-1.0', ['--version']).status === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      'GStreamer is needed: apt-get install -y gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good',
    );
  }
  console.log('bench: installing GStreamer with apt-get');
  execFileSync(
    'bash',
    [
      '-c',
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-good',
    ],
    { stdio: 'inherit' },
  );
}

export function ensureRecordings(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const missing = (Object.keys(RECORDINGS) as RecordingName[]).filter(
    (n) => !existsSync(path.join(dir, RECORDINGS[n].file)),
  );
  if (!missing.length) return;
  ensureGStreamer();
  for (const name of missing) {
    const target = path.join(dir, RECORDINGS[name].file);
    const args = `${PIPELINES[name]} ! rtpstreampay ! filesink location=${target}.tmp`.split(' ');
    execFileSync('gst-launch-1.0', ['-q', ...args], { stdio: 'inherit', timeout: 120_000 });
    renameSync(`${target}.tmp`, target);
  }
}

export interface RecordedPacket {
  /** Seconds from the start of the clip at which the packet is due. */
  at: number;
  sequenceNumber: number;
  timestamp: number;
  data: Buffer;
}

export interface Recording {
  packets: RecordedPacket[];
  durationSeconds: number;
  clockRate: number;
}

export function loadRecording(dir: string, name: RecordingName): Recording {
  const { file, clockRate } = RECORDINGS[name];
  const raw = readFileSync(path.join(dir, file));
  const packets: RecordedPacket[] = [];
  let firstTimestamp: number | undefined;
  for (let offset = 0; offset + 2 <= raw.length;) {
    const length = raw.readUInt16BE(offset);
    const data = Buffer.from(raw.subarray(offset + 2, offset + 2 + length));
    offset += 2 + length;
    const header = readRtpHeader(data);
    if (!header) continue;
    firstTimestamp ??= header.timestamp;
    const at = ((header.timestamp - firstTimestamp) >>> 0) / clockRate;
    packets.push({ at, sequenceNumber: header.sequenceNumber, timestamp: header.timestamp, data });
  }
  const last = packets[packets.length - 1]?.at ?? 0;
  // A clip lasts until the frame after its last one: 1/30 s for video, 20 ms for Opus.
  const frame = clockRate === 90_000 ? 1 / 30 : 0.02;
  return { packets, durationSeconds: Math.max(last + frame, SECONDS), clockRate };
}
