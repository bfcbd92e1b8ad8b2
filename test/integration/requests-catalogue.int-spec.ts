import request from 'supertest';
import { addSpecialistToDepartment, createDepartment, createInstitution, createUser } from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

describe('catalogue: institutions, departments and specialists a patient can ask for', () => {
  let api: TestApi;
  let token: string;
  let hospital: string;
  let partner: string;
  let urology: string;
  let specialist: string;

  beforeAll(async () => {
    api = await startTestApi('catalogue');
    const ds = api.dataSource;
    hospital = (await createInstitution(ds)).id;
    partner = (await createInstitution(ds, { kind: 'overseas_partner', timeZone: 'Asia/Almaty' })).id;
    await createDepartment(ds, partner, 'general');
    urology = (await createDepartment(ds, hospital, 'urology')).id;
    await createDepartment(ds, hospital, 'cardiology');
    specialist = (
      await createUser(ds, 'specialist', { institutionId: hospital, spokenLanguages: ['zh-cmn', 'en'] })
    ).id;
    await addSpecialistToDepartment(ds, specialist, urology);
    const inactive = await createUser(ds, 'specialist', { institutionId: hospital });
    await ds.query(`UPDATE users SET is_active = false WHERE id = $1`, [inactive.id]);
    token = await loginAs(api.server, (await createUser(ds, 'patient')).email);
  });
  afterAll(() => api.close());

  it('lists hospitals and clinics, not overseas partners', async () => {
    const response = await request(api.server).get('/institutions').set(authHeader(token)).expect(200);
    const ids = response.body.map((i: { id: string }) => i.id);
    expect(ids).toContain(hospital);
    expect(ids).not.toContain(partner);
  });

  it('lists departments with their institution name, filtered by institution', async () => {
    const response = await request(api.server)
      .get(`/departments?institutionId=${hospital}`)
      .set(authHeader(token))
      .expect(200);
    expect(response.body.map((d: { specialty: string }) => d.specialty).sort()).toEqual([
      'cardiology',
      'urology',
    ]);
    expect(response.body[0].institutionName).toMatch(/^Hospital /);
    const all = await request(api.server).get('/departments').set(authHeader(token)).expect(200);
    expect(all.body.some((d: { institutionId: string }) => d.institutionId === partner)).toBe(false);
  });

  it('lists active specialists of a department', async () => {
    const response = await request(api.server)
      .get(`/specialists?departmentId=${urology}`)
      .set(authHeader(token))
      .expect(200);
    expect(response.body).toEqual([
      expect.objectContaining({
        id: specialist,
        departmentIds: [urology],
        spokenLanguages: ['zh-cmn', 'en'],
      }),
    ]);
    const byInstitution = await request(api.server)
      .get(`/specialists?institutionId=${hospital}`)
      .set(authHeader(token))
      .expect(200);
    expect(byInstitution.body).toHaveLength(1);
    await request(api.server).get('/specialists?departmentId=urology').set(authHeader(token)).expect(400);
  });
});
