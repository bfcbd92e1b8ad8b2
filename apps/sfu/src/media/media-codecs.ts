import type { types } from 'mediasoup';

/** Opus for audio, VP8 (simulcast-friendly) and H264 for video. */
export const MEDIA_CODECS: types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 600 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

/** Start bitrate for new WebRTC transports; simulcast layers ramp up from here. */
export const INITIAL_OUTGOING_BITRATE = 1_000_000;
