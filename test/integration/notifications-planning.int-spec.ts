import request from 'supertest';
import type { Server } from 'node:http';
import { createInstitution, createUser } from '@yiqiao/testing';
import { authHeader, loginAs } from '../support/auth';
import {
  NotificationStack,
  notificationRows,
  moveConsultation,
  runConsultationChange,
  seedConsultation,
  startNotificationStack,
} from './notifications-support';

jest.setTimeout(90_000);

const HOUR = 3600_000;
const MINUTE = 60_000;

describe('notification planning: booking, reschedule and cancel move the reminders (real PostgreSQL, Redis)', () => {
  let stack: NotificationStack;
  let server: Server;

  beforeAll(async () => {
    stack = await startNotificationStack({ label: 'notif-plan', withWorker: false });
    server = stack.api.getHttpServer() as Server;
  });

  afterAll(async () => {
    await stack.close();
  });

  async function jobIds(): Promise<Set<string>> {
    const jobs = await stack.queue.getJobs(['delayed', 'waiting']);
    return new Set(jobs.map((job) => String(job.id)));
  }

  it('booking plans a confirmation now and the 24 h, 1 h and 10 min reminders for every participant', async () => {
    const startsAt = new Date(Date.now() + 3 * 24 * HOUR);
    const setup = await seedConsultation(stack.dataSource, { startsAt, withInterpreter: true });
    await runConsultationChange(stack.api, {
      kind: 'booked',
      consultationId: setup.consultationId,
      actorId: null,
    });

    const rows = await notificationRows(stack.dataSource, setup.consultationId);
    const people = [setup.patient.id, setup.specialist.id, setup.interpreter!.id].sort();
    const confirmations = rows.filter((r) => r.kind === 'booking_confirmed');
    expect(confirmations.map((r) => r.recipient_id).sort()).toEqual(people);
    for (const person of people) {
      const reminders = rows.filter((r) => r.kind === 'reminder' && r.recipient_id === person);
      expect(
        reminders.map((r) => startsAt.getTime() - new Date(r.due_at).getTime()).sort((a, b) => b - a),
      ).toEqual([24 * HOUR, HOUR, 10 * MINUTE]);
    }
    expect(rows.every((r) => r.status === 'pending')).toBe(true);

    // Every row is a BullMQ job whose id is the row id, delayed until the row is due.
    const jobs = await jobIds();
    for (const row of rows) expect(jobs.has(row.id)).toBe(true);
    const reminder = rows.find((r) => r.kind === 'reminder')!;
    const job = await stack.queue.getJob(reminder.id);
    expect(job?.name).toBe('notifications:deliver');
    expect(job?.data).toEqual({ notificationId: reminder.id });
    expect(Math.abs(job!.timestamp + job!.delay - new Date(reminder.due_at).getTime())).toBeLessThan(5_000);
  });

  it('skips reminders already in the past and follows the institution offsets', async () => {
    const soon = await seedConsultation(stack.dataSource, { startsAt: new Date(Date.now() + 30 * MINUTE) });
    await runConsultationChange(stack.api, {
      kind: 'booked',
      consultationId: soon.consultationId,
      actorId: null,
    });
    const soonReminders = (await notificationRows(stack.dataSource, soon.consultationId)).filter(
      (r) => r.kind === 'reminder' && r.recipient_id === soon.patient.id,
    );
    expect(soonReminders.map((r) => soon.startsAt.getTime() - new Date(r.due_at).getTime())).toEqual([
      10 * MINUTE,
    ]);

    const custom = await seedConsultation(stack.dataSource, {
      startsAt: new Date(Date.now() + 2 * 24 * HOUR),
      reminderOffsets: [120, 30],
    });
    await runConsultationChange(stack.api, {
      kind: 'booked',
      consultationId: custom.consultationId,
      actorId: null,
    });
    const customReminders = (await notificationRows(stack.dataSource, custom.consultationId)).filter(
      (r) => r.kind === 'reminder' && r.recipient_id === custom.patient.id,
    );
    expect(customReminders.map((r) => custom.startsAt.getTime() - new Date(r.due_at).getTime())).toEqual([
      120 * MINUTE,
      30 * MINUTE,
    ]);
  });

  it('rescheduling cancels the old reminders (and their jobs), plans new ones and a notice with the next SEQUENCE', async () => {
    const startsAt = new Date(Date.now() + 2 * 24 * HOUR);
    const setup = await seedConsultation(stack.dataSource, { startsAt });
    await runConsultationChange(stack.api, {
      kind: 'booked',
      consultationId: setup.consultationId,
      actorId: null,
    });
    const before = await notificationRows(stack.dataSource, setup.consultationId);
    const oldReminders = before.filter((r) => r.kind === 'reminder');

    const newStart = new Date(startsAt.getTime() + 3 * 24 * HOUR);
    await moveConsultation(stack, setup, startsAt, newStart);

    const after = await notificationRows(stack.dataSource, setup.consultationId);
    const jobs = await jobIds();
    for (const old of oldReminders) {
      expect(after.find((r) => r.id === old.id)?.status).toBe('cancelled');
      expect(jobs.has(old.id)).toBe(false);
    }
    const live = after.filter((r) => r.kind === 'reminder' && r.status === 'pending');
    expect(live).toHaveLength(6);
    for (const r of live) expect(jobs.has(r.id)).toBe(true);
    expect(live.map((r) => newStart.getTime() - new Date(r.due_at).getTime()).sort((a, b) => a - b)).toEqual([
      10 * MINUTE,
      10 * MINUTE,
      HOUR,
      HOUR,
      24 * HOUR,
      24 * HOUR,
    ]);
    const notices = after.filter((r) => r.kind === 'rescheduled');
    expect(notices).toHaveLength(2);
    expect(notices[0].data).toEqual({ icsSequence: 1, previousStartsAt: startsAt.toISOString() });
  });

  it('cancelling removes every pending message and plans the cancellation for everyone', async () => {
    const setup = await seedConsultation(stack.dataSource, {
      startsAt: new Date(Date.now() + 2 * 24 * HOUR),
      withInterpreter: true,
    });
    await runConsultationChange(stack.api, {
      kind: 'booked',
      consultationId: setup.consultationId,
      actorId: null,
    });
    const planned = await notificationRows(stack.dataSource, setup.consultationId);
    await stack.dataSource.query(`UPDATE consultations SET status = 'cancelled' WHERE id = $1`, [
      setup.consultationId,
    ]);
    await runConsultationChange(stack.api, {
      kind: 'cancelled',
      consultationId: setup.consultationId,
      actorId: setup.coordinator.id,
      reason: 'patient asked',
    });
    const after = await notificationRows(stack.dataSource, setup.consultationId);
    const jobs = await jobIds();
    for (const row of planned) {
      expect(after.find((r) => r.id === row.id)?.status).toBe('cancelled');
      expect(jobs.has(row.id)).toBe(false);
    }
    const cancellations = after.filter((r) => r.kind === 'cancelled');
    expect(cancellations).toHaveLength(3);
    expect(cancellations.every((r) => r.status === 'pending' && jobs.has(r.id))).toBe(true);
    expect(cancellations[0].data).toEqual({ icsSequence: 1, reason: 'patient asked' });
  });

  it('gives an assigned interpreter reminders, moves them to a replacement and drops them on removal', async () => {
    const setup = await seedConsultation(stack.dataSource, {
      startsAt: new Date(Date.now() + 2 * 24 * HOUR),
    });
    await runConsultationChange(stack.api, {
      kind: 'booked',
      consultationId: setup.consultationId,
      actorId: null,
    });
    const assign = async (
      interpreterId: string | null,
      kind: 'interpreter_assigned' | 'interpreter_removed',
    ) => {
      await stack.dataSource.query(`UPDATE consultations SET interpreter_id = $2 WHERE id = $1`, [
        setup.consultationId,
        interpreterId,
      ]);
      await runConsultationChange(stack.api, { kind, consultationId: setup.consultationId, actorId: null });
    };
    const pendingRemindersOf = async (userId: string) =>
      (await notificationRows(stack.dataSource, setup.consultationId)).filter(
        (r) => r.kind === 'reminder' && r.status === 'pending' && r.recipient_id === userId,
      ).length;

    const first = await createUser(stack.dataSource, 'interpreter', { institutionId: setup.institutionId });
    const second = await createUser(stack.dataSource, 'interpreter', { institutionId: setup.institutionId });
    await assign(first.id, 'interpreter_assigned');
    expect(await pendingRemindersOf(first.id)).toBe(3);
    await assign(second.id, 'interpreter_assigned');
    expect(await pendingRemindersOf(first.id)).toBe(0);
    expect(await pendingRemindersOf(second.id)).toBe(3);
    await assign(null, 'interpreter_removed');
    expect(await pendingRemindersOf(second.id)).toBe(0);
    expect(await pendingRemindersOf(setup.patient.id)).toBe(3);
    expect(await pendingRemindersOf(setup.specialist.id)).toBe(3);
  });

  it('shows coordinators of the institution the status per channel, and nobody else', async () => {
    const setup = await seedConsultation(stack.dataSource, {
      startsAt: new Date(Date.now() + 2 * 24 * HOUR),
    });
    await runConsultationChange(stack.api, {
      kind: 'booked',
      consultationId: setup.consultationId,
      actorId: null,
    });
    const token = await loginAs(server, setup.coordinator.email);
    const response = await request(server)
      .get(`/consultations/${setup.consultationId}/notifications`)
      .set(authHeader(token))
      .expect(200);
    expect(response.body.consultationId).toBe(setup.consultationId);
    expect(response.body.notifications).toHaveLength(8);
    expect(response.body.notifications.every((n: { state: string }) => n.state === 'scheduled')).toBe(true);
    expect(response.body.notifications[0].recipient).toEqual(
      expect.objectContaining({ name: expect.any(String) }),
    );

    const other = await createInstitution(stack.dataSource);
    const stranger = await createUser(stack.dataSource, 'coordinator', { institutionId: other.id });
    await request(server)
      .get(`/consultations/${setup.consultationId}/notifications`)
      .set(authHeader(await loginAs(server, stranger.email)))
      .expect(404);
    await request(server)
      .get(`/consultations/${setup.consultationId}/notifications`)
      .set(authHeader(await loginAs(server, setup.patient.email)))
      .expect(403);
    const bad = await request(server)
      .get(`/consultations/not-a-uuid/notifications`)
      .set(authHeader(token))
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('consultation id must be a UUID');
    await request(server).get(`/consultations/${setup.consultationId}/notifications`).expect(401);
  });
});
