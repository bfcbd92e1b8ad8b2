import { createSocket, Socket } from 'node:dgram';
import { rewriteRtpHeader } from '../media/rtp-packet';
import type { Recording } from '../media/recordings';
import { senderReport } from './rtcp-sender-report';

const SENDER_REPORT_INTERVAL_MS = 1_000;
/**
 * Pacing, as WebRTC senders do: at most this many packets of one stream per pump (the generator
 * pumps every 2 ms). A keyframe's packets all fall due at once; sent as one burst, the aligned
 * keyframes of the three layers overflow the worker's socket buffer and the top layer loses its tail.
 */
const MAX_PACKETS_PER_PUMP = 4;

export interface SenderStream {
  recording: Recording;
  ssrc: number;
  /** Emulates Opus DTX the way WebRTC senders do it: frames of 2 bytes or less are not sent. */
  dropDtxFrames?: boolean;
}

interface StreamState extends SenderStream {
  index: number;
  loop: number;
  sequenceNumber: number;
  timestampBase: number;
  sentPackets: number;
  sentOctets: number;
  lastReportAt: number;
}

/**
 * Replays recorded RTP streams in real time from one UDP socket (one 5-tuple, as a PlainTransport in
 * comedia mode expects), looping the clips with continuous sequence numbers and timestamps, with an
 * RTCP Sender Report per stream every second (mediasoup switches simulcast layers only after SRs).
 */
export class RtpSender {
  private readonly socket: Socket = createSocket('udp4');
  private readonly streams: StreamState[];
  private startedAt = 0;
  packets = 0;
  bytes = 0;

  constructor(
    private readonly port: number,
    streams: SenderStream[],
  ) {
    this.streams = streams.map((s) => ({
      ...s,
      index: 0,
      loop: 0,
      sequenceNumber: Math.floor(Math.random() * 0xffff),
      timestampBase: Math.floor(Math.random() * 0xffffffff),
      sentPackets: 0,
      sentOctets: 0,
      lastReportAt: -Infinity,
    }));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    this.socket.setSendBufferSize(4 * 1024 * 1024);
    this.startedAt = performance.now();
  }

  /** Sends every packet that is due by `now` (milliseconds, monotonic). */
  pump(now: number): void {
    const elapsed = (now - this.startedAt) / 1000;
    for (const stream of this.streams) {
      const { packets, durationSeconds, clockRate } = stream.recording;
      for (let sent = 0; sent < MAX_PACKETS_PER_PUMP; sent++) {
        const packet = packets[stream.index];
        const due = stream.loop * durationSeconds + packet.at;
        if (due > elapsed) break;
        stream.index += 1;
        if (stream.index === packets.length) {
          stream.index = 0;
          stream.loop += 1;
        }
        const payloadBytes = packet.data.length - 12;
        if (stream.dropDtxFrames && payloadBytes <= 2) continue;
        const out = Buffer.from(packet.data);
        const timestamp = stream.timestampBase + Math.round(due * clockRate);
        stream.sequenceNumber = (stream.sequenceNumber + 1) & 0xffff;
        rewriteRtpHeader(out, stream.sequenceNumber, timestamp, stream.ssrc);
        this.socket.send(out, this.port, '127.0.0.1');
        this.packets += 1;
        this.bytes += out.length;
        stream.sentPackets += 1;
        stream.sentOctets += payloadBytes;
      }
      if (stream.sentPackets && now - stream.lastReportAt >= SENDER_REPORT_INTERVAL_MS) {
        this.report(stream, now, elapsed);
        stream.lastReportAt = now;
      }
    }
  }

  /** RTCP Sender Report on the same 5-tuple (rtcp-mux), as a WebRTC sender sends about once a second. */
  private report(stream: StreamState, now: number, elapsed: number): void {
    const timestamp = stream.timestampBase + Math.round(elapsed * stream.recording.clockRate);
    const wallClockMs = performance.timeOrigin + now;
    const packet = senderReport(stream.ssrc, wallClockMs, timestamp, stream.sentPackets, stream.sentOctets);
    this.socket.send(packet, this.port, '127.0.0.1');
  }

  close(): void {
    this.socket.close();
  }
}
