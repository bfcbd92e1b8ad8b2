import { randomUUID } from 'node:crypto';
import { Logger, type INestApplication } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { ROOM_EVENTS_QUEUE } from '@yiqiao/contracts';
import { DEFAULT_JOB_OPTIONS } from '@yiqiao/jobs';
import { createTestDatabase, testQueuePrefix, TEST_REDIS_URL, TestDatabase } from '@yiqiao/testing';
import { loadWorkerConfig } from '../../apps/worker/src/config';
import { createWorker } from '../../apps/worker/src/create-worker';

jest.setTimeout(120_000);

/** Polls until the job has settled (completed or failed), then returns it as stored in Redis. */
async function settled(queue: Queue, id: string): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const state = await queue.getJobState(id);
    // Read the job once it has settled, so failedReason and attemptsMade are the final ones.
    if (state === 'failed' || state === 'completed') return (await queue.getJob(id)) as Job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${id} did not settle`);
}

/**
 * A malformed job is failed at once with the reason, never retried: every BullMQ processor of the
 * worker checks its job's data (notifications deliver, interpreter assign and offer timeout, room
 * events, the consultations window sweep). The jobs are added with many attempts and short backoff,
 * as producers add them, so a retry would show as a second attempt.
 */
describe('the worker fails malformed jobs with the reason, without retrying (real Redis + PostgreSQL)', () => {
  const prefix = testQueuePrefix('malformed-jobs');
  let db: TestDatabase;
  let worker: INestApplication;
  const queues = new Map<string, Queue>();
  const warnings: string[] = [];

  const queue = (name: string) => {
    let found = queues.get(name);
    if (!found) {
      found = new Queue(name, { connection: { url: TEST_REDIS_URL }, prefix });
      queues.set(name, found);
    }
    return found;
  };
  const add = (queueName: string, jobName: string, data: unknown) =>
    queue(queueName).add(jobName, data, {
      ...DEFAULT_JOB_OPTIONS,
      backoff: { type: 'fixed', delay: 10 },
      jobId: `malformed-${randomUUID()}`,
    });

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      warnings.push(String(message));
    });
    db = await createTestDatabase();
    worker = await createWorker(
      loadWorkerConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' }),
    );
    await worker.init();
  });

  afterAll(async () => {
    await worker?.close();
    for (const q of queues.values()) {
      await q.obliterate({ force: true });
      await q.close();
    }
    await db?.drop();
  });

  const cases: [string, string, string, unknown, string][] = [
    [
      'a notification id that is no UUID',
      'notifications',
      'notifications:deliver',
      { notificationId: 'abc' },
      'notificationId must be a UUID (got "abc")',
    ],
    [
      'a notification job without its id',
      'notifications',
      'notifications:deliver',
      { id: randomUUID() },
      'notificationId is required (missing)',
    ],
    [
      'an interpreter search for a number',
      'interpreters',
      'interpreters:assign',
      { consultationId: 42 },
      'consultationId must be a UUID (text) (got 42)',
    ],
    [
      'an offer deadline without its offer',
      'interpreters',
      'interpreters:offer-timeout',
      {},
      'offerId is required',
    ],
    [
      'an interpreter job of no known name',
      'interpreters',
      'interpreters:bogus',
      { consultationId: randomUUID() },
      'Unknown interpreter job "interpreters:bogus"',
    ],
    [
      'a room event of an unknown kind',
      ROOM_EVENTS_QUEUE,
      'room-event',
      {
        type: 'room-event',
        kind: 'exploded',
        eventId: randomUUID(),
        consultationId: randomUUID(),
        userId: randomUUID(),
        role: 'patient',
        displayName: 'Anna',
        occurredAt: '2026-11-22T08:05:00.000Z',
        sfuNodeId: 'sfu-test',
      },
      'kind must be one of joined, admitted',
    ],
    [
      'a chat message with no text',
      ROOM_EVENTS_QUEUE,
      'chat-message',
      {
        type: 'chat-message',
        eventId: randomUUID(),
        consultationId: randomUUID(),
        userId: randomUUID(),
        role: 'guest',
        displayName: 'Wang',
        occurredAt: 'yesterday',
        sfuNodeId: 'sfu-test',
      },
      'occurredAt must be an ISO 8601 instant',
    ],
    [
      'a window sweep with no object',
      'consultations',
      'consultations:close-windows',
      'close them all',
      'data must be an object (got "close them all")',
    ],
  ];

  it.each(cases)(
    '%s: failed after one attempt, the reason naming the field, and logged',
    async (_label, q, name, data, text) => {
      const added = await add(q, name, data);
      const job = await settled(queue(q), added.id as string);
      expect(await job.getState()).toBe('failed');
      expect(job.failedReason).toContain(text);
      expect(job.failedReason).toMatch(/^(Malformed .* job malformed-|Unknown interpreter job)/);
      expect(job.attemptsMade).toBe(1);
      expect(warnings.some((w) => w.includes(added.id as string) && w.includes(text))).toBe(true);
      // Still failed, and still one attempt, after a retry's backoff would have run it again.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const later = (await queue(q).getJob(added.id as string)) as Job;
      expect(await later.getState()).toBe('failed');
      expect(later.attemptsMade).toBe(1);
    },
  );

  it('a well-formed job is still processed after the malformed ones', async () => {
    const added = await add('interpreters', 'interpreters:assign', { consultationId: randomUUID() });
    const job = await settled(queue('interpreters'), added.id as string);
    expect(job.failedReason ?? null).toBeNull();
    expect(await job.getState()).toBe('completed');
  });
});
