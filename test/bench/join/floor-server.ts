import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import * as mediasoup from 'mediasoup';
import type {
  Consumer,
  DtlsParameters,
  MediaKind,
  Producer,
  RtpCapabilities,
  RtpParameters,
  WebRtcTransport,
} from 'mediasoup/lib/types';
import { Server } from 'socket.io';
import { MEDIA_CODECS } from '../../../apps/sfu/src/media/media-codecs';

const ROOT = path.resolve(__dirname, '../../../..');
const PAGE_SRC = path.join(ROOT, 'test/bench/join/floor-page');
const PAGE_OUT = path.join(ROOT, 'test/bench/.cache/floor-page');

function buildPage(): void {
  const args = ['vite', 'build', PAGE_SRC, '--outDir', PAGE_OUT, '--emptyOutDir', '--logLevel', 'warn'];
  if (spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' }).status !== 0)
    throw new Error('could not build the floor page');
}

type Ack = (reply: { ok: true; data?: unknown } | { ok: false; error: string }) => void;
interface Payload {
  transportId?: string;
  consumerId?: string;
  dtlsParameters?: DtlsParameters;
  rtpCapabilities?: RtpCapabilities;
  rtpParameters?: RtpParameters;
  kind?: MediaKind;
}

/**
 * A bare router and the least signalling mediasoup-client needs: the floor the product's join time
 * is compared with (same machine, same run, same Chromium).
 */
export async function startFloorServer(): Promise<{ url: string; close: () => Promise<void> }> {
  buildPage();
  const worker = await mediasoup.createWorker({ logLevel: 'error', rtcMinPort: 30000, rtcMaxPort: 30999 });
  const router = await worker.createRouter({ mediaCodecs: MEDIA_CODECS });
  const transports = new Map<string, WebRtcTransport>();
  const consumers = new Map<string, Consumer>();
  let producer: Producer | undefined;

  const http = createServer((req, res) => {
    const file = !req.url || req.url === '/' ? 'index.html' : req.url.slice(1).split('?')[0];
    try {
      const body = readFileSync(path.join(PAGE_OUT, path.normalize(file).replace(/^(\.\.[/\\])+/, '')));
      res.setHeader('content-type', file.endsWith('.js') ? 'text/javascript' : 'text/html');
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end();
    }
  });
  const io = new Server(http);
  io.on('connection', (socket) => {
    const handle = (event: string, work: (p: Payload) => Promise<unknown>) =>
      socket.on(event, (payload: Payload, ack: Ack) =>
        work(payload).then(
          (data) => ack({ ok: true, data }),
          (error: Error) => ack({ ok: false, error: error.message }),
        ),
      );
    const transportOf = (p: Payload) => {
      const t = transports.get(p.transportId ?? '');
      if (!t) throw new Error('unknown transport');
      return t;
    };
    handle('caps', async () => router.rtpCapabilities);
    handle('createTransport', async () => {
      const t = await router.createWebRtcTransport({
        listenIps: [{ ip: '127.0.0.1' }],
        enableUdp: true,
        preferUdp: true,
      });
      transports.set(t.id, t);
      socket.on('disconnect', () => t.close());
      return {
        id: t.id,
        iceParameters: t.iceParameters,
        iceCandidates: t.iceCandidates,
        dtlsParameters: t.dtlsParameters,
      };
    });
    handle('connectTransport', async (p) => transportOf(p).connect({ dtlsParameters: p.dtlsParameters! }));
    handle('produce', async (p) => {
      producer = await transportOf(p).produce({ kind: p.kind!, rtpParameters: p.rtpParameters! });
      return { id: producer.id };
    });
    handle('consume', async (p) => {
      if (!producer) throw new Error('nobody is producing yet');
      const c = await transportOf(p).consume({
        producerId: producer.id,
        rtpCapabilities: p.rtpCapabilities!,
        paused: true,
      });
      consumers.set(c.id, c);
      return { id: c.id, producerId: producer.id, kind: c.kind, rtpParameters: c.rtpParameters };
    });
    handle('resume', async (p) => consumers.get(p.consumerId ?? '')?.resume());
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      io.close();
      worker.close();
    },
  };
}
