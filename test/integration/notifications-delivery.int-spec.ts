import { createServer, IncomingHttpHeaders, Server as HttpServer } from 'node:http';
import type { Server } from 'node:http';
import { once } from 'node:events';
import { DateTime } from 'luxon';
import request from 'supertest';
import type { SmtpVerdict } from '../../infra/dev/mail-catcher';
import { DeliveryService } from '../../apps/worker/src/notifications/delivery.service';
import { freePort } from '@yiqiao/testing';
import { authHeader, loginAs } from '../support/auth';
import {
  calendarOf,
  ConsultationSetup,
  NotificationStack,
  notificationRows,
  parseMail,
  moveConsultation,
  runConsultationChange,
  seedConsultation,
  startNotificationStack,
  waitFor,
} from './notifications-support';

jest.setTimeout(90_000);

const DAY = 24 * 3600_000;

interface SmsRequest {
  headers: IncomingHttpHeaders;
  body: { to: string; text: string; reference: string };
}

describe('notification delivery over real SMTP, an HTTP SMS provider and the in-app inbox', () => {
  let stack: NotificationStack;
  let server: Server;
  let smsServer: HttpServer;
  const smsRequests: SmsRequest[] = [];
  /** What the SMTP server answers next: accept, refuse the next n messages, or refuse everything. */
  const smtpPolicy = { refuseNext: 0, refuseAll: false };

  beforeAll(async () => {
    smsServer = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        smsRequests.push({ headers: req.headers, body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `sms-${smsRequests.length}` }));
      });
    });
    const smsPort = await freePort();
    smsServer.listen(smsPort, '127.0.0.1');
    await once(smsServer, 'listening');
    const decide = (): SmtpVerdict => {
      if (smtpPolicy.refuseAll) return { reject: { code: 550, message: 'Mailbox unavailable (test)' } };
      if (smtpPolicy.refuseNext > 0) {
        smtpPolicy.refuseNext -= 1;
        return { reject: { code: 554, message: 'Transaction failed (test)' } };
      }
      return { accept: true };
    };
    stack = await startNotificationStack({
      label: 'notif-deliver',
      decide,
      workerEnv: {
        SMS_PROVIDER_URL: `http://127.0.0.1:${smsPort}/messages`,
        SMS_PROVIDER_TOKEN: 'sms-secret',
      },
    });
    server = stack.api.getHttpServer() as Server;
  });

  afterAll(async () => {
    await stack.close();
    smsServer.close();
  });

  const mailsTo = (email: string) => stack.catcher.messages().filter((m) => m.to.includes(email));

  async function mailTo(email: string, subjectPart: string) {
    const caught = await waitFor(`mail to ${email} about "${subjectPart}"`, () =>
      mailsTo(email).find((m) => m.subject.includes(subjectPart)),
    );
    return { caught, parsed: await parseMail(caught.raw) };
  }

  async function planOne(setup: ConsultationSetup, recipientId: string): Promise<string> {
    let id = '';
    const afterCommit = await stack.dataSource.transaction(async (manager) => {
      const work = await stack.planner.planNotification(manager, {
        kind: 'booking_confirmed',
        recipientId,
        consultationId: setup.consultationId,
        dueAt: new Date(),
        data: { icsSequence: 0 },
      });
      const [row] = await manager.query(
        `SELECT id FROM notifications WHERE recipient_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [recipientId],
      );
      id = row.id;
      return work;
    });
    await afterCommit();
    return id;
  }

  const statusOf = async (id: string) =>
    (
      await stack.dataSource.query(`SELECT status, failure_reason FROM notifications WHERE id = $1`, [id])
    )[0] as {
      status: string;
      failure_reason: string | null;
    };

  describe('a booked consultation of a Chinese-speaking patient in Los Angeles', () => {
    let setup: ConsultationSetup;
    const startsAt = DateTime.now().plus({ days: 2 }).startOf('hour').toJSDate();

    beforeAll(async () => {
      setup = await seedConsultation(stack.dataSource, {
        startsAt,
        patientLocale: 'zh-CN',
        patientZone: 'America/Los_Angeles',
        patientPhone: '+13105550100',
      });
      await runConsultationChange(stack.api, {
        kind: 'booked',
        consultationId: setup.consultationId,
        actorId: null,
      });
    });

    it('e-mails the confirmation in Chinese with both clocks, the specialist, the join link and a valid invite', async () => {
      const { caught, parsed } = await mailTo(setup.patient.email, '您的会诊已预约');
      const la = DateTime.fromJSDate(startsAt, { zone: 'America/Los_Angeles' });
      const sh = DateTime.fromJSDate(startsAt, { zone: 'Asia/Shanghai' });
      const text = parsed.text ?? '';
      expect(text).toContain(`您的当地时间（America/Los_Angeles）：${la.toFormat('yyyy年M月d日')}`);
      expect(text).toContain(la.toFormat('HH:mm'));
      expect(text).toContain(`上海时间（Asia/Shanghai）：${sh.toFormat('yyyy年M月d日')}`);
      expect(text).toContain(sh.toFormat('HH:mm'));
      expect(text).toContain('专家：Dr Wang Lei');
      expect(text).toContain('科室：Department of urology');
      expect(text).toContain(`https://care.yiqiao.test/consultations/${setup.consultationId}`);
      expect(text).toContain('改期');
      expect(parsed.html).toContain('lang="zh-CN"');
      expect(caught.messageId).toMatch(/^<delivery-[0-9a-f-]{36}@yiqiao\.local>$/);

      const ics = calendarOf(parsed);
      expect(ics).toContain('METHOD:REQUEST');
      expect(ics).toContain(`UID:consultation-${setup.consultationId}@yiqiao`);
      expect(ics).toContain('SEQUENCE:0');
      expect(ics).toContain(
        `DTSTART:${DateTime.fromJSDate(startsAt, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
      );
      expect(ics).toContain(
        `DTEND:${DateTime.fromJSDate(startsAt, { zone: 'utc' }).plus({ minutes: 30 }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
      );
      expect(ics).toMatch(/BEGIN:VEVENT[\s\S]*END:VEVENT/);
    });

    it('sends the specialist their own confirmation in English and texts the patient once through the provider', async () => {
      const { parsed } = await mailTo(setup.specialist.email, 'Your consultation is booked');
      expect(parsed.text).toContain('Your time (Asia/Shanghai)');
      const sms = await waitFor('the SMS', () => smsRequests.find((r) => r.body.to === '+13105550100'));
      expect(sms.headers.authorization).toBe('Bearer sms-secret');
      expect(sms.headers['idempotency-key']).toBe(sms.body.reference);
      expect(sms.body.text).toContain('上海时间');
      expect(smsRequests.filter((r) => r.body.to === '+13105550100')).toHaveLength(1);
    });

    it('puts it in the in-app inbox in the reader language, which can be marked read', async () => {
      const token = await loginAs(server, setup.patient.email);
      const inbox = await waitFor('the inbox entry', async () => {
        const res = await request(server).get('/me/notifications').set(authHeader(token)).expect(200);
        return res.body.items.length
          ? (res.body.items as { id: string; title: string; readAt: string | null }[])
          : null;
      });
      expect(inbox[0].title).toContain('您的会诊已预约');
      expect(inbox[0].readAt).toBeNull();
      const read = await request(server)
        .post(`/me/notifications/${inbox[0].id}/read`)
        .set(authHeader(token))
        .expect(200);
      expect(read.body.readAt).toEqual(expect.any(String));
      const unread = await request(server)
        .get('/me/notifications?unread=true')
        .set(authHeader(token))
        .expect(200);
      expect(unread.body.items).toHaveLength(0);
      const specialistToken = await loginAs(server, setup.specialist.email);
      await request(server)
        .post(`/me/notifications/${inbox[0].id}/read`)
        .set(authHeader(specialistToken))
        .expect(404);
      await request(server).get('/me/notifications?limit=0').set(authHeader(token)).expect(400);
    });

    it('shows the coordinator every channel as sent', async () => {
      const token = await loginAs(server, setup.coordinator.email);
      const body = await waitFor('both confirmations sent', async () => {
        const res = await request(server)
          .get(`/consultations/${setup.consultationId}/notifications`)
          .set(authHeader(token))
          .expect(200);
        const confirmations = (res.body.notifications as { kind: string; state: string }[]).filter(
          (n) => n.kind === 'booking_confirmed',
        );
        return confirmations.length === 2 && confirmations.every((n) => n.state === 'sent') ? res.body : null;
      });
      const patientConfirmation = body.notifications.find(
        (n: { kind: string; recipient: { id: string } }) =>
          n.kind === 'booking_confirmed' && n.recipient.id === setup.patient.id,
      );
      expect(
        patientConfirmation.channels.map(
          (c: { channel: string; state: string }) => `${c.channel}:${c.state}`,
        ),
      ).toEqual(['email:sent', 'sms:sent', 'in_app:sent']);
    });

    it('sends the reschedule with the next SEQUENCE and the new time, then the cancellation as METHOD:CANCEL', async () => {
      const newStart = new Date(startsAt.getTime() + DAY);
      await moveConsultation(stack, setup, startsAt, newStart);
      const moved = await mailTo(setup.patient.email, '已改期');
      const movedIcs = calendarOf(moved.parsed);
      expect(movedIcs).toContain('SEQUENCE:1');
      expect(movedIcs).toContain(
        `DTSTART:${DateTime.fromJSDate(newStart, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'")}`,
      );
      expect(moved.parsed.text).toContain(
        DateTime.fromJSDate(startsAt, { zone: 'America/Los_Angeles' }).toFormat('yyyy年M月d日'),
      );

      await stack.dataSource.query(`UPDATE consultations SET status = 'cancelled' WHERE id = $1`, [
        setup.consultationId,
      ]);
      await runConsultationChange(stack.api, {
        kind: 'cancelled',
        consultationId: setup.consultationId,
        actorId: setup.coordinator.id,
      });
      const cancelled = await mailTo(setup.patient.email, '已取消');
      const cancelIcs = calendarOf(cancelled.parsed);
      expect(cancelIcs).toContain('METHOD:CANCEL');
      expect(cancelIcs).toContain('SEQUENCE:2');
      expect(cancelIcs).toContain('STATUS:CANCELLED');
      expect(cancelIcs).toContain(`UID:consultation-${setup.consultationId}@yiqiao`);
      const rows = await notificationRows(stack.dataSource, setup.consultationId);
      expect(rows.filter((r) => r.kind === 'reminder').every((r) => r.status === 'cancelled')).toBe(true);
    });
  });

  it('writes Arabic messages right to left', async () => {
    const setup = await seedConsultation(stack.dataSource, {
      startsAt: new Date(Date.now() + 2 * DAY),
      patientLocale: 'ar',
      patientZone: 'Asia/Dubai',
    });
    await planOne(setup, setup.patient.id);
    const { parsed } = await mailTo(setup.patient.email, 'تم حجز استشارتك');
    expect(parsed.html).toContain('dir="rtl"');
    expect(parsed.text).toContain('توقيت شنغهاي (Asia/Shanghai)');
    expect(parsed.text).toContain('توقيتك (Asia/Dubai)');
  });

  it('sends once when the same notification is delivered twice, even concurrently', async () => {
    const setup = await seedConsultation(stack.dataSource, { startsAt: new Date(Date.now() + 2 * DAY) });
    const id = await planOne(setup, setup.patient.id);
    const delivery = stack.worker!.get(DeliveryService);
    await Promise.all([delivery.deliver(id), delivery.deliver(id), delivery.deliver(id)]);
    await waitFor('sent', async () => (await statusOf(id)).status === 'sent');
    await delivery.deliver(id);
    await stack.queue.add('notifications:deliver', { notificationId: id }); // a stray duplicate job
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(mailsTo(setup.patient.email)).toHaveLength(1);
  });

  it('retries an SMTP server that refuses (5xx) with backoff and delivers once when it recovers', async () => {
    const setup = await seedConsultation(stack.dataSource, { startsAt: new Date(Date.now() + 2 * DAY) });
    const attemptsBefore = stack.catcher.attempts();
    smtpPolicy.refuseNext = 2;
    const id = await planOne(setup, setup.patient.id);
    await waitFor('sent after refusals', async () => (await statusOf(id)).status === 'sent');
    expect(mailsTo(setup.patient.email)).toHaveLength(1);
    expect(stack.catcher.attempts() - attemptsBefore).toBe(3);
    const [email] = await stack.dataSource.query(
      `SELECT state, attempts, last_error FROM notification_deliveries WHERE notification_id = $1 AND channel = 'email'`,
      [id],
    );
    expect(email).toEqual({ state: 'sent', attempts: 3, last_error: null });
  });

  it('gives up on an SMTP server that keeps refusing and shows the failure to the coordinator', async () => {
    const setup = await seedConsultation(stack.dataSource, { startsAt: new Date(Date.now() + 2 * DAY) });
    smtpPolicy.refuseAll = true;
    try {
      const id = await planOne(setup, setup.patient.id);
      await waitFor('failed', async () => (await statusOf(id)).status === 'failed');
      expect((await statusOf(id)).failure_reason).toContain('550');
    } finally {
      smtpPolicy.refuseAll = false;
    }
    expect(mailsTo(setup.patient.email)).toHaveLength(0);
    const token = await loginAs(server, setup.coordinator.email);
    const res = await request(server)
      .get(`/consultations/${setup.consultationId}/notifications`)
      .set(authHeader(token))
      .expect(200);
    const [notification] = res.body.notifications;
    expect(notification.state).toBe('failed');
    expect(notification.failureReason).toContain('Mailbox unavailable');
    const email = notification.channels.find((c: { channel: string }) => c.channel === 'email');
    expect(email).toEqual(expect.objectContaining({ state: 'failed', attempts: 3 }));
    expect(email.lastError).toContain('550');
    expect(notification.channels.find((c: { channel: string }) => c.channel === 'in_app').state).toBe('sent');
  });
});
