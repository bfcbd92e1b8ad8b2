import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '@yiqiao/domain';
import { ConsultationHooks, type ConsultationChangeKind } from '@yiqiao/persistence';
import { createTestDatabase, freePort, TestDatabase, testQueuePrefix } from '@yiqiao/testing';
import { createApi } from '../../apps/api/src/create-api';
import { loadApiConfig } from '../../apps/api/src/config';
import { createWorker } from '../../apps/worker/src/create-worker';
import { loadWorkerConfig } from '../../apps/worker/src/config';
import { loginAs } from '../support/auth';
import { assignmentOf, createWorld, eventually, offersOf, World } from './interpreters-world';

/**
 * The api and the worker in-process on one test database and queue prefix, with the helpers the
 * interpreter assignment tests share. Offer deadlines come from the INTERPRETER_* env set by the file.
 */
export class InterpreterStack {
  api!: INestApplication;
  worker!: INestApplication;
  ds!: DataSource;
  world!: World;
  coordinatorToken!: string;
  private db!: TestDatabase;

  async start(): Promise<this> {
    this.db = await createTestDatabase();
    const env = { DATABASE_URL: this.db.url, QUEUE_PREFIX: testQueuePrefix('interp'), LOG_LEVEL: 'silent' };
    this.api = await createApi(loadApiConfig(env));
    await this.api.init();
    this.worker = await createWorker(loadWorkerConfig({ ...env, WORKER_PORT: String(await freePort()) }));
    await this.worker.init();
    this.ds = this.api.get(DataSource);
    this.world = await createWorld(this.ds);
    this.coordinatorToken = await loginAs(this.api, this.world.coordinator.email);
    return this;
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.api?.close();
    await this.db?.drop();
  }

  http() {
    return request(this.api.getHttpServer());
  }

  /**
   * Sets the business clock of both apps to `at`; from there it moves on with real time, so offer
   * timeouts still fire after their (real) delay. Every rule that reads "now" sees this instant.
   */
  setClock(at: Date): void {
    const setAt = Date.now();
    for (const app of [this.api, this.worker]) {
      jest.spyOn(app.get(Clock), 'now').mockImplementation(() => new Date(at.getTime() + Date.now() - setAt));
    }
  }

  /** The business clock's reading (the same in both apps). */
  now(): Date {
    return this.api.get(Clock).now();
  }

  /**
   * What the scheduling service (api) or the room-event recorder and window-closing job (worker) do:
   * run the consultation hooks in its transaction, then after commit.
   */
  async consultationChanged(
    consultationId: string,
    kind: ConsultationChangeKind,
    on: 'api' | 'worker' = 'api',
  ): Promise<void> {
    const hooks = (on === 'api' ? this.api : this.worker).get(ConsultationHooks);
    const work = await this.ds.transaction((m) =>
      hooks.runInTransaction(m, { kind, consultationId, actorId: this.world.coordinator.id }),
    );
    await hooks.runAfterCommit(work, (error) => {
      throw error;
    });
  }

  openOffer(consultationId: string, interpreterId?: string) {
    return eventually(`an open offer on ${consultationId}`, async () =>
      (await offersOf(this.ds, consultationId)).find(
        (o) => o.state === 'offered' && (!interpreterId || o.interpreter_id === interpreterId),
      ),
    );
  }

  assignmentIn(consultationId: string, state: string) {
    return eventually(`assignment ${state}`, async () => {
      const row = await assignmentOf(this.ds, consultationId);
      return row?.state === state ? row : undefined;
    });
  }
}
