import type { types } from 'mediasoup-client';

export interface InboundStats {
  userId: string;
  kind: 'audio' | 'video';
  bytesReceived: number;
  packetsReceived: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
}

interface InboundRtp {
  type: string;
  kind?: string;
  bytesReceived?: number;
  packetsReceived?: number;
  framesDecoded?: number;
  frameWidth?: number;
  frameHeight?: number;
}

/** WebRTC inbound-rtp figures per consumed track: what really arrives, not what the DOM shows. */
export async function inboundStats(consumers: Iterable<types.Consumer>): Promise<InboundStats[]> {
  const result: InboundStats[] = [];
  for (const consumer of consumers) {
    if (consumer.closed) continue;
    const report = await consumer.getStats();
    report.forEach((entry: InboundRtp) => {
      if (entry.type !== 'inbound-rtp') return;
      result.push({
        userId: (consumer.appData as { userId: string }).userId,
        kind: consumer.kind,
        bytesReceived: entry.bytesReceived ?? 0,
        packetsReceived: entry.packetsReceived ?? 0,
        framesDecoded: entry.framesDecoded ?? 0,
        frameWidth: entry.frameWidth ?? 0,
        frameHeight: entry.frameHeight ?? 0,
      });
    });
  }
  return result;
}

/** Round-trip time of the selected ICE candidate pair, in seconds, if known. */
export async function roundTripSeconds(transport: types.Transport): Promise<number | null> {
  const report = await transport.getStats();
  let rtt: number | null = null;
  report.forEach(
    (entry: { type: string; state?: string; nominated?: boolean; currentRoundTripTime?: number }) => {
      if (
        entry.type === 'candidate-pair' &&
        entry.state === 'succeeded' &&
        entry.currentRoundTripTime !== undefined
      )
        rtt = entry.currentRoundTripTime;
    },
  );
  return rtt;
}
