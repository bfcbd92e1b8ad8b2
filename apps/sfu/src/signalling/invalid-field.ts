import type { ClientEventName } from '@yiqiao/contracts';
import { SignalFailure } from './signal-failure';

/** The refusal for one bad field, worded like the schema's: "Invalid <event>: <path>: <problem>". */
export function invalidField(event: ClientEventName, path: string, problem: string): SignalFailure {
  return new SignalFailure('invalid_payload', `Invalid ${event}: ${path}: ${problem}`);
}
