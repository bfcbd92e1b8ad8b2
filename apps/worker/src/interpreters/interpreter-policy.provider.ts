import type { z } from 'zod';
import { loadConfig, positiveInt } from '@yiqiao/config';
import { interpreterPolicySchema, offerPolicyFrom, type OfferPolicy } from '@yiqiao/interpreters';

export const INTERPRETER_WORKER_SETTINGS = Symbol('INTERPRETER_WORKER_SETTINGS');

const settingsSchema = interpreterPolicySchema.extend({
  /** Assignment steps one worker process runs at once. */
  INTERPRETER_CONCURRENCY: positiveInt(4),
});

export interface InterpreterWorkerSettings {
  policy: OfferPolicy;
  concurrency: number;
  reconcileSeconds: number;
  orphanSweepSeconds: number;
}

/** Read once at start; a bad value stops the worker with a message naming the variable. */
export function loadInterpreterWorkerSettings(
  env: NodeJS.ProcessEnv = process.env,
): InterpreterWorkerSettings {
  const parsed: z.infer<typeof settingsSchema> = loadConfig('worker', settingsSchema, env);
  return {
    policy: offerPolicyFrom(parsed),
    concurrency: parsed.INTERPRETER_CONCURRENCY,
    reconcileSeconds: parsed.INTERPRETER_RECONCILE_SECONDS,
    orphanSweepSeconds: parsed.INTERPRETER_ORPHAN_SWEEP_SECONDS,
  };
}
