import request from 'supertest';
import { seedDemo, DEMO_PASSWORD } from '@yiqiao/persistence';
import { DEMO_SEED_STEPS } from '../../infra/dev/demo-seed-steps';
import { authHeader, loginAs } from '../support/auth';
import { SchedulingStack, startSchedulingStack } from './scheduling-fixtures';

describe('demo seed: weekly availability and the 2026 calendar make the demo bookable', () => {
  let stack: SchedulingStack;

  beforeAll(async () => {
    stack = await startSchedulingStack('sched-seed');
    await seedDemo(stack.ds, DEMO_SEED_STEPS);
    await seedDemo(stack.ds, DEMO_SEED_STEPS); // safe to run on every npm start
    stack.setNow('2026-09-14T00:00:00Z');
  });

  afterAll(() => stack.close());

  it('offers Dr Li’s slots to the Pudong coordinator, none on the Mid-Autumn holiday', async () => {
    const [li] = await stack.ds.query(`SELECT id FROM users WHERE email = 'dr.li@pudong.test'`);
    const rules = await stack.ds.query(
      `SELECT count(*)::int AS n FROM availability_rules WHERE specialist_id = $1`,
      [li.id],
    );
    expect(rules[0].n).toBe(7);
    const token = await loginAs(stack.app, 'coordinator@pudong.test', DEMO_PASSWORD);
    const days = async (patientTimeZone: string) => {
      const response = await request(stack.app.getHttpServer())
        .get('/slots')
        .query({ specialistId: li.id, from: '2026-09-21', to: '2026-09-27', patientTimeZone })
        .set(authHeader(token))
        .expect(200);
      return [
        ...new Set(
          response.body.slots.map((s: { shanghai: { start: string } }) => s.shanghai.start.slice(0, 10)),
        ),
      ];
    };
    // Friday 25 September is the Mid-Autumn holiday.
    expect(await days('Asia/Shanghai')).toEqual(['2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24']);
    // From London only the Tuesday/Thursday evening sessions (13:00-15:00 there) are in waking hours.
    expect(await days('Europe/London')).toEqual(['2026-09-22', '2026-09-24']);
  });
});
