import type { DataSource } from 'typeorm';
import { sleep } from '../stats';
import type { JsonClient } from '../support/http-client';
import { runPool } from '../support/http-client';

export interface AcceptLoop {
  /** answers to accept requests by HTTP status (or the transport error) */
  answers: Map<string, number>;
  /** a few distinct refusal messages (ids and times masked), to tell why accepts were refused */
  messages: Set<string>;
  /** offers an accept was sent for */
  tried: Set<string>;
  stop(): Promise<void>;
}

/**
 * Interpreters who accept every offer they get, through `POST /interpreters/me/offers/:id/accept`,
 * as soon as the offer shows up (polled from PostgreSQL every 200 ms).
 */
export function startAcceptLoop(
  ds: DataSource,
  client: JsonClient,
  tokens: Map<string, string>,
  concurrency: number,
): AcceptLoop {
  const answers = new Map<string, number>();
  const messages = new Set<string>();
  const tried = new Set<string>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const open = (await ds.query(
        `SELECT id, interpreter_id FROM interpreter_offers WHERE state = 'offered'`,
      )) as { id: string; interpreter_id: string }[];
      const fresh = open.filter((o) => !tried.has(o.id));
      await runPool(fresh.length, concurrency, async (i) => {
        const offer = fresh[i];
        tried.add(offer.id);
        const token = tokens.get(offer.interpreter_id);
        if (!token) return;
        const status = await client
          .request('POST', `/interpreters/me/offers/${offer.id}/accept`, undefined, {
            authorization: `Bearer ${token}`,
          })
          .then(
            (answer) => {
              const message = (answer.body as { message?: unknown } | undefined)?.message;
              if (answer.status !== 200 && typeof message === 'string' && messages.size < 5)
                messages.add(
                  `${answer.status}: ${message.replace(/[0-9a-f-]{36}|\d{4}-\d\d-\d\dT[\d:.]+Z/g, '…')}`,
                );
              return String(answer.status);
            },
            (error: Error) => `error: ${error.message}`,
          );
        answers.set(status, (answers.get(status) ?? 0) + 1);
      });
      await sleep(200);
    }
  })();
  return {
    answers,
    messages,
    tried,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
