import request from 'supertest';
import { createUser } from '@yiqiao/testing';
import { authHeader, loginAs } from '../support/auth';
import {
  createHospital,
  HospitalFixture,
  SchedulingStack,
  startSchedulingStack,
} from './scheduling-fixtures';

interface SlotBody {
  shanghai: { start: string };
  calendarConfirmed: boolean;
}

/** A distinct session per weekday, so the slots of a day show which weekday's schedule it followed. */
const SESSION_BY_WEEKDAY: Record<number, string> = {
  1: '08:00',
  2: '09:00',
  3: '14:00',
  4: '15:00',
  5: '16:00',
};

describe('mainland holidays and make-up working days (real api + PostgreSQL)', () => {
  let stack: SchedulingStack;
  let calendarRule: HospitalFixture;
  let fixedMonday: HospitalFixture;
  let adminToken: string;

  async function weekdaySessions(specialistId: string): Promise<void> {
    for (const [weekday, start] of Object.entries(SESSION_BY_WEEKDAY)) {
      const end = `${String(Number(start.slice(0, 2))).padStart(2, '0')}:30`;
      await stack.ds.query(
        `INSERT INTO availability_rules (specialist_id, weekday, start_local, end_local, effective_from)
         VALUES ($1, $2, $3, $4, '2026-01-01')`,
        [specialistId, Number(weekday), start, end],
      );
    }
  }

  beforeAll(async () => {
    stack = await startSchedulingStack('holidays');
    calendarRule = await createHospital(stack, { allowsPatientSelfBooking: true });
    fixedMonday = await createHospital(stack);
    await stack.ds.query(
      `UPDATE institutions SET makeup_day_rule = 'fixed_weekday', makeup_fixed_weekday = 1 WHERE id = $1`,
      [fixedMonday.institutionId],
    );
    await weekdaySessions(calendarRule.specialist.id);
    await weekdaySessions(fixedMonday.specialist.id);
    adminToken = await loginAs(stack.app, (await createUser(stack.ds, 'admin')).email);
    stack.setNow('2026-01-01T00:00:00Z');
  });

  afterAll(() => stack.close());

  async function slotTimes(
    hospital: HospitalFixture,
    from: string,
    to: string,
    token = hospital.coordinatorToken,
  ) {
    const response = await request(stack.app.getHttpServer())
      .get('/slots')
      .query({ specialistId: hospital.specialist.id, from, to, patientTimeZone: 'Asia/Shanghai' })
      .set(authHeader(token))
      .expect(200);
    return {
      body: response.body as {
        slots: SlotBody[];
        calendarMissingYears: number[];
        calendarDays: { date: string; kind: string }[];
      },
      times: (response.body.slots as SlotBody[]).map((s) => s.shanghai.start.slice(0, 16)),
    };
  }

  it('offers nothing on the National Day holidays and follows the calendar weekday on make-up days', async () => {
    const { times, body } = await slotTimes(calendarRule, '2026-09-18', '2026-10-11');
    expect(times.filter((t) => t >= '2026-10-01' && t < '2026-10-08')).toEqual([]);
    expect(times.filter((t) => t >= '2026-09-25' && t < '2026-09-28')).toEqual([]);
    // Sunday 20 September is worked as a Tuesday, Saturday 10 October as a Wednesday (2026 notice).
    expect(times.filter((t) => t.startsWith('2026-09-20'))).toEqual(['2026-09-20T09:00']);
    expect(times.filter((t) => t.startsWith('2026-10-10'))).toEqual(['2026-10-10T14:00']);
    expect(times.filter((t) => t.startsWith('2026-10-11'))).toEqual([]);
    expect(times.filter((t) => t.startsWith('2026-10-08'))).toEqual(['2026-10-08T15:00']);
    expect(body.calendarMissingYears).toEqual([]);
    expect(body.calendarDays).toContainEqual(
      expect.objectContaining({ date: '2026-10-01', kind: 'holiday' }),
    );
    expect(body.calendarDays).toContainEqual(
      expect.objectContaining({ date: '2026-10-10', kind: 'makeup_workday' }),
    );
  });

  it('uses the institution’s fixed weekday on make-up days when that is its rule', async () => {
    const { times } = await slotTimes(fixedMonday, '2026-10-10', '2026-10-10');
    expect(times).toEqual(['2026-10-10T08:00']);
    const spring = await slotTimes(fixedMonday, '2026-02-14', '2026-02-23');
    expect(spring.times).toEqual(['2026-02-14T08:00']);
  });

  it('refuses to book on a public holiday', async () => {
    const patient = await createUser(stack.ds, 'patient');
    const response = await request(stack.app.getHttpServer())
      .post('/consultations')
      .set(authHeader(calendarRule.coordinatorToken))
      .send({
        specialistId: calendarRule.specialist.id,
        patientId: patient.id,
        startsAt: '2026-10-05T08:00:00+08:00',
      })
      .expect(422);
    expect(response.body.code).toBe('outside_availability');
  });

  it('flags a year with no calendar to coordinators, hides it from patients, until an admin loads it', async () => {
    const coordinatorView = await slotTimes(calendarRule, '2027-01-04', '2027-01-08');
    expect(coordinatorView.body.calendarMissingYears).toEqual([2027]);
    expect(coordinatorView.body.slots.length).toBe(5);
    expect(coordinatorView.body.slots.every((s) => s.calendarConfirmed === false)).toBe(true);

    const patient = await createUser(stack.ds, 'patient', { timeZone: 'Asia/Shanghai' });
    const patientToken = await loginAs(stack.app, patient.email);
    const patientView = await slotTimes(calendarRule, '2027-01-04', '2027-01-08', patientToken);
    expect(patientView.body.calendarMissingYears).toEqual([2027]);
    expect(patientView.body.slots).toEqual([]);

    const board = await request(stack.app.getHttpServer())
      .get('/board')
      .query({ date: '2027-01-04', view: 'week' })
      .set(authHeader(calendarRule.coordinatorToken))
      .expect(200);
    expect(board.body.calendarMissingYears).toEqual([2027]);

    // A test calendar (not the real 2027 notice): one holiday on Tuesday 5 January.
    const calendar = {
      source: 'Integration test calendar (not an official notice)',
      days: [{ date: '2027-01-05', kind: 'holiday', nameZh: '测试假日', nameEn: 'Test holiday' }],
    };
    await request(stack.app.getHttpServer())
      .put('/holidays/2027')
      .set(authHeader(calendarRule.coordinatorToken))
      .send(calendar)
      .expect(403);
    const loaded = await request(stack.app.getHttpServer())
      .put('/holidays/2027')
      .set(authHeader(adminToken))
      .send(calendar)
      .expect(200);
    expect(loaded.body).toMatchObject({
      year: 2027,
      loaded: true,
      days: [{ date: '2027-01-05', kind: 'holiday' }],
    });

    const after = await slotTimes(calendarRule, '2027-01-04', '2027-01-08');
    expect(after.body.calendarMissingYears).toEqual([]);
    expect(after.times).toEqual([
      '2027-01-04T08:00',
      '2027-01-06T14:00',
      '2027-01-07T15:00',
      '2027-01-08T16:00',
    ]);
    expect((await slotTimes(calendarRule, '2027-01-04', '2027-01-08', patientToken)).times).toHaveLength(4);
  });

  it('serves the seeded 2026 calendar and validates loaded ones', async () => {
    const year = await request(stack.app.getHttpServer())
      .get('/holidays/2026')
      .set(authHeader(calendarRule.coordinatorToken))
      .expect(200);
    expect(year.body.loaded).toBe(true);
    expect(year.body.source).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    const kinds = (kind: string) =>
      (year.body.days as { date: string; kind: string }[]).filter((d) => d.kind === kind).map((d) => d.date);
    expect(kinds('makeup_workday')).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(kinds('holiday')).toHaveLength(33);
    expect(kinds('holiday')).toEqual(
      expect.arrayContaining(['2026-02-15', '2026-02-23', '2026-06-19', '2026-10-07']),
    );

    const put = (body: unknown, year = '2028') =>
      request(stack.app.getHttpServer())
        .put(`/holidays/${year}`)
        .set(authHeader(adminToken))
        .send(body as object);
    const wrongYear = await put({
      source: 'Test notice',
      days: [{ date: '2027-05-01', kind: 'holiday', nameZh: '劳动节', nameEn: 'Labour Day' }],
    }).expect(400);
    expect(JSON.stringify(wrongYear.body.message)).toContain('not in 2028');
    const noWeekday = await put({
      source: 'Test notice',
      days: [{ date: '2028-05-07', kind: 'makeup_workday', nameZh: '调休', nameEn: 'Make-up' }],
    }).expect(400);
    expect(JSON.stringify(noWeekday.body.message)).toContain('scheduleWeekday');
    const badYear = await put({ source: 'Test notice', days: [] }, 'twenty').expect(400);
    expect(badYear.body.message).toContain('year');
    const badKind = await put({
      source: 'Test notice',
      days: [{ date: '2028-05-01', kind: 'party', nameZh: 'x', nameEn: 'x' }],
    }).expect(400);
    expect(JSON.stringify(badKind.body.message)).toContain('kind must be holiday or makeup_workday');
    const missing = await request(stack.app.getHttpServer())
      .get('/holidays/2029')
      .set(authHeader(adminToken))
      .expect(200);
    expect(missing.body).toMatchObject({ year: 2029, loaded: false, days: [] });
  });
});
