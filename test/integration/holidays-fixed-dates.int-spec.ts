import request from 'supertest';
import { createUser } from '@yiqiao/testing';
import { authHeader, loginAs } from '../support/auth';
import {
  addWeeklyRules,
  createHospital,
  EVERY_DAY,
  HospitalFixture,
  SchedulingStack,
  startSchedulingStack,
} from './scheduling-fixtures';

interface SlotBody {
  startsAt: string;
  shanghai: { start: string };
  calendarConfirmed: boolean;
}
interface SlotsBody {
  slots: SlotBody[];
  calendarMissingYears: number[];
  calendarDays: { date: string; kind: string; nameEn: string; nameZh: string; provisional: boolean }[];
}

/**
 * 2027's State Council notice is not loaded (only 2026 is seeded): its fixed-date statutory holidays
 * (1 Jan, 1–2 May, 1–3 Oct) still count as days off, and the year stays flagged to coordinators.
 */
describe('fixed-date statutory holidays in a year without a loaded notice (real api + PostgreSQL)', () => {
  let stack: SchedulingStack;
  let hospital: HospitalFixture;
  let patientId: string;
  let adminToken: string;
  const server = () => stack.app.getHttpServer();

  beforeAll(async () => {
    stack = await startSchedulingStack('holidays-fixed');
    hospital = await createHospital(stack, { bookingBufferMinutes: 0 });
    await addWeeklyRules(stack.ds, hospital.specialist.id, [
      { weekdays: EVERY_DAY, start: '09:00', end: '10:00' },
    ]);
    patientId = (await createUser(stack.ds, 'patient', { spokenLanguages: ['zh-cmn'] })).id;
    adminToken = await loginAs(stack.app, (await createUser(stack.ds, 'admin')).email);
    stack.setNow('2026-11-20T10:00:00+08:00');
  });

  afterAll(() => stack.close());

  const slots = async (from: string, to: string): Promise<SlotsBody> =>
    (
      await request(server())
        .get('/slots')
        .query({ specialistId: hospital.specialist.id, from, to, patientTimeZone: 'Asia/Shanghai' })
        .set(authHeader(hospital.coordinatorToken))
        .expect(200)
    ).body as SlotsBody;
  const days = (body: SlotsBody) => [...new Set(body.slots.map((s) => s.shanghai.start.slice(0, 10)))];
  const book = (startsAt: string) =>
    request(server())
      .post('/consultations')
      .set(authHeader(hospital.coordinatorToken))
      .send({ specialistId: hospital.specialist.id, patientId, startsAt });

  it('offers no slot on 1–2 May and 1–3 October 2027, the days around them as usual, still flagged', async () => {
    const may = await slots('2027-04-29', '2027-05-04');
    expect(days(may)).toEqual(['2027-04-29', '2027-04-30', '2027-05-03', '2027-05-04']);
    expect(may.calendarMissingYears).toEqual([2027]);
    expect(may.slots.every((s) => s.calendarConfirmed === false)).toBe(true);
    expect(may.calendarDays).toEqual([
      { date: '2027-05-01', kind: 'holiday', nameEn: 'Labour Day', nameZh: '劳动节', provisional: true },
      { date: '2027-05-02', kind: 'holiday', nameEn: 'Labour Day', nameZh: '劳动节', provisional: true },
    ]);

    const october = await slots('2027-09-29', '2027-10-05');
    expect(days(october)).toEqual(['2027-09-29', '2027-09-30', '2027-10-04', '2027-10-05']);
    expect(october.calendarMissingYears).toEqual([2027]);

    const newYear = await slots('2026-12-30', '2027-01-02');
    expect(days(newYear)).toEqual(['2026-12-30', '2026-12-31', '2027-01-02']);
    expect(newYear.calendarMissingYears).toEqual([2027]);
    // Only the missing year's fixed date is listed, as provisional.
    expect(newYear.calendarDays.map((d) => [d.date, d.provisional])).toEqual([['2027-01-01', true]]);
  });

  it('refuses to book 1 May and 1 October 2027 saying why; a normal day books', async () => {
    const labourDay = await book('2027-05-01T09:00:00+08:00').expect(422);
    expect(labourDay.body.code).toBe('outside_availability');
    expect(labourDay.body.message).toContain('2027-05-01 is Labour Day (劳动节), a statutory public holiday');
    expect(labourDay.body.message).toContain('2027 holiday notice is not loaded yet');
    const nationalDay = await book('2027-10-01T09:00:00+08:00').expect(422);
    expect(nationalDay.body.code).toBe('outside_availability');
    expect(nationalDay.body.message).toContain('National Day');
    await book('2027-05-03T09:00:00+08:00').expect(201);
  });

  it('lists the assumed days with the missing year; once the notice is loaded, it alone decides', async () => {
    const before = await request(server())
      .get('/holidays/2027')
      .set(authHeader(hospital.coordinatorToken))
      .expect(200);
    expect(before.body).toMatchObject({ year: 2027, loaded: false, days: [] });
    expect(before.body.statutoryDays.map((d: { date: string }) => d.date)).toEqual([
      '2027-01-01',
      '2027-05-01',
      '2027-05-02',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    const loaded2026 = await request(server())
      .get('/holidays/2026')
      .set(authHeader(hospital.coordinatorToken))
      .expect(200);
    expect(loaded2026.body.statutoryDays).toEqual([]);

    // A test calendar (not the real 2027 notice) that keeps only 1 May off: 2 May is then a normal Sunday.
    await request(server())
      .put('/holidays/2027')
      .set(authHeader(adminToken))
      .send({
        source: 'Integration test calendar (not an official notice)',
        days: [{ date: '2027-05-01', kind: 'holiday', nameZh: '劳动节', nameEn: 'Labour Day' }],
      })
      .expect(200);
    const after = await slots('2027-04-30', '2027-05-03');
    expect(after.calendarMissingYears).toEqual([]);
    expect(days(after)).toEqual(['2027-04-30', '2027-05-02', '2027-05-03']);
    expect(after.calendarDays).toEqual([
      { date: '2027-05-01', kind: 'holiday', nameEn: 'Labour Day', nameZh: '劳动节', provisional: false },
    ]);
    expect((await slots('2027-10-01', '2027-10-01')).slots).toHaveLength(2);
  });
});
