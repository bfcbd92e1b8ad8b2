/** Seconds between the NTP epoch (1900) and the Unix epoch (1970). */
const NTP_UNIX_OFFSET_SECONDS = 2_208_988_800;

/**
 * An RTCP Sender Report (RFC 3550 §6.4.1) without report blocks. mediasoup needs one per simulcast
 * stream before a consumer may switch spatial layers (it aligns the layers' RTP timestamps with them).
 */
export function senderReport(
  ssrc: number,
  wallClockMs: number,
  rtpTimestamp: number,
  packetCount: number,
  octetCount: number,
): Buffer {
  const packet = Buffer.alloc(28);
  packet.writeUInt8(0x80, 0); // version 2, no padding, no report blocks
  packet.writeUInt8(200, 1); // SR
  packet.writeUInt16BE(6, 2); // length in 32-bit words minus one
  packet.writeUInt32BE(ssrc >>> 0, 4);
  const seconds = Math.floor(wallClockMs / 1000);
  const fraction = Math.floor(((wallClockMs % 1000) / 1000) * 0x1_0000_0000);
  packet.writeUInt32BE((seconds + NTP_UNIX_OFFSET_SECONDS) >>> 0, 8);
  packet.writeUInt32BE(fraction >>> 0, 12);
  packet.writeUInt32BE(rtpTimestamp >>> 0, 16);
  packet.writeUInt32BE(packetCount >>> 0, 20);
  packet.writeUInt32BE(octetCount >>> 0, 24);
  return packet;
}
