import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { ROOM_EVENTS_QUEUE, sfuNodesKey } from '@yiqiao/contracts';
import type { RoomEventJob, RoomEventKind, RoomQueueJob } from '@yiqiao/contracts';
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
  TestDatabase,
  UserFixture,
} from '@yiqiao/testing';
import { loadApiConfig } from '../../apps/api/src/config';
import { createApi } from '../../apps/api/src/create-api';
import { loadWorkerConfig } from '../../apps/worker/src/config';
import { createWorker } from '../../apps/worker/src/create-worker';
import { authHeader, loginAs } from '../support/auth';
import { addWeeklyRules, EVERY_DAY } from './scheduling-fixtures';

type Cast = 'patient' | 'specialist' | 'interpreter' | 'coordinator';

/**
 * The api and the worker in-process on one database and Redis prefix, one cast (patient, specialist,
 * interpreter, coordinator of the hospital), and a clock both apps read that the test sets.
 * Consultations are made at explicit instants; nothing here depends on when the suite runs.
 */
export class TimeRulesWorld {
  readonly prefix = testQueuePrefix('time-rules');
  db!: TestDatabase;
  api!: INestApplication;
  worker!: INestApplication;
  ds!: DataSource;
  redis!: Redis;
  events!: Queue<RoomQueueJob>;
  server!: Server;
  institutionId!: string;
  departmentId!: string;
  people = {} as Record<Cast, UserFixture>;
  tokens = {} as Record<Cast, string>;

  async start(): Promise<void> {
    this.db = await createTestDatabase();
    const env = { DATABASE_URL: this.db.url, QUEUE_PREFIX: this.prefix, LOG_LEVEL: 'silent' };
    this.api = await createApi(loadApiConfig(env));
    await this.api.init();
    this.worker = await createWorker(loadWorkerConfig({ ...env, CONSULTATION_WINDOW_SWEEP_SECONDS: '1' }));
    this.ds = this.api.get<DataSource>(getDataSourceToken());
    this.server = this.api.getHttpServer() as Server;
    this.redis = new Redis(TEST_REDIS_URL);
    this.events = new Queue(ROOM_EVENTS_QUEUE, { connection: { url: TEST_REDIS_URL }, prefix: this.prefix });
    this.institutionId = (await createInstitution(this.ds)).id;
    this.departmentId = (await createDepartment(this.ds, this.institutionId)).id;
    for (const role of ['patient', 'specialist', 'interpreter', 'coordinator'] as const) {
      this.people[role] = await createUser(this.ds, role, {
        institutionId: role === 'patient' ? null : this.institutionId,
      });
      this.tokens[role] = await loginAs(this.server, this.people[role].email);
    }
    // one live SFU node, fresh for the whole file
    await addSpecialistToDepartment(this.ds, this.people.specialist.id, this.departmentId);
    await addWeeklyRules(this.ds, this.people.specialist.id, [
      { weekdays: EVERY_DAY, start: '08:00', end: '18:00' },
    ]);
    const node = { nodeId: 'sfu-t', url: 'http://127.0.0.1:3999', rooms: 0, peers: 0, consumers: 0 };
    await this.redis.hset(
      sfuNodesKey(this.prefix),
      node.nodeId,
      JSON.stringify({ ...node, workersAlive: 2, workerCpuPercent: 0, updatedAt: Date.now() + 3600_000 }),
    );
    this.setNow('2026-12-01T00:00:00Z');
    await this.worker.init();
  }

  async stop(): Promise<void> {
    await this.events.obliterate({ force: true });
    await this.events.close();
    await this.redis.del(sfuNodesKey(this.prefix));
    this.redis.disconnect();
    await this.worker.close();
    await this.api.close();
    await this.db.drop();
  }

  /** Both apps' business clock (the host clock, which tokens and Redis use, is untouched). */
  setNow(at: string | Date): void {
    const instant = new Date(at);
    for (const app of [this.api, this.worker].filter(Boolean))
      jest.spyOn(app.get(Clock), 'now').mockReturnValue(instant);
  }

  /** A 30-minute consultation of the cast at an explicit instant, with the interpreter. */
  async consultation(startsAt: string): Promise<string> {
    const made = await createScheduledConsultation(this.ds, {
      institutionId: this.institutionId,
      departmentId: this.departmentId,
      specialistId: this.people.specialist.id,
      patientId: this.people.patient.id,
      interpreterId: this.people.interpreter.id,
      createdBy: this.people.coordinator.id,
      startsAt: new Date(startsAt),
    });
    return made.id;
  }

  join(who: Cast, consultationId: string): request.Test {
    return request(this.server)
      .post(`/consultations/${consultationId}/join`)
      .set(authHeader(this.tokens[who]));
  }

  joinView(consultationId: string): request.Test {
    return request(this.server)
      .get(`/consultations/${consultationId}`)
      .set(authHeader(this.tokens.patient))
      .expect(200);
  }

  reschedule(who: Cast, consultationId: string, body: Record<string, unknown>): request.Test {
    return request(this.server)
      .post(`/consultations/${consultationId}/reschedule`)
      .set(authHeader(this.tokens[who]))
      .send(body);
  }

  startNow(who: Cast, consultationId: string, reason: unknown): request.Test {
    return request(this.server)
      .post(`/consultations/${consultationId}/start-now`)
      .set(authHeader(this.tokens[who]))
      .send({ reason });
  }

  /** What the SFU would report, at an explicit instant. */
  async roomEvent(consultationId: string, kind: RoomEventKind, who: Cast, at: string, subject?: Cast) {
    const person = this.people[who];
    const job: RoomEventJob = {
      type: 'room-event',
      kind,
      eventId: randomUUID(),
      consultationId,
      userId: person.id,
      role: who,
      displayName: `Test ${who}`,
      occurredAt: new Date(at).toISOString(),
      sfuNodeId: 'sfu-t',
      subjectUserId: subject ? this.people[subject].id : undefined,
    };
    await this.events.add(job.type, job, { jobId: job.eventId });
    return job;
  }

  async row(consultationId: string): Promise<Record<string, unknown>> {
    const [row] = await this.ds.query(
      `SELECT status, started_at, ended_at, end_cause, no_show_party, opened_early_at, opened_early_reason
         FROM consultations WHERE id = $1`,
      [consultationId],
    );
    return row;
  }

  async roomEventKinds(consultationId: string): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT kind FROM consultation_room_events WHERE consultation_id = $1 ORDER BY occurred_at, recorded_at`,
      [consultationId],
    )) as { kind: string }[];
    return rows.map((r) => r.kind);
  }
}
