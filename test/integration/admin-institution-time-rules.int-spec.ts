import request from 'supertest';
import { createUser } from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, type TestApi } from '../support/auth';

jest.setTimeout(60_000);

const TIME_RULES = {
  patientBookingNoticeMinutes: 120,
  coordinatorBookingNoticeMinutes: 0,
  joinLeadMinutes: 15,
  staffJoinLeadMinutes: 30,
  joinGraceMinutes: 30,
};

describe('admin: an institution’s booking notice and join window settings (real PostgreSQL)', () => {
  let api: TestApi;
  let admin: string;
  let institutionId: string;

  beforeAll(async () => {
    api = await startTestApi('admin-time-rules');
    admin = await loginAs(api.server, (await createUser(api.dataSource, 'admin')).email);
    const created = await request(api.server)
      .post('/admin/institutions')
      .set(authHeader(admin))
      .send({
        code: 'gubei-clinic',
        name: 'Gubei Clinic',
        kind: 'clinic',
        timeZone: 'Asia/Shanghai',
        country: 'CN',
      })
      .expect(201);
    institutionId = created.body.id;
  });
  afterAll(() => api.close());

  const patch = (body: object, token = admin) =>
    request(api.server).patch(`/admin/institutions/${institutionId}`).set(authHeader(token)).send(body);
  const listed = async () =>
    (
      (await request(api.server).get('/admin/institutions').set(authHeader(admin)).expect(200)).body as {
        id: string;
      }[]
    ).find((i) => i.id === institutionId);

  it('reads the defaults of a new institution', async () => {
    expect(await listed()).toMatchObject(TIME_RULES);
  });

  it('updates all five, keeps them, and audits the change', async () => {
    const changed = {
      patientBookingNoticeMinutes: 1440,
      coordinatorBookingNoticeMinutes: 30,
      joinLeadMinutes: 10,
      staffJoinLeadMinutes: 45,
      joinGraceMinutes: 0,
    };
    const response = await patch(changed).expect(200);
    expect(response.body).toMatchObject(changed);
    expect(await listed()).toMatchObject(changed);
    const [audit] = await api.dataSource.query(
      `SELECT details FROM audit_events WHERE action = 'institution.updated' AND entity_id = $1`,
      [institutionId],
    );
    expect(audit.details).toMatchObject(changed);
    // The bounds themselves are accepted.
    await patch({
      patientBookingNoticeMinutes: 20160,
      coordinatorBookingNoticeMinutes: 0,
      joinLeadMinutes: 240,
    }).expect(200);
    await patch(TIME_RULES).expect(200);
  });

  it('refuses values outside the bounds or not whole minutes with 400s naming the field and the range', async () => {
    const refused = async (body: object, text: string) => {
      const response = await patch(body).expect(400);
      expect(JSON.stringify(response.body.message)).toContain(text);
    };
    await refused(
      { patientBookingNoticeMinutes: -1 },
      'patientBookingNoticeMinutes must be at least 0 minutes',
    );
    await refused(
      { patientBookingNoticeMinutes: 20161 },
      'patientBookingNoticeMinutes must be at most 20160 minutes (14 days)',
    );
    await refused(
      { coordinatorBookingNoticeMinutes: 1.5 },
      'coordinatorBookingNoticeMinutes must be a whole number of minutes from 0 to 20160 (14 days)',
    );
    await refused({ joinLeadMinutes: 241 }, 'joinLeadMinutes must be at most 240 minutes (4 hours)');
    await refused({ staffJoinLeadMinutes: '30' }, 'staffJoinLeadMinutes must be a whole number of minutes');
    await refused({ joinGraceMinutes: -5 }, 'joinGraceMinutes must be at least 0 minutes');
    await refused({ joinGraceMinutes: null }, 'joinGraceMinutes must be a whole number of minutes');
    expect(await listed()).toMatchObject(TIME_RULES);
  });

  it('is for administrators only', async () => {
    const coordinator = await createUser(api.dataSource, 'coordinator', { institutionId });
    await patch({ joinLeadMinutes: 5 }, await loginAs(api.server, coordinator.email)).expect(403);
  });

  it('documents the fields in OpenAPI', async () => {
    const doc = (await request(api.server).get('/docs/openapi.json').expect(200)).body;
    for (const field of Object.keys(TIME_RULES)) {
      expect(doc.components.schemas.InstitutionView.properties[field]).toBeDefined();
      expect(doc.components.schemas.UpdateInstitutionDto.properties[field]).toMatchObject({ minimum: 0 });
    }
  });
});
