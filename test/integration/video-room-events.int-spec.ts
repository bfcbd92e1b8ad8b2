import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { ROOM_EVENTS_QUEUE } from '@yiqiao/contracts';
import type { ChatMessageJob, RoomEventJob, RoomEventKind, RoomQueueJob } from '@yiqiao/contracts';
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
import { loadWorkerConfig } from '../../apps/worker/src/config';
import { createWorker } from '../../apps/worker/src/create-worker';

async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('room events from the sfu reach the consultation record (worker processor, real PostgreSQL + Redis)', () => {
  const prefix = testQueuePrefix('room-events');
  let db: TestDatabase;
  let worker: INestApplication;
  let ds: DataSource;
  let queue: Queue<RoomQueueJob>;
  let specialist: UserFixture;
  let patient: UserFixture;
  let consultationId: string;

  const event = (kind: RoomEventKind, who: UserFixture, at: string, subject?: string): RoomEventJob => ({
    type: 'room-event',
    kind,
    eventId: randomUUID(),
    consultationId,
    userId: who.id,
    role: who.role as RoomEventJob['role'],
    displayName: `Test ${who.role}`,
    occurredAt: at,
    sfuNodeId: 'sfu-test',
    subjectUserId: subject,
  });
  const send = (job: RoomQueueJob) => queue.add(job.type, job, { jobId: job.eventId });
  const status = async () =>
    (
      await ds.query(`SELECT status, started_at, ended_at FROM consultations WHERE id = $1`, [consultationId])
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    worker = await createWorker(
      loadWorkerConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: prefix, LOG_LEVEL: 'silent' }),
    );
    await worker.init();
    ds = worker.get<DataSource>(getDataSourceToken());
    queue = new Queue(ROOM_EVENTS_QUEUE, { connection: { url: TEST_REDIS_URL }, prefix });
    const institutionId = (await createInstitution(ds)).id;
    specialist = await createUser(ds, 'specialist', { institutionId });
    patient = await createUser(ds, 'patient');
    consultationId = (
      await createScheduledConsultation(ds, {
        institutionId,
        departmentId: (await createDepartment(ds, institutionId)).id,
        specialistId: specialist.id,
        patientId: patient.id,
        createdBy: specialist.id,
        // the events below happen at these explicit instants, inside the join window
        startsAt: new Date('2026-11-22T08:10:00.000Z'),
      })
    ).id;
  });

  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await worker.close();
    await db.drop();
  });

  it('walks the consultation through waiting, in progress and completed, with audit events and duration', async () => {
    await send(event('joined', specialist, '2026-11-22T08:00:00.000Z'));
    const patientJoined = event('joined', patient, '2026-11-22T08:00:05.000Z');
    await send(patientJoined);
    await until(async () => (await status()).status === 'waiting', 'status waiting');

    await send(event('admitted', specialist, '2026-11-22T08:00:30.000Z', patient.id));
    await send(event('started', specialist, '2026-11-22T08:00:30.000Z'));
    const started = await until(async () => {
      const row = await status();
      return row.status === 'in_progress' && row;
    }, 'status in_progress');
    expect(started.started_at.toISOString()).toBe('2026-11-22T08:00:30.000Z');

    await send(event('left', patient, '2026-11-22T08:20:00.000Z'));
    await send(event('ended', specialist, '2026-11-22T08:25:30.000Z'));
    const ended = await until(async () => {
      const row = await status();
      return row.status === 'completed' && row;
    }, 'status completed');
    expect(ended.ended_at.toISOString()).toBe('2026-11-22T08:25:30.000Z');

    const audits = await ds.query(
      `SELECT action, actor_id, details FROM audit_events WHERE entity_id = $1 AND action LIKE 'video.%' ORDER BY id`,
      [consultationId],
    );
    expect(audits.map((a: { action: string }) => a.action)).toEqual([
      'video.joined',
      'video.joined',
      'video.admitted',
      'video.started',
      'video.left',
      'video.ended',
    ]);
    expect(audits[2].details.subjectUserId).toBe(patient.id);
    expect(audits[5].details).toMatchObject({
      status: 'completed',
      previousStatus: 'in_progress',
      durationSeconds: 1500,
    });
    const events = await ds.query(
      `SELECT kind, participant_id FROM consultation_room_events WHERE consultation_id = $1 ORDER BY occurred_at, kind`,
      [consultationId],
    );
    expect(events).toHaveLength(6);

    // a redelivered job (same event id) is stored once
    await queue.add('again', patientJoined, { jobId: `${patientJoined.eventId}-redelivery` });
    const marker = event('left', specialist, '2026-11-22T08:26:00.000Z');
    await send(marker);
    await until(
      async () =>
        (await ds.query(`SELECT 1 FROM consultation_room_events WHERE id = $1`, [marker.eventId])).length ===
        1,
      'marker event',
    );
    const joinedRows = await ds.query(
      `SELECT count(*)::int AS n FROM consultation_room_events WHERE id = $1`,
      [patientJoined.eventId],
    );
    expect(joinedRows[0].n).toBe(1);
  });

  it('stores chat messages with the consultation', async () => {
    const chat: ChatMessageJob = {
      type: 'chat-message',
      eventId: randomUUID(),
      consultationId,
      userId: patient.id,
      role: 'patient',
      displayName: 'Anna',
      occurredAt: '2026-11-22T08:10:00.000Z',
      sfuNodeId: 'sfu-test',
      body: '我的检查报告已经上传 — report uploaded',
    };
    const job = await send(chat);
    await until(async () => (await job.getState()) === 'completed', 'chat job');
    const rows = await ds.query(
      `SELECT sender_id, sender_role, body, sent_at FROM consultation_chat_messages WHERE consultation_id = $1`,
      [consultationId],
    );
    expect(rows).toEqual([
      { sender_id: patient.id, sender_role: 'patient', body: chat.body, sent_at: new Date(chat.occurredAt) },
    ]);
  });

  it('fails a job for an unknown consultation without retrying it forever', async () => {
    const stray = { ...event('joined', patient, '2026-11-22T09:00:00.000Z'), consultationId: randomUUID() };
    const job = await send(stray);
    await until(async () => (await job.getState()) === 'failed', 'failed job');
    const failed = await queue.getJob(job.id!);
    expect(failed?.failedReason).toMatch(/does not exist/);
    expect(failed?.attemptsMade).toBe(1);
  });
});
