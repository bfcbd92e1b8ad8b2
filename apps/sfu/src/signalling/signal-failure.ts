import type { SignalErrorCode } from '@yiqiao/contracts';

/** A refusal the client should see verbatim in its acknowledgement. */
export class SignalFailure extends Error {
  constructor(
    readonly code: SignalErrorCode,
    message: string,
  ) {
    super(message);
  }
}
