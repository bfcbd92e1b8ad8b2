import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import request from 'supertest';
import { Clock } from '@yiqiao/domain';
import type { DataSource } from 'typeorm';
import { sfuNodesKey } from '@yiqiao/contracts';
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
import { authHeader, loginAs } from '../support/auth';

export const JOIN_SECRET = 'guests-test-join-secret-0123456789';
export const GUEST_SECRET = 'guests-test-link-secret-0123456789';
export const WEB = 'https://care.yiqiao.test';
export const INVALID_LINK =
  'This invitation link is not valid or has been withdrawn. Ask the person who invited you for a new link.';

export interface GuestView {
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

/**
 * What the guest tests share: the api in-process on its own database and Redis prefix, one live SFU
 * node in the registry, an institution with a specialist, a patient (Russian, Moscow), an interpreter,
 * a coordinator, people from outside the consultation, and everyone's access token.
 */
export class GuestsWorld {
  readonly prefix = testQueuePrefix('guests');
  db!: TestDatabase;
  app!: INestApplication;
  server!: Server;
  ds!: DataSource;
  redis!: Redis;
  institutionId!: string;
  departmentId!: string;
  specialist!: UserFixture;
  patient!: UserFixture;
  interpreter!: UserFixture;
  coordinator!: UserFixture;
  readonly tokens: Record<string, string> = {};
  private slot = 0;

  async start(): Promise<void> {
    this.db = await createTestDatabase();
    this.app = await createApi(
      loadApiConfig({
        DATABASE_URL: this.db.url,
        QUEUE_PREFIX: this.prefix,
        LOG_LEVEL: 'silent',
        JOIN_TOKEN_SECRET: JOIN_SECRET,
        GUEST_LINK_SECRET: GUEST_SECRET,
        PUBLIC_WEB_URL: WEB,
      }),
    );
    await this.app.init();
    this.server = this.app.getHttpServer() as Server;
    const ds = (this.ds = this.app.get<DataSource>(getDataSourceToken()));
    this.redis = new Redis(TEST_REDIS_URL);
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
    await this.redis.hset(sfuNodesKey(this.prefix), node.nodeId, JSON.stringify(node));

    const institutionId = (this.institutionId = (await createInstitution(ds)).id);
    this.departmentId = (await createDepartment(ds, institutionId, 'urology')).id;
    await ds.query(`UPDATE departments SET name_zh = '泌尿外科' WHERE id = $1`, [this.departmentId]);
    this.specialist = await createUser(ds, 'specialist', { institutionId, fullName: 'Dr Wang Li' });
    this.patient = await createUser(ds, 'patient', {
      fullName: 'Anna Smith',
      locale: 'ru',
      timeZone: 'Europe/Moscow',
    });
    this.interpreter = await createUser(ds, 'interpreter', { institutionId });
    this.coordinator = await createUser(ds, 'coordinator', { institutionId, fullName: 'Zhou Min' });
    const people = {
      specialist: this.specialist,
      patient: this.patient,
      interpreter: this.interpreter,
      coordinator: this.coordinator,
      otherPatient: await createUser(ds, 'patient'),
      otherSpecialist: await createUser(ds, 'specialist', { institutionId }),
      otherCoordinator: await createUser(ds, 'coordinator', {
        institutionId: (await createInstitution(ds)).id,
      }),
      admin: await createUser(ds, 'admin'),
    };
    for (const [name, user] of Object.entries(people))
      this.tokens[name] = await loginAs(this.server, user.email);
  }

  async stop(): Promise<void> {
    await this.redis?.del(sfuNodesKey(this.prefix));
    this.redis?.disconnect();
    await this.app?.close();
    await this.db?.drop();
  }

  /**
   * A scheduled consultation of this cast, an hour after the previous one, with the api's clock 5
   * minutes before its start (inside everyone's join window).
   */
  newConsultation = async (): Promise<string> => {
    const consultation = await createScheduledConsultation(this.ds, {
      institutionId: this.institutionId,
      departmentId: this.departmentId,
      specialistId: this.specialist.id,
      patientId: this.patient.id,
      interpreterId: this.interpreter.id,
      createdBy: this.coordinator.id,
      startsAt: new Date(Date.now() + ++this.slot * 3600_000),
    });
    jest
      .spyOn(this.app.get(Clock), 'now')
      .mockReturnValue(new Date(consultation.startsAt.getTime() - 5 * 60_000));
    return consultation.id;
  };

  /** The api's business clock. */
  now = (): Date => this.app.get(Clock).now();

  invite = (who: string, consultationId: string, body: Record<string, unknown>) =>
    request(this.server)
      .post(`/consultations/${consultationId}/guests`)
      .set(authHeader(this.tokens[who]))
      .send(body);
}

/** The token part of a guest's invite link. */
export const tokenOf = (guest: GuestView): string => guest.inviteUrl!.split('/guest/')[1];
