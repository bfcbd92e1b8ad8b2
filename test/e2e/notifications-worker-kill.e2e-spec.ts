import { once } from 'node:events';
import { AppProcess, freePort, spawnApp, waitForHealthy } from '@yiqiao/testing';
import type { SmtpVerdict } from '../../infra/dev/mail-catcher';
import {
  FAST_DELIVERY_ENV,
  NotificationStack,
  seedConsultation,
  startNotificationStack,
  waitFor,
} from '../integration/notifications-support';

jest.setTimeout(180_000);

/**
 * A worker process is SIGKILLed while its SMTP transaction is in flight (data sent, no 250 yet).
 * A second worker takes the stalled job over once the job lock and the delivery lease have expired,
 * and the patient receives the message exactly once.
 */
describe('a worker killed (SIGKILL) in the middle of sending', () => {
  let stack: NotificationStack;
  const workers: AppProcess[] = [];
  let releaseFirst: ((verdict: SmtpVerdict) => void) | null = null;
  let firstDataArrived: () => void = () => undefined;
  const firstData = new Promise<void>((resolve) => (firstDataArrived = resolve));

  beforeAll(async () => {
    stack = await startNotificationStack({
      label: 'notif-kill',
      withWorker: false,
      decide: (_raw, attempt) => {
        if (attempt > 1) return { accept: true };
        firstDataArrived();
        return new Promise<SmtpVerdict>((resolve) => (releaseFirst = resolve));
      },
    });
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await stack.close();
  });

  async function startWorkerProcess(): Promise<AppProcess> {
    const port = await freePort();
    const worker = spawnApp('worker', {
      WORKER_PORT: String(port),
      DATABASE_URL: stack.db.url,
      QUEUE_PREFIX: stack.queuePrefix,
      SMTP_URL: `smtp://127.0.0.1:${stack.catcher.smtpPort}`,
      PUBLIC_WEB_URL: 'https://care.yiqiao.test',
      ...FAST_DELIVERY_ENV,
    });
    workers.push(worker);
    await waitForHealthy(`http://127.0.0.1:${port}/health`, worker);
    return worker;
  }

  it('delivers the notification exactly once', async () => {
    const setup = await seedConsultation(stack.dataSource, {
      startsAt: new Date(Date.now() + 2 * 24 * 3600_000),
    });
    const first = await startWorkerProcess();

    const afterCommit = await stack.dataSource.transaction((manager) =>
      stack.planner.planNotification(manager, {
        kind: 'booking_confirmed',
        recipientId: setup.patient.id,
        consultationId: setup.consultationId,
        dueAt: new Date(),
        data: { icsSequence: 0 },
      }),
    );
    await afterCommit();

    await firstData; // the first worker is inside its SMTP transaction now
    const [claimed] = await stack.dataSource.query(
      `SELECT d.state, d.attempts FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.consultation_id = $1 AND d.channel = 'email'`,
      [setup.consultationId],
    );
    expect(claimed).toEqual({ state: 'sending', attempts: 1 });

    first.child.kill('SIGKILL');
    await once(first.child, 'exit');
    // Let the SMTP server see the connection drop before it would have answered 250.
    await waitFor('the dead connection to close', () => stack.catcher.connections() === 0);
    releaseFirst?.({ accept: true });

    await startWorkerProcess();
    const [row] = await waitFor(
      'delivered by the second worker',
      async () => {
        const rows = await stack.dataSource.query(
          `SELECT n.status, d.state, d.attempts FROM notifications n
           JOIN notification_deliveries d ON d.notification_id = n.id AND d.channel = 'email'
          WHERE n.consultation_id = $1`,
          [setup.consultationId],
        );
        return rows[0]?.status === 'sent' ? rows : null;
      },
      60_000,
    );
    expect(row).toEqual({ status: 'sent', state: 'sent', attempts: 2 });

    const received = stack.catcher.messages().filter((m) => m.to.includes(setup.patient.email));
    expect(received).toHaveLength(1);
    expect(received[0].duplicateOf).toBeNull();
    expect(stack.catcher.attempts()).toBe(2); // the abandoned transaction and the successful one
  });
});
