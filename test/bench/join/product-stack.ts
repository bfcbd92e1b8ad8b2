import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { createDatabaseIfMissing, dataSourceOptions, dropDatabase, runMigrations } from '@yiqiao/persistence';
import {
  AppProcess,
  createDepartment,
  createInstitution,
  createScheduledConsultation,
  createUser,
  FIXTURE_PASSWORD,
  freePort,
  UserFixture,
  waitForHealthy,
} from '@yiqiao/testing';
import { startWebServer, type WebServer } from '../../../infra/dev/web-server';
import { spawnApp } from '@yiqiao/testing';
import { benchDatabaseUrl, benchPrefix, BENCH_REDIS_URL } from '../support/bench-env';
import { deleteRedisPrefix } from '../support/redis-cleanup';

const ROOT = path.resolve(__dirname, '../../../..');
const PAGE_CONFIG = path.join(ROOT, 'test/bench/join/product-page/vite.config.mts');
const PAGE_OUT = path.join(ROOT, 'test/bench/.cache/product-page');
const RTC_PORTS = { min: 31000, max: 31499 };

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

export interface ProductStack {
  pageUrl: string;
  consultationId: string;
  specialist: TokenPair;
  patient: TokenPair;
  stop(): Promise<void>;
}

/** Bundles the bench page around the web app's own call client (apps/web/src/call). */
function buildPage(): void {
  const args = ['vite', 'build', '--config', PAGE_CONFIG];
  if (spawnSync('npx', args, { cwd: ROOT, stdio: 'inherit' }).status !== 0)
    throw new Error('could not build the product join page');
}

async function login(apiUrl: string, user: UserFixture): Promise<TokenPair> {
  const response = await fetch(`${apiUrl}/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: FIXTURE_PASSWORD }),
  });
  if (!response.ok)
    throw new Error(`login of ${user.role}: HTTP ${response.status} ${await response.text()}`);
  const { accessToken, refreshToken } = (await response.json()) as TokenPair;
  return { accessToken, refreshToken };
}

/**
 * The product path on a database of its own: the api and the sfu as processes (as deployed), one
 * consultation with a specialist and a patient who are logged in, and the bench page served with a
 * /config.json pointing at the api.
 */
export async function startProductStack(): Promise<ProductStack> {
  buildPage();
  const databaseUrl = benchDatabaseUrl('join');
  const prefix = benchPrefix('join');
  const apps: AppProcess[] = [];
  let dataSource: DataSource | undefined;
  let web: WebServer | undefined;
  const stop = async () => {
    await web?.close();
    await Promise.all(apps.map((app) => app.stop()));
    await dataSource?.destroy();
    await dropDatabase(databaseUrl);
    await deleteRedisPrefix(BENCH_REDIS_URL, prefix);
  };
  try {
    await createDatabaseIfMissing(databaseUrl);
    await runMigrations(databaseUrl);
    dataSource = new DataSource(dataSourceOptions(databaseUrl, { poolSize: 2 }));
    await dataSource.initialize();
    const institutionId = (await createInstitution(dataSource)).id;
    const departmentId = (await createDepartment(dataSource, institutionId)).id;
    const specialist = await createUser(dataSource, 'specialist', { institutionId });
    const patient = await createUser(dataSource, 'patient');
    const coordinator = await createUser(dataSource, 'coordinator', { institutionId });
    const { id: consultationId } = await createScheduledConsultation(dataSource, {
      institutionId,
      departmentId,
      specialistId: specialist.id,
      patientId: patient.id,
      createdBy: coordinator.id,
      startsAt: new Date(Date.now() + 5 * 60_000),
    });

    const [apiPort, sfuPort] = [await freePort(), await freePort()];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const sfuUrl = `http://127.0.0.1:${sfuPort}`;
    const common = {
      DATABASE_URL: databaseUrl,
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: prefix,
      JOIN_TOKEN_SECRET: `join-bench-secret-${prefix}`,
    };
    apps.push(spawnApp('api', { ...common, API_PORT: String(apiPort) }));
    apps.push(
      spawnApp('sfu', {
        ...common,
        SFU_PORT: String(sfuPort),
        SFU_PUBLIC_URL: sfuUrl,
        SFU_NODE_ID: `join-bench-${sfuPort}`,
        MEDIASOUP_NUM_WORKERS: '1',
        RTC_MIN_PORT: String(RTC_PORTS.min),
        RTC_MAX_PORT: String(RTC_PORTS.max),
      }),
    );
    await Promise.all([
      waitForHealthy(`${apiUrl}/health`, apps[0]),
      waitForHealthy(`${sfuUrl}/health`, apps[1]),
    ]);
    web = await startWebServer({ root: PAGE_OUT, host: '127.0.0.1', port: await freePort(), apiUrl });
    return {
      pageUrl: `${web.url}/`,
      consultationId,
      specialist: await login(apiUrl, specialist),
      patient: await login(apiUrl, patient),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
