import { createHmac } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { sfuNodesKey } from '@yiqiao/contracts';
import { Clock } from '@yiqiao/domain';
import type { SfuNodeLoad } from '@yiqiao/contracts';
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
import { VideoJoinService } from '../../apps/api/src/video/video-join.service';
import { verifyJoinToken } from '../../apps/sfu/src/signalling/join-token-verifier';
import { authHeader, loginAs } from '../support/auth';

const JOIN_SECRET = 'video-join-test-secret-0123456789';
const TURN_SECRET = 'video-turn-test-secret-0123456789';

describe('video join: participant check, SFU node pinning, join token, TURN (real PostgreSQL + Redis)', () => {
  const prefix = testQueuePrefix('video-join');
  let db: TestDatabase;
  let app: INestApplication;
  let ds: DataSource;
  let redis: Redis;
  let joins: VideoJoinService;
  let institutionId: string;
  let specialist: UserFixture;
  let patient: UserFixture;
  let interpreter: UserFixture;
  let coordinator: UserFixture;

  const node = (nodeId: string, load: Partial<SfuNodeLoad> = {}): SfuNodeLoad => ({
    nodeId,
    url: `http://127.0.0.1:31${nodeId.length}0/${nodeId}`,
    rooms: 0,
    peers: 0,
    consumers: 0,
    workersAlive: 2,
    workerCpuPercent: 0,
    updatedAt: Date.now(),
    ...load,
  });
  const register = async (...nodes: SfuNodeLoad[]) => {
    await redis.del(sfuNodesKey(prefix));
    for (const n of nodes) await redis.hset(sfuNodesKey(prefix), n.nodeId, JSON.stringify(n));
  };
  let slot = 0;
  /** A consultation, with the clock 5 minutes before its start: inside everyone's join window. */
  const newConsultation = async () => {
    const consultation = await createScheduledConsultation(ds, {
      institutionId,
      departmentId: (await createDepartment(ds, institutionId)).id,
      specialistId: specialist.id,
      patientId: patient.id,
      interpreterId: interpreter.id,
      createdBy: coordinator.id,
      startsAt: new Date(Date.now() + ++slot * 3600_000),
    });
    jest.spyOn(app.get(Clock), 'now').mockReturnValue(new Date(consultation.startsAt.getTime() - 5 * 60_000));
    return consultation;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApi(
      loadApiConfig({
        DATABASE_URL: db.url,
        QUEUE_PREFIX: prefix,
        LOG_LEVEL: 'silent',
        JOIN_TOKEN_SECRET: JOIN_SECRET,
        TURN_SECRET,
        TURN_URLS: 'turn:127.0.0.1:3478?transport=udp,turn:127.0.0.1:3478?transport=tcp',
        TURN_TTL_SECONDS: '600',
      }),
    );
    await app.init();
    ds = app.get<DataSource>(getDataSourceToken());
    joins = app.get(VideoJoinService);
    redis = new Redis(TEST_REDIS_URL);
    institutionId = (await createInstitution(ds)).id;
    specialist = await createUser(ds, 'specialist', { institutionId, fullName: 'Dr Wang Li' });
    patient = await createUser(ds, 'patient', { fullName: 'Anna Smith' });
    interpreter = await createUser(ds, 'interpreter', { institutionId, fullName: 'Chen Yu' });
    coordinator = await createUser(ds, 'coordinator', { institutionId });
  });

  afterAll(async () => {
    await redis.del(sfuNodesKey(prefix));
    redis.disconnect();
    await app.close();
    await db.drop();
  });

  it('gives each participant a token for their own role that the sfu accepts, with TURN credentials', async () => {
    await register(node('sfu-a'));
    const consultation = await newConsultation();
    const cases: [UserFixture, string, string][] = [
      [specialist, 'specialist', 'Dr Wang Li'],
      [patient, 'patient', 'Anna Smith'],
      [interpreter, 'interpreter', 'Chen Yu'],
      [coordinator, 'coordinator', 'Test coordinator'],
    ];
    for (const [user, role, name] of cases) {
      const join = await joins.mintJoin(consultation.id, user);
      expect(join.sfuUrl).toBe(node('sfu-a').url);
      expect(join.namespace).toBe('/sfu');
      const claims = verifyJoinToken(
        { token: join.token, consultationId: consultation.id },
        JOIN_SECRET,
        'sfu-a',
      );
      expect(claims).toMatchObject({ cid: consultation.id, sub: user.id, role, name, node: 'sfu-a' });
      expect(claims.exp - claims.iat).toBe(120);
      const [turn] = join.iceServers;
      expect(turn.urls).toHaveLength(2);
      const [expiry, userId] = turn.username!.split(':');
      expect(userId).toBe(user.id);
      expect(Number(expiry)).toBeGreaterThan(Date.now() / 1000 + 500);
      expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username!).digest('base64'));
    }
    const audits = await ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'video.join_token_issued' AND entity_id = $1`,
      [consultation.id],
    );
    expect(audits[0].n).toBe(4);
  });

  it('refuses people who are not part of the consultation with 404, and administrators with 403', async () => {
    await register(node('sfu-a'));
    const consultation = await newConsultation();
    const stranger = await createUser(ds, 'patient');
    const otherCoordinator = await createUser(ds, 'coordinator', {
      institutionId: (await createInstitution(ds)).id,
    });
    const admin = await createUser(ds, 'admin');
    await expect(joins.mintJoin(consultation.id, stranger)).rejects.toMatchObject({ status: 404 });
    await expect(joins.mintJoin(consultation.id, otherCoordinator)).rejects.toMatchObject({ status: 404 });
    await expect(joins.mintJoin(consultation.id, admin)).rejects.toMatchObject({ status: 403 });
  });

  it('pins the room to the least-loaded live node and keeps it there while that node lives', async () => {
    await register(
      node('sfu-busy', { consumers: 40, peers: 12, rooms: 4 }),
      node('sfu-idle', { consumers: 2, peers: 2, rooms: 1 }),
      node('sfu-stale', { updatedAt: Date.now() - 60_000 }),
      node('sfu-dead-workers', { workersAlive: 0 }),
    );
    const consultation = await newConsultation();
    const first = await joins.mintJoin(consultation.id, specialist);
    expect(first.sfuUrl).toBe(node('sfu-idle').url);
    const [row] = await ds.query(`SELECT sfu_node_id FROM consultations WHERE id = $1`, [consultation.id]);
    expect(row.sfu_node_id).toBe('sfu-idle');

    // the pinned node got busier than another: the room stays where it is
    await register(node('sfu-busy', { consumers: 0 }), node('sfu-idle', { consumers: 90 }));
    const second = await joins.mintJoin(consultation.id, patient);
    expect(second.sfuUrl).toBe(node('sfu-idle').url);

    // the pinned node disappeared: the room moves to a live one
    await register(node('sfu-busy', { consumers: 0 }));
    const third = await joins.mintJoin(consultation.id, patient);
    expect(third.sfuUrl).toBe(node('sfu-busy').url);
    const [moved] = await ds.query(`SELECT sfu_node_id FROM consultations WHERE id = $1`, [consultation.id]);
    expect(moved.sfu_node_id).toBe('sfu-busy');
  });

  it('pins once when participants join at the same moment', async () => {
    await register(node('sfu-a'), node('sfu-b'));
    const consultation = await newConsultation();
    const results = await Promise.all(
      [specialist, patient, interpreter].map((u) => joins.mintJoin(consultation.id, u)),
    );
    expect(new Set(results.map((r) => r.sfuUrl)).size).toBe(1);
  });

  it('answers 503 when no video server is available and 409 for a finished consultation', async () => {
    await register(node('sfu-stale', { updatedAt: Date.now() - 60_000 }));
    const consultation = await newConsultation();
    await expect(joins.mintJoin(consultation.id, specialist)).rejects.toMatchObject({ status: 503 });
    await register(node('sfu-a'));
    await ds.query(`UPDATE consultations SET status = 'cancelled' WHERE id = $1`, [consultation.id]);
    await expect(joins.mintJoin(consultation.id, specialist)).rejects.toMatchObject({
      status: 409,
      message: 'This consultation is cancelled and cannot be joined.',
    });
  });

  it('POST /consultations/:id/join needs a login, validates the id and returns the join', async () => {
    await register(node('sfu-a'));
    const consultation = await newConsultation();
    const server = app.getHttpServer();
    await request(server).post(`/consultations/${consultation.id}/join`).expect(401);
    const token = await loginAs(server, patient.email);
    const bad = await request(server)
      .post('/consultations/not-a-uuid/join')
      .set(authHeader(token))
      .expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/uuid/i);
    const ok = await request(server)
      .post(`/consultations/${consultation.id}/join`)
      .set(authHeader(token))
      .expect(200);
    expect(ok.body).toMatchObject({ sfuUrl: node('sfu-a').url, namespace: '/sfu' });
    expect(typeof ok.body.token).toBe('string');
    const strangerToken = await loginAs(server, (await createUser(ds, 'patient')).email);
    await request(server)
      .post(`/consultations/${consultation.id}/join`)
      .set(authHeader(strangerToken))
      .expect(404);
  });
});
