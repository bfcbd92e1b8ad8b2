import request from 'supertest';
import { createUser } from '@yiqiao/testing';
import { authHeader } from '../support/auth';
import {
  addWeeklyRules,
  createHospital,
  HospitalFixture,
  SchedulingStack,
  startSchedulingStack,
  WEEKDAYS,
} from './scheduling-fixtures';

interface SlotBody {
  startsAt: string;
  shanghai: { zone: string; start: string };
  patient: { zone: string; start: string; end: string };
  calendarConfirmed: boolean;
}

describe('slot search in two clocks: DST, holidays, make-up days (real api + PostgreSQL)', () => {
  let stack: SchedulingStack;
  let hospital: HospitalFixture;

  beforeAll(async () => {
    stack = await startSchedulingStack('slots');
    hospital = await createHospital(stack, { bookingBufferMinutes: 0 });
    await addWeeklyRules(stack.ds, hospital.specialist.id, [
      { weekdays: WEEKDAYS, start: '09:00', end: '12:00' },
      { weekdays: WEEKDAYS, start: '15:00', end: '16:00' },
    ]);
    stack.setNow('2026-01-01T00:00:00Z');
  });

  afterAll(() => stack.close());

  const slots = async (query: Record<string, string>, token = hospital.coordinatorToken) => {
    const response = await request(stack.app.getHttpServer())
      .get('/slots')
      .query({ specialistId: hospital.specialist.id, ...query })
      .set(authHeader(token));
    expect(response.status).toBe(200);
    return response.body as {
      slots: SlotBody[];
      calendarMissingYears: number[];
      calendarDays: { date: string }[];
    };
  };
  const onDay = (list: SlotBody[], day: string) => list.filter((s) => s.shanghai.start.startsWith(day));

  it('New York across 2026-03-08: Shanghai 09:00 stays 09:00, the patient sees 20:00 EST then 21:00 EDT', async () => {
    const patient = await createUser(stack.ds, 'patient', { timeZone: 'America/New_York' });
    const body = await slots({ from: '2026-03-06', to: '2026-03-09', patientId: patient.id });
    const friday = onDay(body.slots, '2026-03-06');
    const monday = onDay(body.slots, '2026-03-09');
    expect(friday[0]).toMatchObject({
      startsAt: '2026-03-06T01:00:00Z',
      shanghai: { zone: 'Asia/Shanghai', start: '2026-03-06T09:00:00+08:00' },
      patient: { zone: 'America/New_York', start: '2026-03-05T20:00:00-05:00' },
    });
    expect(monday[0]).toMatchObject({
      startsAt: '2026-03-09T01:00:00Z',
      shanghai: { start: '2026-03-09T09:00:00+08:00' },
      patient: { start: '2026-03-08T21:00:00-04:00' },
    });
    // 22:00 in New York is 11:00 Shanghai in EST but 10:00 in EDT: one hour fewer slots after the switch.
    expect(friday.map((s) => s.shanghai.start.slice(11, 16))).toEqual(['09:00', '09:30', '10:00', '10:30']);
    expect(monday.map((s) => s.shanghai.start.slice(11, 16))).toEqual(['09:00', '09:30']);

    for (const startsAt of ['2026-03-06T09:00:00+08:00', '2026-03-09T09:00:00+08:00']) {
      const booked = await request(stack.app.getHttpServer())
        .post('/consultations')
        .set(authHeader(hospital.coordinatorToken))
        .send({ specialistId: hospital.specialist.id, patientId: patient.id, startsAt })
        .expect(201);
      const read = await request(stack.app.getHttpServer())
        .get(`/consultations/${booked.body.id}`)
        .set(authHeader(hospital.coordinatorToken))
        .expect(200);
      expect(read.body.time.shanghai.start).toBe(startsAt);
      expect(read.body.time.patient.zone).toBe('America/New_York');
    }
    const stored = await stack.ds.query(
      `SELECT to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') AS sh,
              to_char(starts_at AT TIME ZONE 'America/New_York', 'YYYY-MM-DD HH24:MI') AS ny
         FROM consultations WHERE patient_id = $1 ORDER BY starts_at`,
      [patient.id],
    );
    expect(stored).toEqual([
      { sh: '09:00', ny: '2026-03-05 20:00' },
      { sh: '09:00', ny: '2026-03-08 21:00' },
    ]);
  });

  it('New York across 2026-11-01: 21:00 EDT before, 20:00 EST after, same Shanghai time', async () => {
    const body = await slots({ from: '2026-10-30', to: '2026-11-02', patientTimeZone: 'America/New_York' });
    expect(onDay(body.slots, '2026-10-30')[0].patient.start).toBe('2026-10-29T21:00:00-04:00');
    expect(onDay(body.slots, '2026-11-02')[0].patient.start).toBe('2026-11-01T20:00:00-05:00');
    expect(onDay(body.slots, '2026-10-30')[0].shanghai.start).toBe('2026-10-30T09:00:00+08:00');
    expect(onDay(body.slots, '2026-11-02')[0].shanghai.start).toBe('2026-11-02T09:00:00+08:00');
  });

  it('London across 2026-03-29 and 2026-10-25', async () => {
    const london = { patientTimeZone: 'Europe/London' };
    const first = (list: SlotBody[], day: string) => onDay(list, `${day}T15`)[0].patient.start;
    const spring = await slots({ from: '2026-03-27', to: '2026-03-30', ...london });
    expect(first(spring.slots, '2026-03-27')).toBe('2026-03-27T07:00:00+00:00');
    expect(first(spring.slots, '2026-03-30')).toBe('2026-03-30T08:00:00+01:00');
    const autumn = await slots({ from: '2026-10-23', to: '2026-10-26', ...london });
    expect(first(autumn.slots, '2026-10-23')).toBe('2026-10-23T08:00:00+01:00');
    expect(first(autumn.slots, '2026-10-26')).toBe('2026-10-26T07:00:00+00:00');
  });

  it('Kathmandu (+05:45): 09:00 Shanghai is 06:45 there and is not offered; 09:30 is 07:15', async () => {
    const body = await slots({ from: '2026-04-15', to: '2026-04-15', patientTimeZone: 'Asia/Kathmandu' });
    const morning = body.slots.filter((s) => s.shanghai.start < '2026-04-15T12');
    expect(morning[0].patient.start).toBe('2026-04-15T07:15:00+05:45');
    expect(morning[0].shanghai.start).toBe('2026-04-15T09:30:00+08:00');
  });

  it('honours overridden waking hours', async () => {
    const body = await slots({
      from: '2026-04-15',
      to: '2026-04-15',
      patientTimeZone: 'Asia/Kathmandu',
      earliestLocal: '12:00',
      latestLocal: '14:00',
    });
    expect(body.slots.map((s) => s.patient.start)).toEqual([
      '2026-04-15T12:45:00+05:45',
      '2026-04-15T13:15:00+05:45',
    ]);
  });

  it('rejects bad queries with messages a person can act on', async () => {
    const bad = (query: Record<string, string>) =>
      request(stack.app.getHttpServer())
        .get('/slots')
        .query(query)
        .set(authHeader(hospital.coordinatorToken));
    const base = { specialistId: hospital.specialist.id, patientTimeZone: 'Europe/London' };
    const inverted = await bad({ ...base, from: '2026-03-10', to: '2026-03-01' }).expect(400);
    expect(JSON.stringify(inverted.body.message)).toContain('before from');
    const zone = await bad({
      ...base,
      from: '2026-03-01',
      to: '2026-03-02',
      patientTimeZone: 'Mars/Olympus',
    }).expect(400);
    expect(JSON.stringify(zone.body.message)).toContain('IANA time zone');
    const unknownField = await bad({ ...base, from: '2026-03-01', to: '2026-03-02', colour: 'blue' }).expect(
      400,
    );
    expect(JSON.stringify(unknownField.body.message)).toContain('colour');
    const impossibleDate = await bad({ ...base, from: '2026-02-30', to: '2026-03-02' }).expect(400);
    expect(JSON.stringify(impossibleDate.body.message)).toContain('yyyy-MM-dd');
    const both = await bad({
      ...base,
      from: '2026-03-01',
      to: '2026-03-02',
      departmentId: hospital.departmentId,
    }).expect(400);
    expect(both.body.message).toContain('exactly one');
    const tooLong = await bad({ ...base, from: '2026-01-01', to: '2026-06-01' }).expect(400);
    expect(tooLong.body.message).toContain('at most 31');
    const noZone = await bad({
      specialistId: hospital.specialist.id,
      from: '2026-03-01',
      to: '2026-03-02',
    }).expect(400);
    expect(noZone.body.message).toContain('patientTimeZone');
  });

  it('searches a whole department, and says so when it does not exist', async () => {
    const response = await request(stack.app.getHttpServer())
      .get('/slots')
      .query({
        departmentId: hospital.departmentId,
        from: '2026-04-15',
        to: '2026-04-15',
        patientTimeZone: 'Asia/Shanghai',
      })
      .set(authHeader(hospital.coordinatorToken))
      .expect(200);
    expect(response.body.slots.length).toBe(8);
    expect(response.body.slots[0]).toMatchObject({
      specialistId: hospital.specialist.id,
      departmentId: hospital.departmentId,
    });
    const missing = await request(stack.app.getHttpServer())
      .get('/slots')
      .query({
        departmentId: '00000000-0000-4000-8000-000000000000',
        from: '2026-04-15',
        to: '2026-04-15',
        patientTimeZone: 'Asia/Shanghai',
      })
      .set(authHeader(hospital.coordinatorToken))
      .expect(404);
    expect(missing.body.message).toContain('No department');
  });
});
