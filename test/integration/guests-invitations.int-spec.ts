import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { sfuNodesKey } from '@yiqiao/contracts';
import type { SfuNodeLoad } from '@yiqiao/contracts';
import { signGuestInviteToken } from '@yiqiao/notifications';
import {
  createDepartment,
  createInstitution,
  createScheduledConsultation,
  createTestDatabase,
  createUser,
  testQueuePrefix,
  TEST_REDIS_URL,
  TestDatabase,
  UserFixture,
} from '@yiqiao/testing';
import { loadApiConfig } from '../../apps/api/src/config';
import { createApi } from '../../apps/api/src/create-api';
import { GUEST_LINK_REQUESTS_PER_WINDOW } from '../../apps/api/src/guests/guest-link-rate-limiter';
import { verifyJoinToken } from '../../apps/sfu/src/signalling/join-token-verifier';
import { authHeader, loginAs } from '../support/auth';

jest.setTimeout(90_000);

const JOIN_SECRET = 'guests-test-join-secret-0123456789';
const GUEST_SECRET = 'guests-test-link-secret-0123456789';
const WEB = 'https://care.yiqiao.test';
const INVALID_LINK =
  'This invitation link is not valid or has been withdrawn. Ask the person who invited you for a new link.';

interface GuestView {
  id: string;
  name: string;
  email: string | null;
  language: string;
  timeZone: string;
  relationship: string | null;
  invitedBy: { id: string; name: string; role: string };
  createdAt: string;
  revokedAt: string | null;
  lastJoinedAt: string | null;
  inviteUrl: string | null;
  emailStatus: string;
}

