import { wrtc } from '../../e2e/sfu-support/wrtc-globals';
import { Device, types } from 'mediasoup-client';
import type { DecodeReport, ProbeCommand, ProbeReceiver, ProbeReply } from './decode-probe-protocol';

/**
 * Decode probe process for the SFU capacity benchmark: real WebRTC receivers (libwebrtc through
 * @roamhq/wrtc, driven by mediasoup-client's Chrome111 handler) that consume a few of the worker's
 * video streams and decode them. Started after a step's measurement, so its CPU is not counted.
 */
interface Watched {
  label: string;
  transport: types.Transport;
  sink: InstanceType<typeof wrtc.nonstandard.RTCVideoSink>;
  frames: number;
  width: number;
  height: number;
}

let device: Device | null = null;
const watched: Watched[] = [];
const pendingConnects = new Map<string, { resolve: () => void; reject: (e: Error) => void }>();

function reply(message: ProbeReply): void {
  process.send?.(message);
}

async function receive(receiver: ProbeReceiver): Promise<void> {
  const transport = device!.createRecvTransport(receiver.transport as types.TransportOptions);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    pendingConnects.set(transport.id, { resolve: callback, reject: errback });
    reply({ type: 'connect', transportId: transport.id, dtlsParameters: dtlsParameters as never });
  });
  const consumer = await transport.consume({
    id: receiver.consumer.id,
    producerId: receiver.consumer.producerId,
    kind: 'video',
    rtpParameters: receiver.consumer.rtpParameters as types.RtpParameters,
  });
  const sink = new wrtc.nonstandard.RTCVideoSink(consumer.track);
  const entry: Watched = { label: receiver.label, transport, sink, frames: 0, width: 0, height: 0 };
  sink.onframe = ({ frame }: { frame: { width: number; height: number } }) => {
    entry.frames++;
    entry.width = frame.width;
    entry.height = frame.height;
  };
  watched.push(entry);
}

async function report(entry: Watched, framesBefore: number, seconds: number): Promise<DecodeReport> {
  const stats = await entry.transport.getStats();
  let framesDecoded = 0;
  let packetsLost = 0;
  stats.forEach((s: { type: string; kind?: string; framesDecoded?: number; packetsLost?: number }) => {
    if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
    framesDecoded += s.framesDecoded ?? 0;
    packetsLost += s.packetsLost ?? 0;
  });
  return {
    label: entry.label,
    framesDecoded,
    framesRendered: entry.frames,
    width: entry.width,
    height: entry.height,
    fps: (entry.frames - framesBefore) / seconds,
    packetsLost,
  };
}

async function watch(ms: number): Promise<void> {
  const before = watched.map((w) => w.frames);
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const seconds = (Date.now() - started) / 1000;
  const reports = await Promise.all(watched.map((w, i) => report(w, before[i], seconds)));
  for (const w of watched) {
    w.sink.stop();
    w.transport.close();
  }
  // wrtc's native teardown is only clean with an explicit exit (see wrtc-globals)
  process.send?.({ type: 'result', reports } satisfies ProbeReply, () => process.exit(0));
}

async function handle(command: ProbeCommand): Promise<void> {
  switch (command.type) {
    case 'load':
      device = await Device.factory({ handlerName: 'Chrome111' });
      await device.load({ routerRtpCapabilities: command.routerRtpCapabilities as types.RtpCapabilities });
      reply({ type: 'loaded', rtpCapabilities: device.rtpCapabilities as never });
      return;
    case 'receive':
      await Promise.all(command.receivers.map(receive));
      reply({ type: 'consuming' });
      return;
    case 'connected': {
      const pending = pendingConnects.get(command.transportId);
      pendingConnects.delete(command.transportId);
      if (command.error) pending?.reject(new Error(command.error));
      else pending?.resolve();
      return;
    }
    case 'watch':
      await watch(command.ms);
  }
}

process.on('message', (command: ProbeCommand) => {
  handle(command).catch((error: Error) => {
    process.send?.({ type: 'failed', error: error.message } satisfies ProbeReply, () => process.exit(1));
  });
});
process.on('disconnect', () => process.exit(0));
