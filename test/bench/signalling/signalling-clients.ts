import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';
import { ClientEvent, SFU_NAMESPACE } from '@yiqiao/contracts';
import type { Ack, CallRole } from '@yiqiao/contracts';
import { signJoinToken } from '../../../apps/api/src/video/join-token-signer';

/** The four people of a consultation room; the patient is pre-admitted (as after a reconnect). */
export const ROOM_ROLES: CallRole[] = ['specialist', 'coordinator', 'interpreter', 'patient'];

export interface BenchClient {
  consultationId: string;
  userId: string;
  role: CallRole;
  socket: Socket;
}

export interface ClientPlan {
  consultationId: string;
  userId: string;
  role: CallRole;
  token: string;
}

/** Join tokens exactly as the api signs them, for `rooms` rooms of four. */
export function planClients(rooms: number, secret: string, nodeId: string): ClientPlan[] {
  const plans: ClientPlan[] = [];
  for (let r = 0; r < rooms; r++) {
    const consultationId = randomUUID();
    for (const role of ROOM_ROLES) {
      const userId = randomUUID();
      const token = signJoinToken(
        { cid: consultationId, sub: userId, role, name: `Bench ${role} ${r}`, node: nodeId },
        secret,
        600,
      );
      plans.push({ consultationId, userId, role, token });
    }
  }
  return plans;
}

/** Emits an acknowledged event and resolves with the ack and its round trip in ms. */
export function request<T>(
  socket: Socket,
  event: string,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<{ ack: Ack<T>; ms: number }> {
  const started = performance.now();
  return socket
    .timeout(timeoutMs)
    .emitWithAck(event, payload)
    .then((ack: Ack<T>) => ({ ack, ms: performance.now() - started }));
}

/** Connects one client the way the web app does (websocket transport, auth in the handshake) and joins. */
export async function connectAndJoin(sfuUrl: string, plan: ClientPlan): Promise<BenchClient> {
  const socket = io(`${sfuUrl}${SFU_NAMESPACE}`, {
    auth: { token: plan.token, consultationId: plan.consultationId },
    transports: ['websocket'],
    reconnection: false,
    timeout: 20_000,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  const { ack } = await request(socket, ClientEvent.Join, {}, 20_000);
  if (!ack.ok) throw new Error(`room:join refused: ${ack.error.code} ${ack.error.message}`);
  return { consultationId: plan.consultationId, userId: plan.userId, role: plan.role, socket };
}

/** Connects all planned clients, `concurrency` handshakes in flight at a time. */
export async function connectAll(
  sfuUrl: string,
  plans: ClientPlan[],
  concurrency: number,
): Promise<{ clients: BenchClient[]; failures: string[]; connectMs: number[] }> {
  const clients: BenchClient[] = [];
  const failures: string[] = [];
  const connectMs: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < plans.length) {
      const plan = plans[next++];
      const started = performance.now();
      try {
        clients.push(await connectAndJoin(sfuUrl, plan));
        connectMs.push(performance.now() - started);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { clients, failures, connectMs };
}
