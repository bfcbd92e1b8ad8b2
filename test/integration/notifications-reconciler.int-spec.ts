import { ReconcilerService } from '../../apps/worker/src/reconciler/reconciler.service';
import { NotificationStack, seedConsultation, startNotificationStack } from './notifications-support';

jest.setTimeout(90_000);

describe('the reconciler (real PostgreSQL, Redis)', () => {
  let stack: NotificationStack;
  let reconciler: ReconcilerService;

  beforeAll(async () => {
    // A long interval: the pass on start takes the lock, the test drives the rest by hand.
    stack = await startNotificationStack({
      label: 'notif-recon',
      workerEnv: { RECONCILE_INTERVAL_SECONDS: '3600' },
    });
    reconciler = stack.worker!.get(ReconcilerService);
  });

  afterAll(async () => {
    await stack.close();
  });

  async function planWithoutEnqueue(
    consultationId: string,
    recipientId: string,
    dueAt: Date,
  ): Promise<string> {
    await stack.dataSource.transaction((manager) =>
      stack.planner.planNotification(manager, { kind: 'reminder', recipientId, consultationId, dueAt }),
    ); // the after-commit enqueue is deliberately dropped, as if the api died right after commit
    const [row] = await stack.dataSource.query(
      `SELECT id FROM notifications WHERE consultation_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [consultationId],
    );
    return row.id;
  }

  it('runs once per interval across workers (Redis lock)', async () => {
    expect(await reconciler.runIfLeader()).toBeNull();
  });

  it('re-enqueues a pending notification whose job was lost, and fails reminders that come too late', async () => {
    const future = await seedConsultation(stack.dataSource, {
      startsAt: new Date(Date.now() + 2 * 24 * 3600_000),
    });
    const lost = await planWithoutEnqueue(
      future.consultationId,
      future.patient.id,
      new Date(Date.now() + 3600_000),
    );
    const started = await seedConsultation(stack.dataSource, { startsAt: new Date(Date.now() - 5 * 60_000) });
    const late = await planWithoutEnqueue(
      started.consultationId,
      started.patient.id,
      new Date(Date.now() - 15 * 60_000),
    );
    expect(await stack.queue.getJob(lost)).toBeUndefined();

    const result = await reconciler.reconcile();
    expect(result.requeued).toBe(1);
    expect(result.expired).toBe(1);
    expect(await stack.queue.getJobState(lost)).toBe('delayed');
    const [lateRow] = await stack.dataSource.query(
      `SELECT status, failure_reason FROM notifications WHERE id = $1`,
      [late],
    );
    expect(lateRow).toEqual({ status: 'failed', failure_reason: 'too late to be useful' });
    expect(stack.catcher.messages().filter((m) => m.to.includes(started.patient.email))).toHaveLength(0);

    // A second pass finds nothing to do: the job is there now.
    expect(await reconciler.reconcile()).toEqual({ requeued: 0, expired: 0 });
  });
});
