import type { Socket } from 'socket.io-client';
import { SFU_NAMESPACE } from '@yiqiao/contracts';
import type { Ack } from '@yiqiao/contracts';

let nextAckId = 900_000;

/**
 * Sends one event whose JSON payload is given as text, written straight onto the engine.io
 * connection as a socket.io EVENT packet with an ack id, and resolves with the server's ack. For
 * payloads socket.io-client cannot encode itself (its encoder recurses, so a payload nested 10,000
 * deep overflows the client's stack before anything is sent).
 */
export function sendRawEvent<T = unknown>(
  socket: Socket,
  event: string,
  payloadJson: string,
): Promise<Ack<T>> {
  const ackId = nextAckId++;
  const engine = socket.io.engine;
  const prefix = `3${SFU_NAMESPACE},${ackId}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      engine.off('message', onMessage);
      reject(new Error(`no ack for raw ${event} within 10 s`));
    }, 10_000);
    const onMessage = (data: unknown) => {
      if (typeof data !== 'string' || !data.startsWith(prefix)) return;
      clearTimeout(timer);
      engine.off('message', onMessage);
      const [ack] = JSON.parse(data.slice(prefix.length)) as [Ack<T>];
      resolve(ack);
    };
    engine.on('message', onMessage);
    engine.write(`2${SFU_NAMESPACE},${ackId}[${JSON.stringify(event)},${payloadJson}]`);
  });
}

/** `{"a":{"a":…1…}}`, `depth` objects deep, as text (never built as an object). */
export function deeplyNestedJson(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}
