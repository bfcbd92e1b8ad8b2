import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Logger } from 'nestjs-pino';
import type { DataSource } from 'typeorm';
import {
  createDepartment,
  createInstitution,
  createScheduledConsultation,
  createTestDatabase,
  createUser,
  freePort,
  testQueuePrefix,
  TestDatabase,
  UserFixture,
} from '@yiqiao/testing';
import { loadApiConfig } from '../../../apps/api/src/config';
import { createApi } from '../../../apps/api/src/create-api';
import { VideoJoinService } from '../../../apps/api/src/video/video-join.service';
import { loadSfuConfig } from '../../../apps/sfu/src/config';
import { createSfu } from '../../../apps/sfu/src/create-sfu';
import { loadWorkerConfig } from '../../../apps/worker/src/config';
import { createWorker } from '../../../apps/worker/src/create-worker';
import { ClientEvent } from '@yiqiao/contracts';
import { Clock } from '@yiqiao/domain';
import { eventually, expectMediaFlowing, SfuTestPeer } from './sfu-test-peer';

export const JOIN_TOKEN_SECRET = 'sfu-e2e-join-token-secret-0123456789';
export const SFU_NODE_ID = 'sfu-e2e';

export interface Cast {
  specialist: UserFixture;
  patient: UserFixture;
  interpreter: UserFixture;
  coordinator: UserFixture;
}

/**
 * The real stack in this process: the api (join tokens, node pinning), the sfu (real mediasoup
 * workers, socket.io over TCP on loopback) and the worker (room events into PostgreSQL), one test
 * database and one Redis prefix.
 */
export class SfuStack {
  sfuUrl = '';
  private constructor(
    readonly db: TestDatabase,
    readonly api: INestApplication,
    readonly sfu: INestApplication,
    readonly worker: INestApplication,
    readonly ds: DataSource,
    readonly cast: Cast,
    readonly institutionId: string,
    readonly departmentId: string,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<SfuStack> {
    const db = await createTestDatabase();
    const common = {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: testQueuePrefix('sfu'),
      LOG_LEVEL: 'silent',
      JOIN_TOKEN_SECRET,
    };
    const port = await freePort();
    const worker = await createWorker(loadWorkerConfig(common));
    worker.useLogger(worker.get(Logger)); // as runApp does: pino at LOG_LEVEL (silent here)
    await worker.init();
    const sfu = await createSfu(
      loadSfuConfig({
        ...common,
        SFU_PORT: String(port),
        SFU_NODE_ID,
        SFU_PUBLIC_URL: `http://127.0.0.1:${port}`,
        MEDIASOUP_NUM_WORKERS: '2',
        ...env,
      }),
    );
    sfu.useLogger(sfu.get(Logger));
    await sfu.listen(port, '127.0.0.1');
    const api = await createApi(loadApiConfig(common));
    api.useLogger(api.get(Logger));
    await api.init();
    const ds = api.get<DataSource>(getDataSourceToken());
    const institutionId = (await createInstitution(ds)).id;
    const departmentId = (await createDepartment(ds, institutionId)).id;
    const cast: Cast = {
      specialist: await createUser(ds, 'specialist', { institutionId, fullName: 'Dr Wang Li' }),
      patient: await createUser(ds, 'patient', { fullName: 'Anna Smith' }),
      interpreter: await createUser(ds, 'interpreter', { institutionId, fullName: 'Chen Yu' }),
      coordinator: await createUser(ds, 'coordinator', { institutionId, fullName: 'Zhou Min' }),
    };
    const stack = new SfuStack(db, api, sfu, worker, ds, cast, institutionId, departmentId);
    stack.sfuUrl = `http://127.0.0.1:${port}`;
    return stack;
  }

  private slot = 0;

  async consultation(): Promise<string> {
    const { specialist, patient, interpreter, coordinator } = this.cast;
    const created = await createScheduledConsultation(this.ds, {
      institutionId: this.institutionId,
      departmentId: this.departmentId,
      specialistId: specialist.id,
      patientId: patient.id,
      interpreterId: interpreter.id,
      createdBy: coordinator.id,
      startsAt: new Date(Date.now() + ++this.slot * 3600_000),
    });
    this.moveClockTo(new Date(created.startsAt.getTime() - 5 * 60_000));
    return created.id;
  }

  /**
   * The api, worker and sfu clocks, 5 minutes before the newest consultation's start (inside
   * everyone's join window) and running on from there.
   */
  private moveClockTo(instant: Date): void {
    const offset = instant.getTime() - Date.now();
    for (const app of [this.api, this.worker, this.sfu])
      jest.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date(Date.now() + offset));
  }

  /** A join token exactly as `POST /consultations/:id/join` issues it. */
  async joinToken(consultationId: string, user: UserFixture): Promise<string> {
    const join = await this.api.get(VideoJoinService).mintJoin(consultationId, user);
    if (join.sfuUrl !== this.sfuUrl) throw new Error(`pinned to ${join.sfuUrl}, expected ${this.sfuUrl}`);
    return join.token;
  }

  private readonly peers: SfuTestPeer[] = [];

  /** A cast member connected with a join token as the api issues it; `stop` closes it. */
  async connect(consultationId: string, who: keyof Cast): Promise<SfuTestPeer> {
    return this.connectWith(consultationId, await this.joinToken(consultationId, this.cast[who]));
  }

  /** Someone connected with the given join token (e.g. a guest's); `stop` closes it. */
  async connectWith(consultationId: string, token: string): Promise<SfuTestPeer> {
    const peer = await SfuTestPeer.connect(this.sfuUrl, consultationId, token);
    this.peers.push(peer);
    return peer;
  }

  /** The usual start: the specialist sends media, admits the patient, and media flows both ways. */
  async callInProgress(consultationId: string): Promise<{ specialist: SfuTestPeer; patient: SfuTestPeer }> {
    const specialist = await this.connect(consultationId, 'specialist');
    await specialist.join();
    await specialist.startMedia();
    const patient = await this.connect(consultationId, 'patient');
    await patient.join();
    await specialist.call(ClientEvent.Admit, { userId: this.cast.patient.id });
    await eventually(() => patient.mediaRounds === 1, 'patient media after admission');
    await expectMediaFlowing([specialist, patient]);
    return { specialist, patient };
  }

  async stop(): Promise<void> {
    await Promise.all(this.peers.map((p) => p.close()));
    await this.sfu.close();
    await this.api.close();
    await this.worker.close();
    await this.db.drop();
  }
}
