import type { Socket } from 'socket.io-client';
import type { Ack, ClientEventName, SignalErrorCode } from '@yiqiao/contracts/sfu';

const REQUEST_TIMEOUT_MS = 10_000;

/** A request the SFU refused, with its machine code and its human message. */
export class SignalRequestError extends Error {
  constructor(
    readonly code: SignalErrorCode | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

/** Sends one signalling request and unwraps its `Ack`. */
export async function request<T>(socket: Socket, event: ClientEventName, payload: object): Promise<T> {
  let ack: Ack<T>;
  try {
    ack = (await socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, payload)) as Ack<T>;
  } catch {
    throw new SignalRequestError('timeout', `${event}: no answer from the media server`);
  }
  if (!ack.ok) throw new SignalRequestError(ack.error.code, ack.error.message);
  return ack.data;
}
