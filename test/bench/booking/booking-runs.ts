import { randomUUID } from 'node:crypto';
import type { HttpAnswer, JsonClient } from '../support/http-client';
import { runPool } from '../support/http-client';
import type { Slot } from './booking-world';

export interface StatusCounts {
  created: number;
  conflicts: number;
  other: Record<string, number>;
}

export function countStatuses(answers: HttpAnswer[]): StatusCounts {
  const counts: StatusCounts = { created: 0, conflicts: 0, other: {} };
  for (const a of answers) {
    if (a.status === 201) counts.created++;
    else if (a.status === 409) counts.conflicts++;
    else counts.other[a.status] = (counts.other[a.status] ?? 0) + 1;
  }
  return counts;
}

/** One booking as the coordinator's screen sends it: POST /consultations with an Idempotency-Key. */
export function book(client: JsonClient, token: string, slot: Slot, patientId: string): Promise<HttpAnswer> {
  return client.request(
    'POST',
    '/consultations',
    { specialistId: slot.specialistId, patientId, startsAt: slot.startsAt },
    { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
  );
}

/** All attempts released together at one slot, each for a different patient. */
export async function contend(
  client: JsonClient,
  token: string,
  slot: Slot,
  patientIds: string[],
): Promise<HttpAnswer[]> {
  return Promise.all(patientIds.map((patientId) => book(client, token, slot, patientId)));
}

/** Distinct slots and patients, `concurrency` requests in flight; no new request after `budgetMs`. */
export async function bookDistinct(
  client: JsonClient,
  token: string,
  slots: Slot[],
  patientIds: string[],
  concurrency: number,
  budgetMs = 90_000,
): Promise<{ answers: HttpAnswer[]; seconds: number; skipped: number }> {
  const started = performance.now();
  const deadline = started + budgetMs;
  const results = await runPool(slots.length, concurrency, (i) =>
    performance.now() < deadline ? book(client, token, slots[i], patientIds[i]) : Promise.resolve(null),
  );
  const answers = results.filter((a): a is HttpAnswer => a !== null);
  return { answers, seconds: (performance.now() - started) / 1000, skipped: results.length - answers.length };
}
