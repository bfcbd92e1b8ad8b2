import type { Server } from 'node:http';
import { DateTime } from 'luxon';
import request from 'supertest';
import { addSpecialistToDepartment, createDepartment, createInstitution, createUser } from '@yiqiao/testing';
import { authHeader, loginAs } from '../support/auth';
import { addWeeklyRules, EVERY_DAY } from './scheduling-fixtures';
import {
  calendarOf,
  NotificationStack,
  notificationRows,
  parseMail,
  startNotificationStack,
  waitFor,
} from './notifications-support';

jest.setTimeout(120_000);

const HOUR = 3600_000;

/** The same flow as the hook tests, driven through the real booking API. */
describe('booking, rescheduling and cancelling through the api send the right messages', () => {
  let stack: NotificationStack;
  let server: Server;

  beforeAll(async () => {
    stack = await startNotificationStack({ label: 'notif-api' });
    server = stack.api.getHttpServer() as Server;
  });

  afterAll(async () => {
    await stack.close();
  });

  it('a Russian-speaking patient in Moscow gets confirmation, reschedule and cancellation with matching invites', async () => {
    const db = stack.dataSource;
    const institution = await createInstitution(db);
    const department = await createDepartment(db, institution.id, 'urology');
    const specialist = await createUser(db, 'specialist', {
      institutionId: institution.id,
      fullName: 'Dr Li Na',
    });
    await addSpecialistToDepartment(db, specialist.id, department.id);
    await addWeeklyRules(db, specialist.id, [{ weekdays: EVERY_DAY, start: '08:00', end: '18:00' }]);
    const coordinator = await createUser(db, 'coordinator', { institutionId: institution.id });
    const patient = await createUser(db, 'patient', {
      locale: 'ru',
      timeZone: 'Europe/Moscow',
      fullName: 'Ivan Petrov',
    });
    const token = await loginAs(server, coordinator.email);

    const start = DateTime.now()
      .setZone('Asia/Shanghai')
      .plus({ days: 5 })
      .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const booked = await request(server)
      .post('/consultations')
      .set(authHeader(token))
      .send({ specialistId: specialist.id, patientId: patient.id, startsAt: start.toISO() });
    expect(booked.status).toBe(201);
    const consultationId = booked.body.id as string;

    const rows = await notificationRows(db, consultationId);
    const patientReminders = rows.filter((r) => r.kind === 'reminder' && r.recipient_id === patient.id);
    expect(patientReminders.map((r) => start.toMillis() - new Date(r.due_at).getTime())).toEqual([
      24 * HOUR,
      HOUR,
      10 * 60_000,
    ]);
    expect(
      rows
        .filter((r) => r.kind === 'booking_confirmed')
        .map((r) => r.recipient_id)
        .sort(),
    ).toEqual([patient.id, specialist.id].sort());

    const mailAbout = async (subjectPart: string) => {
      const caught = await waitFor(`mail "${subjectPart}"`, () =>
        stack.catcher.messages().find((m) => m.to.includes(patient.email) && m.subject.includes(subjectPart)),
      );
      return parseMail(caught.raw);
    };
    const confirmation = await mailAbout('Ваша консультация назначена');
    const moscow = start.setZone('Europe/Moscow');
    expect(confirmation.text).toContain(`Ваше время (Europe/Moscow)`);
    expect(confirmation.text).toContain(moscow.toFormat('HH:mm'));
    expect(confirmation.text).toContain(`Время в Шанхае (Asia/Shanghai)`);
    expect(confirmation.text).toContain('10:00');
    expect(confirmation.text).toContain('Специалист: Dr Li Na');
    expect(calendarOf(confirmation)).toContain(`DTSTART:${start.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`);

    const moved = start.plus({ days: 1, hours: 2 });
    await request(server)
      .post(`/consultations/${consultationId}/reschedule`)
      .set(authHeader(token))
      .send({ startsAt: moved.toISO(), reason: 'Specialist in surgery' })
      .expect((res) => expect([200, 201]).toContain(res.status));
    const afterMove = await notificationRows(db, consultationId);
    const live = afterMove.filter(
      (r) => r.kind === 'reminder' && r.status === 'pending' && r.recipient_id === patient.id,
    );
    expect(live.map((r) => moved.toMillis() - new Date(r.due_at).getTime())).toEqual([
      24 * HOUR,
      HOUR,
      10 * 60_000,
    ]);
    const movedMail = await mailAbout('перенесена');
    expect(calendarOf(movedMail)).toContain('SEQUENCE:1');
    expect(calendarOf(movedMail)).toContain(`DTSTART:${moved.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")}`);

    await request(server)
      .post(`/consultations/${consultationId}/cancel`)
      .set(authHeader(token))
      .send({ reason: 'Patient recovered' })
      .expect((res) => expect([200, 201]).toContain(res.status));
    const cancelMail = await mailAbout('отменена');
    expect(calendarOf(cancelMail)).toContain('METHOD:CANCEL');
    expect(cancelMail.text).toContain('Причина: Patient recovered');
    const afterCancel = await notificationRows(db, consultationId);
    expect(afterCancel.filter((r) => r.kind === 'reminder').every((r) => r.status === 'cancelled')).toBe(
      true,
    );
  });
});
