import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { Consumer, Router, RtpCapabilities, WebRtcTransport } from 'mediasoup/lib/types';
import {
  reportAgain,
  type BenchRoom,
  type Layout,
  type ParticipantRole,
  type PolicyUnderTest,
} from './bench-room';
import type { DecodeReport, ProbeCommand, ProbeReceiver, ProbeReply } from './decode-probe-protocol';

const VIEWER: ParticipantRole = 'coordinator';
const WATCH_MS = 4_000;
const TIMEOUT_MS = 30_000;

function next<T extends ProbeReply['type']>(
  child: ChildProcess,
  type: T,
): Promise<Extract<ProbeReply, { type: T }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`decode probe exited (${code}) while waiting for ${type}`));
    };
    const onMessage = (m: ProbeReply) => {
      if (m.type === 'failed') {
        done();
        reject(new Error(`decode probe: ${m.error}`));
      } else if (m.type === type) {
        done();
        resolve(m as Extract<ProbeReply, { type: T }>);
      }
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Proves the forwarded video still decodes under load: one participant of `room` (the coordinator)
 * gets real WebRTC receivers, in a probe process of their own, for the three others' video on
 * WebRtcTransports of the same router, each at the layer `policy` picks for its tile. It runs after
 * the step was measured, so it is not pinned: the scheduler puts it where there is room (pinned to
 * the generator's busy core, the receivers themselves starved and decoded at a few fps).
 */
export async function checkDecoding(
  router: Router,
  room: BenchRoom,
  policy: PolicyUnderTest,
  layout: Layout,
): Promise<DecodeReport[]> {
  const script = path.join(__dirname, 'decode-probe.js');
  const child = spawn(process.execPath, [script], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const send = (command: ProbeCommand) => child.send(command);
  const transports: WebRtcTransport[] = [];
  const consumers: Consumer[] = [];
  const layers: { spatialLayer: number; temporalLayer: number }[] = [];
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
  try {
    const loaded = next(child, 'loaded');
    send({ type: 'load', routerRtpCapabilities: router.rtpCapabilities });
    const { rtpCapabilities } = await loaded;
    const receivers: ProbeReceiver[] = [];
    for (const shown of room.participants) {
      if (shown.role === VIEWER || !shown.video) continue;
      const tile = layout.tile(VIEWER, shown.role, room.speaker);
      const choice = policy.layerFor(tile, shown.role === room.speaker);
      if (choice.paused) continue; // the policy forwards nothing for this tile: nothing to decode
      const transport = await router.createWebRtcTransport({
        listenIps: [{ ip: '127.0.0.1' }],
        enableUdp: true,
        preferUdp: true,
      });
      transports.push(transport);
      const consumer = await transport.consume({
        producerId: shown.video.id,
        rtpCapabilities: rtpCapabilities as RtpCapabilities,
        paused: true,
      });
      consumers.push(consumer);
      layers.push({ spatialLayer: choice.spatialLayer, temporalLayer: choice.temporalLayer });
      await consumer.setPreferredLayers(layers[layers.length - 1]);
      receivers.push({
        label: `${shown.role} as a ${tile.width}×${tile.height} tile, layer ${choice.spatialLayer}`,
        transport: {
          id: transport.id,
          iceParameters: transport.iceParameters,
          iceCandidates: transport.iceCandidates,
          dtlsParameters: transport.dtlsParameters,
        },
        consumer: { id: consumer.id, producerId: consumer.producerId, rtpParameters: consumer.rtpParameters },
      });
    }
    child.on('message', (m: ProbeReply) => {
      if (m.type !== 'connect') return;
      const transport = transports.find((t) => t.id === m.transportId);
      transport?.connect({ dtlsParameters: m.dtlsParameters }).then(
        () => send({ type: 'connected', transportId: m.transportId }),
        (error: Error) => send({ type: 'connected', transportId: m.transportId, error: error.message }),
      );
    });
    const consuming = next(child, 'consuming');
    send({ type: 'receive', receivers });
    await consuming;
    for (const consumer of consumers) await consumer.resume();
    // as the client reports its tiles once drawn; then the first keyframe (1 s GOP) before watching
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [i, consumer] of consumers.entries()) await reportAgain(consumer, layers[i]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const result = next(child, 'result');
    send({ type: 'watch', ms: WATCH_MS });
    return (await result).reports;
  } finally {
    clearTimeout(timer);
    for (const transport of transports) transport.close();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const grace = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await exited;
      clearTimeout(grace);
    }
  }
}
