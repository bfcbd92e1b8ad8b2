import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { Redis } from 'ioredis';
import type { AfterCommit } from '@yiqiao/persistence';
import { freePort } from '@yiqiao/testing';
import {
  NotificationStack,
  seedConsultation,
  startNotificationStack,
  waitFor,
} from './notifications-support';

const REMINDERS = 100;
// The per-project testTimeout in jest.config.js is ignored by jest 29 (it is a global option).
jest.setTimeout(120_000);

/** Runs its OWN redis-server: this test flushes it, which must never happen to the shared one. */
describe('FLUSHALL with 100 reminders pending: the reconciler re-enqueues them from PostgreSQL', () => {
  let redisProcess: ChildProcess;
  let redis: Redis;
  let stack: NotificationStack;

  beforeAll(async () => {
    const port = await freePort();
    redisProcess = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const url = `redis://127.0.0.1:${port}`;
    redis = new Redis(url, { maxRetriesPerRequest: null });
    await waitFor('own redis-server', async () => (await redis.ping()) === 'PONG');
    stack = await startNotificationStack({
      label: 'notif-flush',
      redisUrl: url,
      workerEnv: { RECONCILE_INTERVAL_SECONDS: '1', NOTIFICATION_CONCURRENCY: '10' },
    });
  });

  afterAll(async () => {
    await stack.close();
    redis.disconnect();
    redisProcess.kill('SIGTERM');
    await once(redisProcess, 'exit');
  });

  it('delivers all 100, none twice', async () => {
    const setup = await seedConsultation(stack.dataSource, {
      startsAt: new Date(Date.now() + 2 * 24 * 3600_000),
    });
    const dueAt = new Date(Date.now() + 4_000);
    const work: AfterCommit[] = await stack.dataSource.transaction(async (manager) => {
      const steps: AfterCommit[] = [];
      for (let i = 0; i < REMINDERS; i++) {
        steps.push(
          await stack.planner.planNotification(manager, {
            kind: 'reminder',
            recipientId: setup.patient.id,
            consultationId: setup.consultationId,
            dueAt,
            data: { offsetMinutes: 2880 },
          }),
        );
      }
      return steps;
    });
    for (const step of work) await step();
    expect(await stack.queue.getJobCountByTypes('delayed')).toBe(REMINDERS);

    await redis.flushall();
    expect(await stack.queue.getJobCountByTypes('delayed', 'waiting', 'active')).toBe(0);

    const mails = await waitFor(
      'all reminders delivered',
      () => {
        const received = stack.catcher.messages().filter((m) => m.to.includes(setup.patient.email));
        return received.length >= REMINDERS ? received : null;
      },
      60_000,
    );
    // Let anything that would be a second delivery arrive before counting.
    await waitFor('every row closed', async () => {
      const [row] = await stack.dataSource.query(
        `SELECT count(*)::int AS open FROM notifications WHERE consultation_id = $1 AND status = 'pending'`,
        [setup.consultationId],
      );
      return row.open === 0;
    });
    const final = stack.catcher.messages().filter((m) => m.to.includes(setup.patient.email));
    expect(final).toHaveLength(REMINDERS);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(REMINDERS);
    expect(final.filter((m) => m.duplicateOf !== null)).toHaveLength(0);
    const [counts] = await stack.dataSource.query(
      `SELECT count(*) FILTER (WHERE n.status = 'sent')::int AS sent,
              count(*) FILTER (WHERE d.channel = 'email' AND d.state = 'sent' AND d.attempts = 1)::int AS once
         FROM notifications n JOIN notification_deliveries d ON d.notification_id = n.id AND d.channel = 'email'
        WHERE n.consultation_id = $1`,
      [setup.consultationId],
    );
    expect(counts).toEqual({ sent: REMINDERS, once: REMINDERS });
  });
});
