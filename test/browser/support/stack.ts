import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@yiqiao/persistence';
import {
  AppProcess,
  createTestDatabase,
  freePort,
  shiftDate,
  spawnApp,
  testClockOffset,
  TestDatabase,
  testQueuePrefix,
  waitForHealthy,
} from '@yiqiao/testing';
import { startWebServer, type WebServer } from '../../../infra/dev/web-server';

const ROOT = path.resolve(__dirname, '../../..');

/** Debian's Chromium with a fake camera and microphone; never a downloaded browser. */
export async function launchChromium(): Promise<Browser> {
  return withTestClock(await launchPlainChromium());
}

/** Every page of a run moved to another instant (YIQIAO_TEST_NOW) sees that instant too. */
function withTestClock(browser: Browser): Browser {
  const offset = testClockOffset();
  if (offset === 0) return browser;
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript({ content: `(${shiftDate.toString()})(globalThis, ${offset});` });
    return context;
  };
  return browser;
}

function launchPlainChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream=fps=30',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export interface Stack {
  db: TestDatabase;
  dataSource: DataSource;
  webUrl: string;
  apiUrl: string;
  apps: AppProcess[];
  /** Stops the SFU process; `start` brings up a fresh one with the same node id, port and Redis prefix. */
  sfu: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

/** api, sfu and worker as processes on one fresh database and queue prefix, plus the built web app. */
/** Builds the web app if `npm test` has not already (apps/web/build.sh). */
export function ensureWebBuild(): string {
  const dist = path.join(ROOT, 'apps/web/dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    const build = spawnSync('bash', ['apps/web/build.sh'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('apps/web/build.sh failed');
  }
  return dist;
}

export async function startStack(): Promise<Stack> {
  ensureWebBuild();
  const db = await createTestDatabase();
  const dataSource = new DataSource(dataSourceOptions(db.url, { poolSize: 2 }));
  await dataSource.initialize();
  const [apiPort, sfuPort, workerPort, rtcMin] = [
    await freePort(),
    await freePort(),
    await freePort(),
    43000,
  ];
  const common = {
    DATABASE_URL: db.url,
    QUEUE_PREFIX: testQueuePrefix('web'),
    JOIN_TOKEN_SECRET: 'browser-test-join-secret-0123',
  };
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const sfuEnv = {
    ...common,
    SFU_PORT: String(sfuPort),
    SFU_PUBLIC_URL: `http://127.0.0.1:${sfuPort}`,
    SFU_NODE_ID: `web-test-${sfuPort}`,
    MEDIASOUP_NUM_WORKERS: '1',
    RTC_MIN_PORT: String(rtcMin + (sfuPort % 1000) * 5),
    RTC_MAX_PORT: String(rtcMin + (sfuPort % 1000) * 5 + 400),
  };
  const apps = [
    spawnApp('api', { ...common, API_PORT: String(apiPort) }),
    spawnApp('sfu', sfuEnv),
    spawnApp('worker', { ...common, WORKER_PORT: String(workerPort) }),
  ];
  let web: WebServer;
  try {
    await Promise.all([
      waitForHealthy(`${apiUrl}/health`, apps[0]),
      waitForHealthy(`http://127.0.0.1:${sfuPort}/health`, apps[1]),
      waitForHealthy(`http://127.0.0.1:${workerPort}/health`, apps[2]),
    ]);
    web = await startWebServer({
      root: path.join(ROOT, 'apps/web/dist'),
      host: '127.0.0.1',
      port: await freePort(),
      apiUrl,
    });
  } catch (error) {
    // a half-started stack must not outlive the test run
    await Promise.all(apps.map((app) => app.stop()));
    await dataSource.destroy();
    await db.drop();
    throw error;
  }
  return {
    db,
    dataSource,
    webUrl: web.url,
    apiUrl,
    apps,
    sfu: {
      async stop() {
        await apps[1].stop();
      },
      async start() {
        apps[1] = spawnApp('sfu', sfuEnv);
        await waitForHealthy(`http://127.0.0.1:${sfuPort}/health`, apps[1]);
      },
    },
    async stop() {
      await web.close();
      await Promise.all(apps.map((app) => app.stop()));
      await dataSource.destroy();
      await db.drop();
    },
  };
}
