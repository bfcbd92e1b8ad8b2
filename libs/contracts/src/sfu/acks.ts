export const SIGNAL_ERROR_CODES = [
  'invalid_payload',
  'not_admitted',
  'forbidden',
  'not_found',
  'rate_limited',
  'not_joined',
  'room_ended',
  'not_started',
  'unavailable',
  'internal',
] as const;
export type SignalErrorCode = (typeof SIGNAL_ERROR_CODES)[number];

export interface SignalError {
  code: SignalErrorCode;
  message: string;
}

/** Every client request gets exactly one acknowledgement of this shape. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: SignalError };
