import { wrtc } from './wrtc-globals';

const WIDTH = 320;
const HEIGHT = 240;
const FPS = 15;
const SAMPLE_RATE = 48_000;
const AUDIO_FRAME = SAMPLE_RATE / 100; // 10 ms

/** A camera and a microphone made of generated frames: a moving gradient and a 440 Hz tone. */
export class SyntheticMedia {
  readonly video: MediaStreamTrack;
  readonly audio: MediaStreamTrack;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor() {
    const videoSource = new wrtc.nonstandard.RTCVideoSource();
    const audioSource = new wrtc.nonstandard.RTCAudioSource();
    this.video = videoSource.createTrack();
    this.audio = audioSource.createTrack();
    const frame = new Uint8Array(WIDTH * HEIGHT * 1.5).fill(128);
    let n = 0;
    this.timers.push(
      setInterval(() => {
        n++;
        for (let y = 0; y < HEIGHT; y++)
          for (let x = 0; x < WIDTH; x++) frame[y * WIDTH + x] = (x + y + n * 7) & 0xff;
        videoSource.onFrame({ width: WIDTH, height: HEIGHT, data: frame });
      }, 1000 / FPS),
    );
    const samples = new Int16Array(AUDIO_FRAME);
    let phase = 0;
    this.timers.push(
      setInterval(() => {
        for (let i = 0; i < AUDIO_FRAME; i++)
          samples[i] = Math.sin((phase++ * 2 * Math.PI * 440) / SAMPLE_RATE) * 6000;
        audioSource.onData({
          samples,
          sampleRate: SAMPLE_RATE,
          bitsPerSample: 16,
          channelCount: 1,
          numberOfFrames: AUDIO_FRAME,
        });
      }, 10),
    );
  }

  stop(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.video.stop();
    this.audio.stop();
  }
}
