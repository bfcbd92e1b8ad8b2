import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createRedis } from '@yiqiao/jobs';
import { createInterpreterQueue, type InterpreterQueue } from '@yiqiao/interpreters';
import {
  AppProcess,
  createTestDatabase,
  freePort,
  spawnApp,
  TestDatabase,
  testQueuePrefix,
  TEST_REDIS_URL,
  waitForHealthy,
} from '@yiqiao/testing';
import { createApi } from '../../apps/api/src/create-api';
import { loadApiConfig } from '../../apps/api/src/config';
import { authHeader, loginAs } from '../support/auth';
import {
  createConsultationNeedingInterpreter,
  createQualifiedInterpreter,
  createWorld,
  daysFromNow,
  eventually,
  World,
} from '../integration/interpreters-world';

jest.setTimeout(180_000);

/**
 * Several worker processes run the assignment chain at once while interpreters accept every offer they
 * get, as fast as they can. PostgreSQL's exclusion constraint must decide every race.
 */
describe('interpreter assignment under concurrency and worker crashes (worker processes, real PostgreSQL, Redis)', () => {
  let db: TestDatabase;
  let api: INestApplication;
  let ds: DataSource;
  let world: World;
  let queue: InterpreterQueue;
  let redis: ReturnType<typeof createRedis>;
  let env: Record<string, string>;
  const workers: AppProcess[] = [];
  const tokens = new Map<string, string>();

  async function startWorker(): Promise<AppProcess> {
    const port = await freePort();
    const worker = spawnApp('worker', { ...env, WORKER_PORT: String(port) });
    workers.push(worker);
    await waitForHealthy(`http://127.0.0.1:${port}/health`, worker);
    return worker;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    env = {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: testQueuePrefix('interp-e2e'),
      // Long enough that no offer expires even on a loaded machine: every race here is decided by accepts.
      INTERPRETER_OFFER_SECONDS: '30',
      INTERPRETER_RECONCILE_SECONDS: '2',
      INTERPRETER_CONCURRENCY: '4',
      LOG_LEVEL: 'warn',
    };
    // errors only: a 500 here (seen once under full-suite load, not reproduced) leaves its stack in the log
    api = await createApi(loadApiConfig({ ...env, LOG_LEVEL: 'error' }));
    await api.init();
    ds = api.get(DataSource);
    world = await createWorld(ds);
    redis = createRedis(TEST_REDIS_URL);
    queue = createInterpreterQueue(redis, env.QUEUE_PREFIX);
    await Promise.all([startWorker(), startWorker(), startWorker()]);
  });

  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await queue?.obliterate({ force: true }).catch(() => undefined);
    await queue?.close();
    await redis?.quit();
    await api?.close();
    await db?.drop();
  });

  async function interpreters(count: number, pair: [string, string]) {
    const people = [];
    for (let i = 0; i < count; i++)
      people.push(await createQualifiedInterpreter(ds, world, { pairs: [pair] }));
    for (const p of people) tokens.set(p.id, await loginAs(api, p.email));
    return people;
  }

  async function consultations(count: number, startsAt: Date, patient: string) {
    const ids = [];
    for (let i = 0; i < count; i++)
      ids.push(
        await createConsultationNeedingInterpreter(ds, world, startsAt, { patient, specialist: 'zh-cmn' }),
      );
    return ids;
  }

  /** Coordinators start all searches at once; interpreters accept every open offer until all settle. */
  async function runUntilSettled(ids: string[], duringRun: () => Promise<void> = async () => undefined) {
    const coordinator = authHeader(await loginAs(api, world.coordinator.email));
    const http = request(api.getHttpServer());
    await Promise.all(
      ids.map((id) => http.post(`/interpreter-assignments/${id}/restart`).set(coordinator).expect(202)),
    );
    const answers = new Map<number, number>();
    // Runs beside the accept loop (never blocking it), and is awaited before anything is asserted.
    const sideWork = duringRun().then(
      () => undefined,
      (error: unknown) => error,
    );
    await eventually(
      'every assignment assigned or escalated',
      async () => {
        const open: { id: string; interpreter_id: string }[] = await ds.query(
          `SELECT id, interpreter_id FROM interpreter_offers WHERE state = 'offered' AND consultation_id = ANY($1)`,
          [ids],
        );
        const statuses = await Promise.all(
          open.map(
            async (o) =>
              (
                await http
                  .post(`/interpreters/me/offers/${o.id}/accept`)
                  .set(authHeader(tokens.get(o.interpreter_id)!))
              ).status,
          ),
        );
        for (const status of statuses) answers.set(status, (answers.get(status) ?? 0) + 1);
        const [row] = await ds.query(
          `SELECT count(*) FILTER (WHERE state IN ('assigned', 'escalated'))::int AS settled FROM interpreter_assignments WHERE consultation_id = ANY($1)`,
          [ids],
        );
        return row.settled === ids.length ? true : undefined;
      },
      120_000,
    );
    const sideFailure = await sideWork;
    if (sideFailure) throw sideFailure;
    for (const status of answers.keys()) expect([200, 409, 410]).toContain(status);
    return answers;
  }

  async function expectNobodyDoubleBooked(ids: string[], interpreterIds: string[], assigned: number) {
    const rows: {
      consultation_id: string;
      state: string;
      interpreter_id: string | null;
      escalation_reasons: string[];
    }[] = await ds.query(
      `SELECT consultation_id, state, interpreter_id, escalation_reasons FROM interpreter_assignments WHERE consultation_id = ANY($1)`,
      [ids],
    );
    const holders = rows.filter((r) => r.state === 'assigned').map((r) => r.interpreter_id);
    expect(holders).toHaveLength(assigned);
    expect(new Set(holders).size).toBe(assigned);
    for (const holder of holders) expect(interpreterIds).toContain(holder);
    const escalated = rows.filter((r) => r.state === 'escalated');
    expect(escalated).toHaveLength(ids.length - assigned);
    for (const row of escalated) expect(row.escalation_reasons).toContain('all_busy');

    const live: { user_id: string; consultation_id: string }[] = await ds.query(
      `SELECT b.user_id, b.consultation_id FROM bookings b
        WHERE b.role = 'interpreter' AND b.released_at IS NULL AND b.consultation_id = ANY($1)`,
      [ids],
    );
    expect(live).toHaveLength(assigned);
    expect(new Set(live.map((b) => b.user_id)).size).toBe(assigned);
    const consultationsRows: { id: string; interpreter_id: string | null }[] = await ds.query(
      `SELECT id, interpreter_id FROM consultations WHERE id = ANY($1)`,
      [ids],
    );
    for (const booking of live) {
      expect(consultationsRows.find((c) => c.id === booking.consultation_id)?.interpreter_id).toBe(
        booking.user_id,
      );
    }
    expect(consultationsRows.filter((c) => c.interpreter_id !== null)).toHaveLength(assigned);
  }

  it('50 simultaneous consultations, 10 interpreters, 3 workers: 10 booked once each, 40 escalate', async () => {
    const people = await interpreters(10, ['ru', 'zh-cmn']);
    const ids = await consultations(50, daysFromNow(2), 'ru');
    const answers = await runUntilSettled(ids);

    await expectNobodyDoubleBooked(
      ids,
      people.map((p) => p.id),
      10,
    );
    expect(answers.get(200)).toBeGreaterThanOrEqual(10);
    const completed = await queue.getJobs(['completed'], 0, 1000);
    const processes = new Set(completed.map((job) => job.processedBy).filter(Boolean));
    expect(processes.size).toBeGreaterThan(1);
  });

  it('a worker killed (SIGKILL) mid-assignment loses nothing and books nobody twice', async () => {
    const people = await interpreters(5, ['ja', 'zh-cmn']);
    const ids = await consultations(20, daysFromNow(3), 'ja');
    let killedWhileActive = false;
    await runUntilSettled(ids, async () => {
      // Find a process holding a job right now and kill it without warning, then start a fresh one.
      const deadline = Date.now() + 5_000;
      let victim: AppProcess | undefined;
      while (!victim && Date.now() < deadline) {
        const active = await queue.getJobs(['active']);
        const pids = active.map((job) => Number(job.processedBy?.replace('worker-', '')));
        victim = workers.find(
          (w) => w.child.exitCode === null && w.child.signalCode === null && pids.includes(w.child.pid ?? -1),
        );
        killedWhileActive = Boolean(victim);
      }
      victim ??= workers.find((w) => w.child.exitCode === null && w.child.signalCode === null);
      await victim!.stop('SIGKILL');
      await startWorker();
    });

    await expectNobodyDoubleBooked(
      ids,
      people.map((p) => p.id),
      5,
    );
    // Printed, not asserted: whether the kill landed while that process held a job is down to timing.
    process.stdout.write(`SIGKILL landed while the worker held a job: ${killedWhileActive}\n`);
  });
});
