import Redis from 'ioredis';
import { createNotificationQueue, NotificationPlanner, type NotificationQueue } from '@yiqiao/notifications';
import type { AfterCommit } from '@yiqiao/persistence';
import { addSpecialistToDepartment, createDepartment, createInstitution, createUser } from '@yiqiao/testing';
import type { BenchDatabase } from '../support/bench-database';
import { createPatients } from '../support/bench-people';
import { runPool } from '../support/http-client';

const REMINDER_OFFSET_MINUTES = 60;
const PLAN_BATCH = 250;
const PLACEHOLDER_LEAD_MS = 3_600_000;

export interface ReminderSet {
  consultationIds: string[];
  notifications: number;
  planSeconds: number;
}

export interface ScheduledReminders {
  /** due time (epoch ms) of each notification id */
  dueAt: Map<string, number>;
  enqueueSeconds: number;
  /** notifications whose job was moved into the window after they were due (the bench's fault) */
  enqueuedLate: number;
}

/**
 * `consultations` consultations, each with a "60 minutes before" reminder for the patient and for the
 * specialist, written with the product's NotificationPlanner (rows in transactions, jobs enqueued after
 * commit, as the booking hook does). They are due in an hour for now: `scheduleReminders` moves them
 * into the window once the set-up is done, so a slow set-up on a loaded machine never makes reminders
 * late by itself.
 */
export async function createReminders(
  db: BenchDatabase,
  queue: NotificationQueue,
  consultations: number,
): Promise<ReminderSet> {
  const started = performance.now();
  const ds = db.ds;
  const institution = await createInstitution(ds);
  const department = await createDepartment(ds, institution.id, 'cardiology', 30);
  const coordinator = await createUser(ds, 'coordinator', { institutionId: institution.id });
  const specialists: string[] = [];
  for (let i = 0; i < 20; i++) {
    const s = await createUser(ds, 'specialist', { institutionId: institution.id });
    await addSpecialistToDepartment(ds, s.id, department.id);
    specialists.push(s.id);
  }
  const patients = await createPatients(ds, consultations);
  const startsAt = new Date(Date.now() + PLACEHOLDER_LEAD_MS + REMINDER_OFFSET_MINUTES * 60_000);
  // consultations written directly (no bookings: a reminder reads only the consultation row)
  const rows = (await ds.query(
    `INSERT INTO consultations (institution_id, department_id, specialist_id, patient_id, status, starts_at, ends_at, created_by)
     SELECT $1, $2, ($3::uuid[])[(1 + (i % array_length($3::uuid[], 1)))::int], p, 'scheduled',
            $5::timestamptz, $5::timestamptz + interval '30 minutes', $6
       FROM unnest($4::uuid[]) WITH ORDINALITY AS t(p, i)
     RETURNING id, patient_id, specialist_id`,
    [institution.id, department.id, specialists, patients, startsAt, coordinator.id],
  )) as { id: string; patient_id: string; specialist_id: string }[];
  const planner = new NotificationPlanner(queue);
  const dueAt = new Date(startsAt.getTime() - REMINDER_OFFSET_MINUTES * 60_000);
  for (let b = 0; b < rows.length; b += PLAN_BATCH) {
    const enqueues = await ds.transaction(async (manager) => {
      const afterCommit: AfterCommit[] = [];
      for (const c of rows.slice(b, b + PLAN_BATCH))
        for (const recipientId of [c.patient_id, c.specialist_id])
          afterCommit.push(
            await planner.planNotification(manager, {
              kind: 'reminder',
              recipientId,
              consultationId: c.id,
              dueAt,
              data: { offsetMinutes: REMINDER_OFFSET_MINUTES },
            }),
          );
      return afterCommit;
    });
    await Promise.all(enqueues.map((enqueue) => enqueue()));
  }
  return {
    consultationIds: rows.map((r) => r.id),
    notifications: rows.length * 2,
    planSeconds: (performance.now() - started) / 1000,
  };
}

/**
 * Spreads the consultations' reminders evenly over [windowStart, windowStart + windowMs) (moving each
 * consultation to an hour after its reminder), then moves each delivery job to its row's due time,
 * earliest first.
 *
 * Moved, not added: the workers are already up, and a worker's reconciler enqueues any pending row it
 * finds without a job at that row's due time then (an hour ahead). Adding the job again with the same
 * id would do nothing and leave the reminder an hour late, counted as still queued.
 */
export async function scheduleReminders(
  db: BenchDatabase,
  queue: NotificationQueue,
  set: ReminderSet,
  windowStart: number,
  windowMs: number,
): Promise<ScheduledReminders> {
  const started = performance.now();
  const n = set.consultationIds.length;
  const dues = set.consultationIds.map((_, i) => windowStart + Math.floor((i / n) * windowMs));
  await db.ds.query(
    `WITH t AS (SELECT c, to_timestamp(d / 1000.0) AS due FROM unnest($1::uuid[], $2::float8[]) AS t(c, d)),
          moved AS (UPDATE consultations SET starts_at = t.due + make_interval(mins => $3),
                           ends_at = t.due + make_interval(mins => $3 + 30)
                      FROM t WHERE consultations.id = t.c)
     UPDATE notifications SET due_at = t.due FROM t WHERE notifications.consultation_id = t.c`,
    [set.consultationIds, dues, REMINDER_OFFSET_MINUTES],
  );
  const rows = (await db.ds.query(`SELECT id, due_at FROM notifications ORDER BY due_at`)) as {
    id: string;
    due_at: Date;
  }[];
  const dueAt = new Map<string, number>();
  let enqueuedLate = 0;
  await runPool(rows.length, 50, async (i) => {
    const { id, due_at: due } = rows[i];
    const job = await queue.getJob(id);
    if (!job) throw new Error(`reminder ${id} has no delivery job to move into the window`);
    await job.changeDelay(Math.max(0, due.getTime() - Date.now()));
    dueAt.set(id, due.getTime());
    if (Date.now() > due.getTime()) enqueuedLate++;
  });
  return { dueAt, enqueueSeconds: (performance.now() - started) / 1000, enqueuedLate };
}

/** The product's notification queue on a bench connection. */
export function benchNotificationQueue(
  redisUrl: string,
  prefix: string,
): { queue: NotificationQueue; close(): Promise<void> } {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = createNotificationQueue(redis, prefix);
  return {
    queue,
    close: async () => {
      await queue.close();
      redis.disconnect();
    },
  };
}
