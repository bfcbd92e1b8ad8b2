import { Device } from 'mediasoup-client';
import { io, Socket } from 'socket.io-client';
import type { RtpCapabilities } from 'mediasoup-client/lib/RtpParameters';
import type { Transport, TransportOptions } from 'mediasoup-client/lib/Transport';

/**
 * The floor for the join-time benchmark: the least a mediasoup-client page does to show remote video.
 * One page calls `__produce()` (fake camera, like a specialist already in the room); each measured
 * page calls `__join()`, which resolves with the milliseconds from the call to the first decoded
 * remote video frame.
 */
type Ack<T> = { ok: true; data: T } | { ok: false; error: string };

async function request<T>(socket: Socket, event: string, payload: unknown = {}): Promise<T> {
  const reply = (await socket.emitWithAck(event, payload)) as Ack<T>;
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

async function connectDevice(): Promise<{ socket: Socket; device: Device }> {
  const socket = io({ transports: ['websocket'] });
  const device = new Device();
  await device.load({ routerRtpCapabilities: await request<RtpCapabilities>(socket, 'caps') });
  return { socket, device };
}

function wireConnect(socket: Socket, transport: Transport): void {
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    request(socket, 'connectTransport', { transportId: transport.id, dtlsParameters }).then(
      () => callback(),
      errback,
    );
  });
}

async function produce(): Promise<void> {
  const { socket, device } = await connectDevice();
  const transport = device.createSendTransport(await request<TransportOptions>(socket, 'createTransport'));
  wireConnect(socket, transport);
  transport.on('produce', ({ kind, rtpParameters }, callback, errback) => {
    request<{ id: string }>(socket, 'produce', { transportId: transport.id, kind, rtpParameters }).then(
      callback,
      errback,
    );
  });
  const media = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 720 } });
  await transport.produce({
    track: media.getVideoTracks()[0],
    encodings: [{ scaleResolutionDownBy: 4 }, { scaleResolutionDownBy: 2 }, { scaleResolutionDownBy: 1 }],
  });
}

async function join(): Promise<number> {
  const started = performance.now();
  const { socket, device } = await connectDevice();
  const transport = device.createRecvTransport(await request<TransportOptions>(socket, 'createTransport'));
  wireConnect(socket, transport);
  const consumer = await transport.consume(
    await request<Parameters<Transport['consume']>[0]>(socket, 'consume', {
      transportId: transport.id,
      rtpCapabilities: device.rtpCapabilities,
    }),
  );
  const video = document.getElementById('remote') as HTMLVideoElement;
  video.srcObject = new MediaStream([consumer.track]);
  const firstFrame = new Promise<number>((resolve) =>
    video.requestVideoFrameCallback(() => resolve(performance.now())),
  );
  await request(socket, 'resume', { consumerId: consumer.id });
  return (await firstFrame) - started;
}

Object.assign(window, { __produce: produce, __join: join });
