import request from 'supertest';
import { verify } from '@node-rs/argon2';
import { createInstitution, createUser } from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

describe('admin: institutions, departments, users and roles (real PostgreSQL)', () => {
  let api: TestApi;
  let admin: string;
  let adminId: string;

  beforeAll(async () => {
    api = await startTestApi('admin');
    const user = await createUser(api.dataSource, 'admin');
    adminId = user.id;
    admin = await loginAs(api.server, user.email);
  });
  afterAll(() => api.close());

  const post = (url: string, body: object, token = admin) =>
    request(api.server).post(url).set(authHeader(token)).send(body);

  it('creates a hospital, a child clinic and a department; refuses duplicates and cycles', async () => {
    const hospital = await post('/admin/institutions', {
      code: 'minhang-intl',
      name: 'Minhang International Hospital',
      nameZh: '闵行国际医院',
      kind: 'shanghai_hospital',
      timeZone: 'Asia/Shanghai',
      country: 'cn',
      bookingBufferMinutes: 5,
    }).expect(201);
    expect(hospital.body).toMatchObject({ code: 'minhang-intl', country: 'CN', bookingBufferMinutes: 5 });
    const clinic = await post('/admin/institutions', {
      code: 'xintiandi-clinic',
      name: 'Xintiandi Clinic',
      kind: 'clinic',
      parentId: hospital.body.id,
      timeZone: 'Asia/Shanghai',
      country: 'CN',
    }).expect(201);
    const duplicate = await post('/admin/institutions', {
      code: 'minhang-intl',
      name: 'Again',
      kind: 'clinic',
      timeZone: 'Asia/Shanghai',
      country: 'CN',
    }).expect(409);
    expect(duplicate.body.message).toBe('An institution with code "minhang-intl" already exists');
    const cycle = await request(api.server)
      .patch(`/admin/institutions/${hospital.body.id}`)
      .set(authHeader(admin))
      .send({ parentId: clinic.body.id })
      .expect(400);
    expect(cycle.body.message).toMatch(/its own ancestor/);
    const renamed = await request(api.server)
      .patch(`/admin/institutions/${hospital.body.id}`)
      .set(authHeader(admin))
      .send({ allowsPatientSelfBooking: true })
      .expect(200);
    expect(renamed.body.allowsPatientSelfBooking).toBe(true);

    const department = await post('/admin/departments', {
      institutionId: hospital.body.id,
      code: 'urology',
      name: 'Urology',
      specialty: 'urology',
      defaultConsultationMinutes: 45,
    }).expect(201);
    expect(department.body.defaultConsultationMinutes).toBe(45);
    const badMinutes = await post('/admin/departments', {
      institutionId: hospital.body.id,
      code: 'cardio',
      name: 'Cardiology',
      specialty: 'cardiology',
      defaultConsultationMinutes: 5,
    }).expect(400);
    expect(badMinutes.body.message).toEqual(['defaultConsultationMinutes must be between 10 and 240']);
    const unknownInstitution = await post('/admin/departments', {
      institutionId: '2f7a3b9c-1d2e-4f5a-8b6c-7d8e9f0a1b2c',
      code: 'x-ray',
      name: 'X-ray',
      specialty: 'radiology',
    }).expect(400);
    expect(unknownInstitution.body.message).toMatch(/is not an existing institution/);
    const list = await request(api.server)
      .get(`/admin/departments?institutionId=${hospital.body.id}`)
      .set(authHeader(admin))
      .expect(200);
    expect(list.body.map((d: { code: string }) => d.code)).toEqual(['urology']);
  });

  it('creates users with a real argon2 hash; the new user can log in; e-mail clash is 409', async () => {
    const institution = await createInstitution(api.dataSource);
    const created = await post('/admin/users', {
      email: 'Li.Wei@Minhang.example.cn',
      password: 'A-long-initial-passphrase',
      fullName: 'Dr. Li Wei',
      role: 'specialist',
      institutionId: institution.id,
      spokenLanguages: ['zh-cmn', 'en'],
      phone: '+8613800138000',
    }).expect(201);
    expect(created.body).toMatchObject({
      email: 'li.wei@minhang.example.cn',
      role: 'specialist',
      isActive: true,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    const [row] = await api.dataSource.query(`SELECT password_hash FROM users WHERE id = $1`, [
      created.body.id,
    ]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verify(row.password_hash, 'A-long-initial-passphrase')).toBe(true);
    const [profile] = await api.dataSource.query(
      `SELECT user_id FROM specialist_profiles WHERE user_id = $1`,
      [created.body.id],
    );
    expect(profile).toBeDefined();
    await loginAs(api.server, 'li.wei@minhang.example.cn', 'A-long-initial-passphrase');

    const clash = await post('/admin/users', {
      email: 'li.wei@minhang.example.cn',
      password: 'Another-passphrase',
      fullName: 'Someone',
      role: 'patient',
    }).expect(409);
    expect(clash.body.message).toBe('A user with e-mail li.wei@minhang.example.cn already exists');
    const noInstitution = await post('/admin/users', {
      email: 'coord@x.example',
      password: 'Another-passphrase',
      fullName: 'C',
      role: 'coordinator',
    }).expect(400);
    expect(noInstitution.body.message).toBe('institutionId is required for a coordinator');
  });

  it('changes a role and disables a user, which ends their sessions at once', async () => {
    const institution = await createInstitution(api.dataSource);
    const user = await createUser(api.dataSource, 'specialist', { institutionId: institution.id });
    const token = await loginAs(api.server, user.email);
    await request(api.server).get('/me').set(authHeader(token)).expect(200);
    const promoted = await request(api.server)
      .patch(`/admin/users/${user.id}`)
      .set(authHeader(admin))
      .send({ role: 'coordinator' })
      .expect(200);
    expect(promoted.body.role).toBe('coordinator');
    await request(api.server).get('/me').set(authHeader(token)).expect(401);
    const fresh = await loginAs(api.server, user.email);
    await request(api.server)
      .patch(`/admin/users/${user.id}`)
      .set(authHeader(admin))
      .send({ isActive: false })
      .expect(200);
    await request(api.server).get('/me').set(authHeader(fresh)).expect(401);
    const self = await request(api.server)
      .patch(`/admin/users/${adminId}`)
      .set(authHeader(admin))
      .send({ isActive: false })
      .expect(400);
    expect(self.body.message).toMatch(/cannot disable yourself/);
    const audit = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'user.updated'`,
      [user.id],
    );
    expect(audit[0].n).toBe(2);
  });

  it('lists and searches users; unknown id is 404; non-admins get 403', async () => {
    const institution = await createInstitution(api.dataSource);
    const found = await createUser(api.dataSource, 'interpreter', {
      institutionId: institution.id,
      fullName: 'Zhang Findme',
    });
    const page = await request(api.server)
      .get(`/admin/users?search=findme&role=interpreter`)
      .set(authHeader(admin))
      .expect(200);
    expect(page.body.items.map((u: { id: string }) => u.id)).toEqual([found.id]);
    await request(api.server)
      .get('/admin/users/3a1f8e0c-7b2d-4c5e-9f6a-1b2c3d4e5f6a')
      .set(authHeader(admin))
      .expect(404);
    const coordinator = await createUser(api.dataSource, 'coordinator', { institutionId: institution.id });
    const token = await loginAs(api.server, coordinator.email);
    for (const url of ['/admin/users', '/admin/institutions', '/admin/departments']) {
      const response = await request(api.server).get(url).set(authHeader(token)).expect(403);
      expect(response.body.message).toBe('Your role (coordinator) may not do this; allowed: admin');
    }
  });
});
