import { createHmac, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { Clock } from '@yiqiao/domain';
import {
  addSpecialistToDepartment,
  createDepartment,
  createInstitution,
  createScheduledConsultation,
  createTestDatabase,
  createUser,
  testQueuePrefix,
  TEST_REDIS_URL,
  type TestDatabase,
  type UserFixture,
} from '@yiqiao/testing';
import { loadApiConfig } from '../../../apps/api/src/config';
import { createApi } from '../../../apps/api/src/create-api';
import { loginAs } from '../../support/auth';

export const ROLES = ['patient', 'specialist', 'interpreter', 'coordinator', 'admin'] as const;
export type FuzzRole = (typeof ROLES)[number];
export const TOKENLESS = ['anonymous', 'forged', 'alg-none', 'wrong-secret', 'expired'] as const;
export type CallerName = FuzzRole | (typeof TOKENLESS)[number];
export const CALLERS: readonly CallerName[] = [...ROLES, ...TOKENLESS];

const JWT_SECRET = 'api-fuzz-jwt-secret-0123456789abcdef';
/** The api's business clock during the run: a Monday morning in Shanghai. */
export const FUZZ_NOW = new Date('2026-03-02T01:00:00Z');

const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 JWT signed with `secret` (the api's own claims shape and issuer). */
function jwt(claims: object, secret: string, alg = 'HS256'): string {
  const head = `${b64({ alg, typ: 'JWT' })}.${b64(claims)}`;
  if (alg === 'none') return `${head}.`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

/**
 * The small world the fuzzer talks to: the api in-process on its own database and Redis prefix,
 * one institution with a department, a specialist, an interpreter, a coordinator, an admin and a
 * consenting patient with a request and a scheduled consultation; a spare user for admin edits.
 */
export class FuzzWorld {
  readonly prefix = testQueuePrefix('apifuzz');
  db!: TestDatabase;
  app!: INestApplication;
  server!: Server;
  ds!: DataSource;
  redis!: Redis;
  readonly users = {} as Record<FuzzRole, UserFixture>;
  readonly authorization = {} as Record<CallerName, string | undefined>;
  /** Ids that exist, offered to every uuid field so requests get past "not found". */
  readonly ids: string[] = [];
  private saved: { id: string; role: string; institution_id: string | null; password_hash: string }[] = [];

  async start(): Promise<void> {
    this.db = await createTestDatabase();
    this.app = await createApi(
      loadApiConfig({
        DATABASE_URL: this.db.url,
        QUEUE_PREFIX: this.prefix,
        LOG_LEVEL: 'silent',
        JWT_SECRET,
      }),
    );
    await this.app.init();
    jest.spyOn(this.app.get(Clock), 'now').mockReturnValue(FUZZ_NOW);
    this.server = this.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const ds = (this.ds = this.app.get<DataSource>(getDataSourceToken()));
    this.redis = new Redis(TEST_REDIS_URL);

    const institutionId = (await createInstitution(ds, { allowsPatientSelfBooking: true })).id;
    const departmentId = (await createDepartment(ds, institutionId, 'urology')).id;
    for (const role of ROLES) {
      const staff = role !== 'patient' && role !== 'admin';
      this.users[role] = await createUser(ds, role, staff ? { institutionId } : {});
    }
    await addSpecialistToDepartment(ds, this.users.specialist.id, departmentId);
    for (const kind of ['health_data', 'cross_border_transfer']) {
      await ds.query(
        `INSERT INTO consents (patient_id, kind, policy_version, locale) VALUES ($1, $2, '2026-01', 'en')`,
        [this.users.patient.id, kind],
      );
    }
    const spare = await createUser(ds, 'patient');
    const consultation = await createScheduledConsultation(ds, {
      institutionId,
      departmentId,
      specialistId: this.users.specialist.id,
      patientId: this.users.patient.id,
      interpreterId: this.users.interpreter.id,
      createdBy: this.users.coordinator.id,
      startsAt: new Date(FUZZ_NOW.getTime() + 26 * 3600_000),
    });
    this.saved = await ds.query(
      `SELECT id, role, institution_id, password_hash FROM users WHERE id = ANY($1)`,
      [ROLES.map((role) => this.users[role].id)],
    );
    await this.loginEveryone();
    const filed = await request(this.server)
      .post('/consultation-requests')
      .set('Authorization', this.authorization.patient ?? '')
      .send({
        institutionId,
        complaint: 'Kidney stone seen on CT; asking for a second opinion.',
        spokenLanguages: ['en'],
        country: 'GB',
        timeZone: 'Europe/London',
      })
      .expect(201);
    this.ids.push(
      institutionId,
      departmentId,
      consultation.id,
      filed.body.id as string,
      spare.id,
      ...ROLES.map((role) => this.users[role].id),
    );
    const claims = {
      sub: this.users.admin.id,
      sid: randomUUID(),
      role: 'admin',
      typ: 'access',
      iss: 'yiqiao-api',
    };
    const now = Math.floor(Date.now() / 1000);
    this.authorization.anonymous = undefined;
    this.authorization.forged = 'Bearer forged.token.here';
    this.authorization['alg-none'] = `Bearer ${jwt({ ...claims, iat: now, exp: now + 900 }, '', 'none')}`;
    this.authorization['wrong-secret'] =
      `Bearer ${jwt({ ...claims, iat: now, exp: now + 900 }, 'not-the-secret-0123456789')}`;
    this.authorization.expired = `Bearer ${jwt({ ...claims, iat: now - 7200, exp: now - 3600 }, JWT_SECRET)}`;
  }

  private async loginEveryone(): Promise<void> {
    for (const role of ROLES) {
      this.authorization[role] = `Bearer ${await loginAs(this.server, this.users[role].email)}`;
    }
  }

  /**
   * Undoes what a fuzzed request may do to the callers themselves (logout, an admin disabling a
   * user, changing a role or password, withdrawing consent) and logs everyone in again.
   */
  async repair(): Promise<void> {
    for (const user of this.saved) {
      await this.ds.query(
        `UPDATE users SET is_active = true, role = $2, institution_id = $3, password_hash = $4 WHERE id = $1`,
        [user.id, user.role, user.institution_id, user.password_hash],
      );
    }
    await this.ds.query(
      `INSERT INTO consents (patient_id, kind, policy_version, locale)
       SELECT $1, k.kind, '2026-01', 'en' FROM unnest(ARRAY['health_data', 'cross_border_transfer']::consent_kind[]) AS k(kind)
        WHERE NOT EXISTS (SELECT 1 FROM consents c
                           WHERE c.patient_id = $1 AND c.kind = k.kind AND c.withdrawn_at IS NULL)`,
      [this.users.patient.id],
    );
    const limits = await this.redis.keys(`${this.prefix}:login:*`);
    if (limits.length > 0) await this.redis.del(...limits);
    await this.loginEveryone();
  }

  async stop(): Promise<void> {
    this.redis?.disconnect();
    await new Promise<void>((resolve) =>
      this.server?.listening ? this.server.close(() => resolve()) : resolve(),
    );
    await this.app?.close();
    await this.db?.drop();
  }
}
