import { loadConfig } from '@yiqiao/config';
import { interpreterPolicySchema, offerPolicyFrom, type OfferPolicy } from '@yiqiao/interpreters';

export const INTERPRETER_POLICY = Symbol('INTERPRETER_POLICY');

/** Same variables as the worker's (README "Configuration"); the api needs the late-cancellation window. */
export function loadInterpreterPolicy(env: NodeJS.ProcessEnv = process.env): OfferPolicy {
  return offerPolicyFrom(loadConfig('api', interpreterPolicySchema, env));
}
