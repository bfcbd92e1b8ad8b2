import type { Server } from 'node:http';
import { DateTime } from 'luxon';
import request from 'supertest';
import { twoClocks } from '@yiqiao/notifications';
import { DeliveryService } from '../../apps/worker/src/notifications/delivery.service';
import { authHeader, loginAs } from '../support/auth';
import {
  calendarOf,
  ConsultationSetup,
  NotificationStack,
  parseMail,
  moveConsultation,
  runConsultationChange,
  seedConsultation,
  startNotificationStack,
  waitFor,
} from './notifications-support';

jest.setTimeout(90_000);

const DAY = 24 * 3600_000;
const GUEST_EMAIL = 'maria.guest@example.org';

interface GuestView {
  id: string;
  inviteUrl: string | null;
  emailStatus: string;
}

/** Guest invitations go through the worker like every message: real SMTP, the guest's language, both clocks. */
describe('notifications to invited guests (api + worker + SMTP catcher)', () => {
  let stack: NotificationStack;
  let server: Server;
  let setup: ConsultationSetup;
  let patientToken: string;
  let guest: GuestView;
  const startsAt = DateTime.now().plus({ days: 3 }).startOf('hour').toJSDate();

  beforeAll(async () => {
    stack = await startNotificationStack({ label: 'notif-guests' });
    server = stack.api.getHttpServer() as Server;
    setup = await seedConsultation(stack.dataSource, { startsAt, patientZone: 'America/New_York' });
    patientToken = await loginAs(server, setup.patient.email);
    const res = await request(server)
      .post(`/consultations/${setup.consultationId}/guests`)
      .set(authHeader(patientToken))
      .send({ name: 'Мария Иванова', email: GUEST_EMAIL, language: 'ru', timeZone: 'Europe/Moscow' })
      .expect(201);
    guest = res.body.guest;
  });

  afterAll(() => stack.close());

  const mailsTo = (email: string) => stack.catcher.messages().filter((m) => m.to.includes(email));
  async function mailTo(email: string, subjectPart: string) {
    const caught = await waitFor(`mail to ${email} about "${subjectPart}"`, () =>
      mailsTo(email).find((m) => m.subject.includes(subjectPart)),
    );
    return { caught, parsed: await parseMail(caught.raw) };
  }

  it('e-mails the invitation in Russian with who invited, both clocks, the hospital, the personal link and an invite', async () => {
    const { parsed } = await mailTo(GUEST_EMAIL, 'приглашает вас на видеоконсультацию');
    const text = parsed.text ?? '';
    const clocks = twoClocks(startsAt, 'Europe/Moscow', 'ru');
    expect(parsed.subject).toContain('Patient Zero');
    expect(text).toContain('Здравствуйте, Мария Иванова!');
    expect(text).toContain(`Ваше время (Europe/Moscow): ${clocks.local}`);
    expect(text).toContain(`Время в Шанхае (Asia/Shanghai): ${clocks.shanghai}`);
    expect(text).toContain(DateTime.fromJSDate(startsAt, { zone: 'Europe/Moscow' }).toFormat('HH:mm'));
    expect(text).toContain(DateTime.fromJSDate(startsAt, { zone: 'Asia/Shanghai' }).toFormat('HH:mm'));
    expect(text).toContain('Специалист: Dr Wang Lei');
    expect(text).toContain('Больница: Hospital inst-');
    expect(text).toContain(guest.inviteUrl!);
    expect(guest.inviteUrl).toMatch(/^https:\/\/care\.yiqiao\.test\/guest\/[0-9a-f-]{36}\.[\w-]{43}$/);
    expect(text).toContain('в зале ожидания, пока специалист не впустит вас');
    expect(text).not.toContain('/consultations/');
    expect(parsed.html).toContain('lang="ru"');
    expect(parsed.html).toContain(`href="${guest.inviteUrl}"`);
    expect(parsed.headers.get('content-language')).toBe('ru');

    const ics = calendarOf(parsed);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:consultation-${setup.consultationId}@yiqiao`);
    const unfolded = ics.replace(/\r?\n[ \t]/g, ''); // iCalendar folds long lines
    expect(unfolded).toContain(`MAILTO:${GUEST_EMAIL}`);
    expect(unfolded).toContain(`URL;VALUE=URI:${guest.inviteUrl}`);
    expect(ics).toContain(
      `DTSTART:${DateTime.fromJSDate(startsAt, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
    );
  });

  it('delivers to a guest by e-mail only, and shows it as sent to the inviter and the coordinator', async () => {
    const listed = await waitFor('the invitation e-mail marked sent', async () => {
      const res = await request(server)
        .get(`/consultations/${setup.consultationId}/guests`)
        .set(authHeader(patientToken))
        .expect(200);
      return res.body.guests[0].emailStatus === 'sent' ? res.body.guests : null;
    });
    expect(listed[0].id).toBe(guest.id);
    const channels = await stack.dataSource.query(
      `SELECT d.channel, d.state FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.guest_id = $1`,
      [guest.id],
    );
    expect(channels).toEqual([{ channel: 'email', state: 'sent' }]);

    const coordinatorToken = await loginAs(server, setup.coordinator.email);
    const panel = await request(server)
      .get(`/consultations/${setup.consultationId}/notifications`)
      .set(authHeader(coordinatorToken))
      .expect(200);
    const invitation = panel.body.notifications.find((n: { kind: string }) => n.kind === 'guest_invitation');
    expect(invitation).toMatchObject({
      recipient: { id: guest.id, name: 'Мария Иванова', role: 'guest' },
      state: 'sent',
      channels: [{ channel: 'email', state: 'sent' }],
    });
  });

  it('tells the guest, in Russian, when the consultation moves and when it is cancelled', async () => {
    const newStart = new Date(startsAt.getTime() + DAY);
    await moveConsultation(stack, setup, startsAt, newStart);
    const moved = await mailTo(GUEST_EMAIL, 'перенесена');
    expect(moved.parsed.subject).toContain('на которую вас пригласили');
    expect(moved.parsed.text).toContain(twoClocks(newStart, 'Europe/Moscow', 'ru').local);
    expect(moved.parsed.text).toContain(guest.inviteUrl!);
    const movedIcs = calendarOf(moved.parsed);
    expect(movedIcs).toContain('SEQUENCE:1');
    expect(movedIcs).toContain(
      `DTSTART:${DateTime.fromJSDate(newStart, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
    );

    await stack.dataSource.query(`UPDATE consultations SET status = 'cancelled' WHERE id = $1`, [
      setup.consultationId,
    ]);
    await runConsultationChange(stack.api, {
      kind: 'cancelled',
      consultationId: setup.consultationId,
      actorId: setup.coordinator.id,
    });
    const cancelled = await mailTo(GUEST_EMAIL, 'отменена');
    expect(cancelled.parsed.text).not.toContain('/guest/');
    const cancelIcs = calendarOf(cancelled.parsed);
    expect(cancelIcs).toContain('METHOD:CANCEL');
    expect(cancelIcs).toContain('SEQUENCE:2');
    expect(mailsTo(GUEST_EMAIL)).toHaveLength(3);

    // the delivery panel lists users' and guests' messages side by side
    const coordinatorToken = await loginAs(server, setup.coordinator.email);
    const panel = await request(server)
      .get(`/consultations/${setup.consultationId}/notifications`)
      .set(authHeader(coordinatorToken))
      .expect(200);
    expect(
      panel.body.notifications
        .filter((n: { kind: string }) => n.kind === 'rescheduled')
        .map((n: { recipient: { role: string } }) => n.recipient.role)
        .sort(),
    ).toEqual(['guest', 'patient', 'specialist']);
  });

  it('sends nothing to a guest whose invitation was withdrawn before delivery', async () => {
    const other = await seedConsultation(stack.dataSource, { startsAt: new Date(Date.now() + 2 * DAY) });
    const [row] = await stack.dataSource.query(
      `INSERT INTO consultation_guests (consultation_id, full_name, email, preferred_language, time_zone, invited_by, revoked_at)
       VALUES ($1, 'Withdrawn', 'withdrawn@example.org', 'en', 'Europe/Paris', $2, now()) RETURNING id`,
      [other.consultationId, other.patient.id],
    );
    let notificationId = '';
    await stack.dataSource.transaction(async (manager) => {
      await stack.planner.planNotification(manager, {
        kind: 'guest_invitation',
        guestId: row.id,
        consultationId: other.consultationId,
        dueAt: new Date(Date.now() + 3600_000), // not yet due: only the direct call below delivers it
      });
      [{ id: notificationId }] = await manager.query(`SELECT id FROM notifications WHERE guest_id = $1`, [
        row.id,
      ]);
    });
    await stack.worker!.get(DeliveryService).deliver(notificationId);
    const [after] = await stack.dataSource.query(
      `SELECT status, failure_reason FROM notifications WHERE id = $1`,
      [notificationId],
    );
    expect(after).toEqual({ status: 'cancelled', failure_reason: 'guest invitation withdrawn' });
    expect(mailsTo('withdrawn@example.org')).toHaveLength(0);
  });

  it('reminds a guest at the institution offsets, moves the reminders with the consultation, keeps them when the interpreter changes, stops them on withdrawal', async () => {
    const start = DateTime.now().plus({ days: 3 }).startOf('hour').toJSDate();
    const other = await seedConsultation(stack.dataSource, { startsAt: start });
    const token = await loginAs(server, other.patient.email);
    const invited = (
      await request(server)
        .post(`/consultations/${other.consultationId}/guests`)
        .set(authHeader(token))
        .send({ name: 'Tom Reed', email: 'tom.guest@example.org', language: 'en', timeZone: 'Europe/London' })
        .expect(201)
    ).body.guest as GuestView;
    const [{ offsets }] = await stack.dataSource.query(
      `SELECT reminder_offsets_minutes AS offsets FROM institutions WHERE id = $1`,
      [other.institutionId],
    );
    const pendingReminders = async (): Promise<{ id: string; dueAt: string }[]> => {
      const rows = (await stack.dataSource.query(
        `SELECT id, due_at FROM notifications
          WHERE guest_id = $1 AND kind = 'reminder' AND status = 'pending' ORDER BY due_at`,
        [invited.id],
      )) as { id: string; due_at: Date }[];
      return rows.map((r) => ({ id: r.id, dueAt: new Date(r.due_at).toISOString() }));
    };
    const expectedAt = (at: Date) =>
      [...(offsets as number[])]
        .sort((a, b) => b - a)
        .map((minutes) => new Date(at.getTime() - minutes * 60_000).toISOString());
    expect((await pendingReminders()).map((r) => r.dueAt)).toEqual(expectedAt(start));

    // the interpreter leaving touches only the interpreter's reminders
    await runConsultationChange(stack.api, {
      kind: 'interpreter_removed',
      consultationId: other.consultationId,
      actorId: other.coordinator.id,
    });
    expect((await pendingReminders()).map((r) => r.dueAt)).toEqual(expectedAt(start));

    // moved a day later: the old reminders go, new ones follow the new time
    const moved = new Date(start.getTime() + DAY);
    await moveConsultation(stack, other, start, moved);
    const reminders = await pendingReminders();
    expect(reminders.map((r) => r.dueAt)).toEqual(expectedAt(moved));

    // a due reminder reaches the guest worded for a guest, with their own link
    await stack.dataSource.query(`UPDATE notifications SET due_at = now() WHERE id = $1`, [reminders[0].id]);
    await stack.worker!.get(DeliveryService).deliver(reminders[0].id);
    const { parsed } = await mailTo(
      'tom.guest@example.org',
      'Reminder: the consultation you were invited to',
    );
    expect(parsed.text).toContain(invited.inviteUrl!);
    expect(parsed.text).toContain('waiting room');
    expect(parsed.text).toContain(twoClocks(moved, 'Europe/London', 'en').local);
    expect(parsed.text).not.toContain('/consultations/');

    await request(server)
      .delete(`/consultations/${other.consultationId}/guests/${invited.id}`)
      .set(authHeader(token))
      .expect(200);
    expect(await pendingReminders()).toEqual([]);
  });
});