describe('guests: inviting family members to a consultation call (real PostgreSQL + Redis)', () => {
  const prefix = testQueuePrefix('guests');
  let db: TestDatabase;
  let app: INestApplication;
  let server: Server;
  let ds: DataSource;
  let redis: Redis;
  let institutionId: string;
  let departmentId: string;
  let specialist: UserFixture;
  let patient: UserFixture;
  let interpreter: UserFixture;
  let coordinator: UserFixture;
  const tokens: Record<string, string> = {};

  let slot = 0;
  const newConsultation = async () =>
    (
      await createScheduledConsultation(ds, {
        institutionId,
        departmentId,
        specialistId: specialist.id,
        patientId: patient.id,
        interpreterId: interpreter.id,
        createdBy: coordinator.id,
        startsAt: new Date(Date.now() + ++slot * 3600_000),
      })
    ).id;

  const invite = (who: string, consultationId: string, body: Record<string, unknown>) =>
    request(server).post(`/consultations/${consultationId}/guests`).set(authHeader(tokens[who])).send(body);
  const tokenOf = (guest: GuestView) => guest.inviteUrl!.split('/guest/')[1];

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApi(
      loadApiConfig({
        DATABASE_URL: db.url,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'silent',
        JOIN_TOKEN_SECRET: JOIN_SECRET,
        GUEST_LINK_SECRET: GUEST_SECRET,
        PUBLIC_WEB_URL: WEB,
      }),
    );
    await app.init();
    server = app.getHttpServer() as Server;
    ds = app.get<DataSource>(getDataSourceToken());
    redis = new Redis(TEST_REDIS_URL);
    const node: SfuNodeLoad = {
      nodeId: 'sfu-guests',
      url: 'http://127.0.0.1:31999',
      rooms: 0,
      peers: 0,
      consumers: 0,
      workersAlive: 1,
      workerCpuPercent: 0,
      updatedAt: Date.now() + 3600_000, // stays "fresh" for the whole file
    };
    await redis.hset(sfuNodesKey(prefix), node.nodeId, JSON.stringify(node));

    institutionId = (await createInstitution(ds)).id;
    departmentId = (await createDepartment(ds, institutionId, 'urology')).id;
    await ds.query(`UPDATE departments SET name_zh = '泌尿外科' WHERE id = $1`, [departmentId]);
    specialist = await createUser(ds, 'specialist', { institutionId, fullName: 'Dr Wang Li' });
    patient = await createUser(ds, 'patient', {
      fullName: 'Anna Smith',
      locale: 'ru',
      timeZone: 'Europe/Moscow',
    });
    interpreter = await createUser(ds, 'interpreter', { institutionId });
    coordinator = await createUser(ds, 'coordinator', { institutionId, fullName: 'Zhou Min' });
    const others = {
      otherPatient: await createUser(ds, 'patient'),
      otherSpecialist: await createUser(ds, 'specialist', { institutionId }),
      otherCoordinator: await createUser(ds, 'coordinator', {
        institutionId: (await createInstitution(ds)).id,
      }),
      admin: await createUser(ds, 'admin'),
    };
    for (const [name, user] of Object.entries({ specialist, patient, interpreter, coordinator, ...others }))
      tokens[name] = await loginAs(server, user.email);
  });

  afterAll(async () => {
    await redis.del(sfuNodesKey(prefix));
    redis.disconnect();
    await app.close();
    await db.drop();
  });

  it('lets the patient, the specialist and a coordinator invite; defaults follow the patient', async () => {
    const consultationId = await newConsultation();
    const byPatient = await invite('patient', consultationId, {
      name: '  Maria Smith  ',
      email: 'maria@example.org',
      relationship: ' daughter ',
    }).expect(201);
    const guest = byPatient.body.guest as GuestView;
    expect(guest).toEqual({
      id: expect.any(String),
      name: 'Maria Smith',
      email: 'maria@example.org',
      language: 'ru',
      timeZone: 'Europe/Moscow',
      relationship: 'daughter',
      invitedBy: { id: patient.id, name: 'Anna Smith', role: 'patient' },
      createdAt: expect.any(String),
      revokedAt: null,
      lastJoinedAt: null,
      inviteUrl: `${WEB}/guest/${signGuestInviteToken(guest.id, GUEST_SECRET)}`,
      emailStatus: 'pending',
    });

    const bySpecialist = await invite('specialist', consultationId, {
      name: 'Wang Fang',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    }).expect(201);
    expect(bySpecialist.body.guest).toMatchObject({
      email: null,
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      relationship: null,
      invitedBy: { id: specialist.id, role: 'specialist' },
      emailStatus: 'none',
    });
    const byCoordinator = await invite('coordinator', consultationId, {
      name: 'Li Ming',
      email: '',
      relationship: '',
    }).expect(201);
    expect(byCoordinator.body.guest).toMatchObject({
      email: null,
      relationship: null,
      invitedBy: { id: coordinator.id, name: 'Zhou Min', role: 'coordinator' },
    });

    // a notification (to the guest, not to a user) only where an e-mail address was given
    const notifications = await ds.query(
      `SELECT guest_id, recipient_id, kind, status, due_at <= now() AS due FROM notifications
        WHERE consultation_id = $1 AND kind = 'guest_invitation'`,
      [consultationId],
    );
    expect(notifications).toEqual([
      { guest_id: guest.id, recipient_id: null, kind: 'guest_invitation', status: 'pending', due: true },
    ]);
    const audits = await ds.query(
      `SELECT actor_id, actor_role, details FROM audit_events WHERE action = 'guest.invited' AND entity_id = $1
        ORDER BY occurred_at, id`,
      [consultationId],
    );
    expect(audits.map((a: { actor_role: string }) => a.actor_role).sort()).toEqual([
      'coordinator',
      'patient',
      'specialist',
    ]);
    expect(audits.find((a: { actor_id: string }) => a.actor_id === patient.id).details).toMatchObject({
      guestId: guest.id,
      emailGiven: true,
    });
  });

  it('answers 404 to people outside the consultation and 403 to interpreters and administrators', async () => {
    const consultationId = await newConsultation();
    const guest = (await invite('patient', consultationId, { name: 'Maria' }).expect(201)).body
      .guest as GuestView;
    for (const who of ['otherPatient', 'otherSpecialist', 'otherCoordinator']) {
      const res = await invite(who, consultationId, { name: 'Intruder' }).expect(404);
      expect(res.body.message).toBe(`Consultation ${consultationId} was not found`);
      await request(server)
        .get(`/consultations/${consultationId}/guests`)
        .set(authHeader(tokens[who]))
        .expect(404);
      await request(server)
        .delete(`/consultations/${consultationId}/guests/${guest.id}`)
        .set(authHeader(tokens[who]))
        .expect(404);
    }
    for (const who of ['interpreter', 'admin']) {
      const res = await invite(who, consultationId, { name: 'Someone' }).expect(403);
      expect(res.body.message).toMatch(/may not do this; allowed: patient, specialist, coordinator/);
      await request(server)
        .get(`/consultations/${consultationId}/guests`)
        .set(authHeader(tokens[who]))
        .expect(403);
    }
    await request(server).post(`/consultations/${consultationId}/guests`).send({ name: 'x' }).expect(401);
    const unknown = '00000000-0000-4000-8000-000000000000';
    await invite('patient', unknown, { name: 'Maria' }).expect(404);
    await request(server)
      .delete(`/consultations/${consultationId}/guests/${unknown}`)
      .set(authHeader(tokens.patient))
      .expect(404);
    const badId = await invite('patient', 'not-a-uuid', { name: 'Maria' }).expect(400);
    expect(badId.body.message).toBe('consultation id must be a UUID');
  });

  it('refuses bad input with messages a person can act on', async () => {
    const consultationId = await newConsultation();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: 'Maria', email: 'maria-at-example' }, /email must be an e-mail address/],
      [{ name: '   ' }, /name must be 1 to 120 characters/],
      [{}, /name must be 1 to 120 characters/],
      [{ name: 'x'.repeat(121) }, /name must be 1 to 120 characters/],
      [{ name: 'Maria', timeZone: 'Mars/Olympus' }, /timeZone must be an IANA time zone/],
      [{ name: 'Maria', timeZone: '+08:00' }, /timeZone must be an IANA time zone/],
      [{ name: 'Maria', language: 'fr' }, /language must be one of en, zh-CN, ru, ja, ar/],
      [{ name: 'Maria', relationship: 'r'.repeat(61) }, /relationship must be at most 60 characters/],
      [{ name: 'Maria', complaint: 'pain' }, /property complaint should not exist/],
    ];
    for (const [body, message] of cases) {
      const res = await invite('patient', consultationId, body).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    }
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM consultation_guests WHERE consultation_id = $1`,
      [consultationId],
    );
    expect(n).toBe(0);
  });

  it('allows at most 3 active guests, also under concurrent invitations; a withdrawn one frees a place', async () => {
    const consultationId = await newConsultation();
    const results = await Promise.all(
      ['A', 'B', 'C', 'D', 'E'].map((name) => invite('patient', consultationId, { name: `Guest ${name}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body.message).toMatch(/at most 3 guests; withdraw an invitation/);
    const fourth = await invite('coordinator', consultationId, { name: 'Guest F' }).expect(409);
    expect(fourth.body.message).toMatch(/at most 3 guests/);

    const first = results.find((r) => r.status === 201)!.body.guest as GuestView;
    await request(server)
      .delete(`/consultations/${consultationId}/guests/${first.id}`)
      .set(authHeader(tokens.specialist))
      .expect(200);
    await invite('patient', consultationId, { name: 'Guest F' }).expect(201);
  });

  it('refuses guests for a completed or cancelled consultation with 409', async () => {
    for (const status of ['completed', 'cancelled']) {
      const consultationId = await newConsultation();
      await ds.query(`UPDATE consultations SET status = $2 WHERE id = $1`, [consultationId, status]);
      const res = await invite('patient', consultationId, { name: 'Maria' }).expect(409);
      expect(res.body.message).toBe(`This consultation is ${status} and can no longer have guests.`);
    }
  });

  it('lists guests oldest first, withdrawn ones included with no link', async () => {
    const consultationId = await newConsultation();
    const names = ['First', 'Second', 'Third'];
    const ids: string[] = [];
    for (const name of names)
      ids.push((await invite('patient', consultationId, { name }).expect(201)).body.guest.id);
    await request(server)
      .delete(`/consultations/${consultationId}/guests/${ids[1]}`)
      .set(authHeader(tokens.patient))
      .expect(200);
    const res = await request(server)
      .get(`/consultations/${consultationId}/guests`)
      .set(authHeader(tokens.coordinator))
      .expect(200);
    const guests = res.body.guests as GuestView[];
    expect(Object.keys(res.body)).toEqual(['guests']);
    expect(guests.map((g) => g.name)).toEqual(names);
    expect(guests.map((g) => g.inviteUrl === null)).toEqual([false, true, false]);
    expect(guests[1].revokedAt).toEqual(expect.any(String));
    expect(Object.keys(guests[0]).sort()).toEqual(
      [
        'id',
        'name',
        'email',
        'language',
        'timeZone',
        'relationship',
        'invitedBy',
        'createdAt',
        'revokedAt',
        'lastJoinedAt',
        'inviteUrl',
        'emailStatus',
      ].sort(),
    );
  });

  it('withdraws once (repeating is harmless), cancels the pending invitation e-mail and kills the link', async () => {
    const consultationId = await newConsultation();
    const guest = (
      await invite('patient', consultationId, { name: 'Maria', email: 'maria@example.org' }).expect(201)
    ).body.guest as GuestView;
    const token = tokenOf(guest);
    await request(server).get(`/guest-invitations/${token}`).expect(200);

    const first = await request(server)
      .delete(`/consultations/${consultationId}/guests/${guest.id}`)
      .set(authHeader(tokens.specialist))
      .expect(200);
    expect(first.body.guest).toMatchObject({
      id: guest.id,
      revokedAt: expect.any(String),
      inviteUrl: null,
      emailStatus: 'none',
    });
    const second = await request(server)
      .delete(`/consultations/${consultationId}/guests/${guest.id}`)
      .set(authHeader(tokens.patient))
      .expect(200);
    expect(second.body.guest.revokedAt).toBe(first.body.guest.revokedAt);

    const [row] = await ds.query(`SELECT revoked_by FROM consultation_guests WHERE id = $1`, [guest.id]);
    expect(row.revoked_by).toBe(specialist.id);
    const audits = await ds.query(
      `SELECT actor_id FROM audit_events WHERE action = 'guest.revoked' AND entity_id = $1`,
      [consultationId],
    );
    expect(audits).toEqual([{ actor_id: specialist.id }]);
    const [notification] = await ds.query(`SELECT status FROM notifications WHERE guest_id = $1`, [guest.id]);
    expect(notification.status).toBe('cancelled');

    const looked = await request(server).get(`/guest-invitations/${token}`).expect(404);
    expect(looked.body.message).toBe(INVALID_LINK);
    const joined = await request(server).post(`/guest-invitations/${token}/join`).expect(404);
    expect(joined.body.message).toBe(INVALID_LINK);
  });

  it('shows a valid link who is invited to what, without any medical data; tampered links get 404', async () => {
    const consultationId = await newConsultation();
    const guest = (
      await invite('patient', consultationId, { name: 'Maria', timeZone: 'Europe/Madrid' }).expect(201)
    ).body.guest as GuestView;
    const token = tokenOf(guest);
    const res = await request(server).get(`/guest-invitations/${token}`).expect(200);
    const [c] = await ds.query(`SELECT starts_at, ends_at FROM consultations WHERE id = $1`, [
      consultationId,
    ]);
    expect(res.body).toEqual({
      guest: { name: 'Maria', language: 'ru', timeZone: 'Europe/Madrid' },
      consultation: {
        id: consultationId,
        status: 'scheduled',
        startsAt: new Date(c.starts_at).toISOString(),
        endsAt: new Date(c.ends_at).toISOString(),
        specialistName: 'Dr Wang Li',
        departmentName: 'Department of urology',
        departmentNameZh: '泌尿外科',
        institutionName: expect.stringMatching(/^Hospital inst-/),
        institutionNameZh: null,
      },
      joinable: true,
    });
    const text = JSON.stringify(res.body);
    for (const word of ['complaint', 'notes', 'patient', 'Anna', 'email', 'diagnos', 'request'])
      expect(text.toLowerCase()).not.toContain(word.toLowerCase());

    const [id, signature] = token.split('.');
    const flipped = `${id}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [
      flipped,
      `${id}.${'A'.repeat(43)}`,
      'not-a-token',
      signGuestInviteToken(id, 'other-secret-0123456789'),
    ]) {
      const refused = await request(server)
        .get(`/guest-invitations/${encodeURIComponent(bad)}`)
        .expect(404);
      expect(refused.body.message).toBe(INVALID_LINK);
      await request(server)
        .post(`/guest-invitations/${encodeURIComponent(bad)}/join`)
        .expect(404);
    }
  });

  it('answers 410 once the consultation is over or cancelled', async () => {
    for (const [status, message] of [
      ['completed', /already taken place/],
      ['cancelled', /was cancelled/],
    ] as const) {
      const consultationId = await newConsultation();
      const guest = (await invite('patient', consultationId, { name: 'Maria' }).expect(201)).body
        .guest as GuestView;
      await ds.query(`UPDATE consultations SET status = $2 WHERE id = $1`, [consultationId, status]);
      const res = await request(server)
        .get(`/guest-invitations/${tokenOf(guest)}`)
        .expect(410);
      expect(res.body.message).toMatch(message);
      await request(server)
        .post(`/guest-invitations/${tokenOf(guest)}/join`)
        .expect(410);
    }
  });

  it('gives the guest a join token the sfu accepts as role guest, and records the join', async () => {
    const consultationId = await newConsultation();
    const guest = (await invite('coordinator', consultationId, { name: 'Maria Smith' }).expect(201)).body
      .guest as GuestView;
    const res = await request(server)
      .post(`/guest-invitations/${tokenOf(guest)}/join`)
      .expect(200);
    expect(res.body).toMatchObject({ sfuUrl: 'http://127.0.0.1:31999', namespace: '/sfu' });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const claims = verifyJoinToken({ token: res.body.token, consultationId }, JOIN_SECRET, 'sfu-guests');
    expect(claims).toMatchObject({
      cid: consultationId,
      sub: guest.id,
      role: 'guest',
      name: 'Maria Smith',
      node: 'sfu-guests',
    });
    const [pinned] = await ds.query(`SELECT sfu_node_id FROM consultations WHERE id = $1`, [consultationId]);
    expect(pinned.sfu_node_id).toBe('sfu-guests');

    const [row] = await ds.query(`SELECT last_joined_at FROM consultation_guests WHERE id = $1`, [guest.id]);
    expect(row.last_joined_at).toBeInstanceOf(Date);
    const listed = await request(server)
      .get(`/consultations/${consultationId}/guests`)
      .set(authHeader(tokens.patient))
      .expect(200);
    expect(listed.body.guests[0].lastJoinedAt).toBe(new Date(row.last_joined_at).toISOString());
    const audits = await ds.query(
      `SELECT actor_id, actor_role, details FROM audit_events
        WHERE action = 'video.join_token_issued' AND entity_id = $1`,
      [consultationId],
    );
    expect(audits).toEqual([
      {
        actor_id: null,
        actor_role: null,
        details: { callRole: 'guest', guestId: guest.id, sfuNodeId: 'sfu-guests' },
      },
    ]);
    // a guest cannot use their token for the users' join endpoint
    await request(server)
      .post(`/consultations/${consultationId}/join`)
      .set(authHeader(tokenOf(guest)))
      .expect(401);
  });

  it('throttles the public guest-link endpoints per network address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= GUEST_LINK_REQUESTS_PER_WINDOW; i++)
      statuses.push((await request(server).get('/guest-invitations/nothing-here')).status);
    const limited = await request(server).get('/guest-invitations/nothing-here').expect(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body.message).toMatch(/Too many requests/);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 404).length).toBeGreaterThan(0);
  });
});
