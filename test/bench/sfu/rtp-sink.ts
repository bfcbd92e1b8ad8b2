import { createSocket, Socket } from 'node:dgram';
import { isRtcp, readRtpHeader } from '../media/rtp-packet';

interface SsrcCounter {
  first: number;
  highest: number; // extended sequence number (with wrap-arounds)
  received: number;
}

export interface SinkStats {
  packets: number;
  bytes: number;
  expected: number;
  lost: number;
}

/**
 * A cheap receiver: counts RTP packets and bytes per SSRC and loss by sequence number. SRTP encrypts
 * the payload but leaves the RTP header in clear, so nothing needs decrypting here.
 */
export class RtpSink {
  private readonly socket: Socket = createSocket('udp4');
  private readonly counters = new Map<number, SsrcCounter>();
  private bytes = 0;

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    this.socket.setRecvBufferSize(4 * 1024 * 1024);
    this.socket.on('message', (packet) => this.count(packet));
    return this.socket.address().port;
  }

  private count(packet: Buffer): void {
    if (isRtcp(packet)) return;
    const header = readRtpHeader(packet);
    if (!header) return;
    this.bytes += packet.length;
    const counter = this.counters.get(header.ssrc);
    if (!counter) {
      this.counters.set(header.ssrc, {
        first: header.sequenceNumber,
        highest: header.sequenceNumber,
        received: 1,
      });
      return;
    }
    counter.received += 1;
    const cycle = counter.highest & ~0xffff;
    let extended = cycle | header.sequenceNumber;
    if (extended < counter.highest - 0x8000) extended += 0x10000;
    else if (extended > counter.highest + 0x8000) extended -= 0x10000;
    if (extended > counter.highest) counter.highest = extended;
  }

  /** Counts since the last reset (a reset starts a fresh window on every SSRC). */
  stats(): SinkStats {
    let packets = 0;
    let expected = 0;
    for (const c of this.counters.values()) {
      packets += c.received;
      expected += c.highest - c.first + 1;
    }
    return { packets, bytes: this.bytes, expected, lost: Math.max(0, expected - packets) };
  }

  reset(): void {
    this.counters.clear();
    this.bytes = 0;
  }

  close(): void {
    this.socket.close();
  }
}
