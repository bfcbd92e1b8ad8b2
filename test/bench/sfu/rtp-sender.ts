import { createSocket, Socket } from 'node:dgram';
import { rewriteRtpHeader } from '../media/rtp-packet';
import type { Recording } from '../media/recordings';

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
}

/**
 * Replays recorded RTP streams in real time from one UDP socket (one 5-tuple, as a PlainTransport in
 * comedia mode expects), looping the clips with continuous sequence numbers and timestamps.
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
      for (;;) {
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
      }
    }
  }

  close(): void {
    this.socket.close();
  }
}
