/** The few RTP header fields the load generator rewrites or reads (RFC 3550 §5.1). */
export interface RtpHeader {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
  headerLength: number;
}

export function readRtpHeader(packet: Buffer): RtpHeader | undefined {
  if (packet.length < 12 || packet[0] >> 6 !== 2) return undefined;
  const csrcCount = packet[0] & 0x0f;
  let headerLength = 12 + 4 * csrcCount;
  if (packet[0] & 0x10) {
    if (packet.length < headerLength + 4) return undefined;
    headerLength += 4 + 4 * packet.readUInt16BE(headerLength + 2);
  }
  return {
    payloadType: packet[1] & 0x7f,
    marker: (packet[1] & 0x80) !== 0,
    sequenceNumber: packet.readUInt16BE(2),
    timestamp: packet.readUInt32BE(4),
    ssrc: packet.readUInt32BE(8),
    headerLength,
  };
}

export function rewriteRtpHeader(
  packet: Buffer,
  sequenceNumber: number,
  timestamp: number,
  ssrc: number,
): void {
  packet.writeUInt16BE(sequenceNumber & 0xffff, 2);
  packet.writeUInt32BE(timestamp >>> 0, 4);
  packet.writeUInt32BE(ssrc >>> 0, 8);
}

/** RTCP packet types live in 200..206 where RTP has its payload type + marker bit (RFC 5761). */
export function isRtcp(packet: Buffer): boolean {
  return packet.length >= 2 && packet[1] >= 192 && packet[1] <= 223;
}
