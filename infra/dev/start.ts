import 'reflect-metadata';
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { DataSource } from 'typeorm';
import {
  createDatabaseIfMissing,
  dataSourceOptions,
  DEMO_PASSWORD,
  DEMO_USERS,
  runMigrations,
  seedDemo,
} from '@yiqiao/persistence';
import { DEMO_SEED_STEPS } from './demo-seed-steps';

/**
 * `npm start`: local services, database, migrations, demo data, then every app as its own process
 * with prefixed output. Ctrl-C (or SIGTERM) stops them all and waits for each to shut down.
 */
const ROOT = path.resolve(__dirname, '../../..');
const env = { ...process.env };
const databaseUrl = env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/yiqiao';
const ports = {
  api: env.API_PORT ?? '3000',
  sfu: env.SFU_PORT ?? '3100',
  worker: env.WORKER_PORT ?? '3200',
  mail: env.MAIL_CATCHER_HTTP_PORT ?? '1080',
  web: new URL(env.PUBLIC_WEB_URL ?? 'http://localhost:5173').port || '5173',
};

interface Service {
  name: string;
  command: string[];
  health: string;
  extraEnv?: Record<string, string>;
}

const services: Service[] = [
  {
    name: 'mail',
    command: ['dist/infra/dev/mail-catcher.js'],
    health: `http://127.0.0.1:${ports.mail}/health`,
  },
  { name: 'api', command: ['dist/apps/api/src/main.js'], health: `http://127.0.0.1:${ports.api}/health` },
  { name: 'sfu', command: ['dist/apps/sfu/src/main.js'], health: `http://127.0.0.1:${ports.sfu}/health` },
  {
    name: 'worker',
    command: ['dist/apps/worker/src/main.js'],
    health: `http://127.0.0.1:${ports.worker}/health`,
  },
  {
    name: 'web',
    command: ['dist/infra/dev/web-server.js'],
    health: `http://127.0.0.1:${ports.web}/config.json`,
    extraEnv: { WEB_PORT: ports.web, API_PUBLIC_URL: `http://127.0.0.1:${ports.api}` },
  },
];

const children: ChildProcess[] = [];
let stopping = false;

function prefixLines(name: string, stream: NodeJS.ReadableStream, out: NodeJS.WritableStream): void {
  let buffered = '';
  stream.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) out.write(`[${name.padEnd(6)}] ${line}\n`);
  });
}

function startService(service: Service): ChildProcess {
  const child = spawn(process.execPath, ['--enable-source-maps', ...service.command], {
    cwd: ROOT,
    env: { ...env, DATABASE_URL: databaseUrl, ...service.extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(service.name, child.stdout!, process.stdout);
  prefixLines(service.name, child.stderr!, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start ] ${service.name} exited (${signal ?? code}); stopping the stack`);
      void stopAll(1);
    }
  });
  children.push(child);
  return child;
}

async function waitHealthy(service: Service, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(service.health)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${service.name} did not become healthy at ${service.health}`);
}

async function stopAll(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\n[start ] stopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 12_000).unref();
        }),
    ),
  );
  console.log('[start ] stopped');
  process.exit(code);
}

async function prepareDatabase(): Promise<void> {
  if (await createDatabaseIfMissing(databaseUrl))
    console.log(`[start ] created database ${new URL(databaseUrl).pathname.slice(1)}`);
  const applied = await runMigrations(databaseUrl);
  console.log(`[start ] migrations: ${applied.length ? applied.join(', ') : 'up to date'}`);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl, { poolSize: 2 }));
  await dataSource.initialize();
  try {
    await seedDemo(dataSource, DEMO_SEED_STEPS);
  } finally {
    await dataSource.destroy();
  }
  console.log('[start ] demo data loaded');
}

function printWelcome(): void {
  const line = '─'.repeat(72);
  const logins = DEMO_USERS.filter((u, i, all) => all.findIndex((o) => o.role === u.role) === i);
  console.log(`\n${line}\nYiqiao 医桥 is running\n`);
  console.log(`  Web app      ${env.PUBLIC_WEB_URL ?? 'http://localhost:5173'}`);
  console.log(`  API          http://127.0.0.1:${ports.api}   (OpenAPI: http://127.0.0.1:${ports.api}/docs)`);
  console.log(`  SFU          http://127.0.0.1:${ports.sfu}   (metrics: /metrics)`);
  console.log(`  Worker       http://127.0.0.1:${ports.worker}/health`);
  console.log(`  Mail         http://127.0.0.1:${ports.mail}   (every e-mail the stack sends; SMTP on 1025)`);
  console.log(`\n  Demo logins (password for all: ${DEMO_PASSWORD})`);
  for (const u of logins) console.log(`    ${u.role.padEnd(12)} ${u.email}`);
  console.log(`    … and every other address in libs/persistence/src/seed/demo-data.ts`);
  console.log(`\n  Ctrl-C stops everything.\n${line}\n`);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const services_ = spawnSync('bash', ['infra/services.sh'], { cwd: ROOT, stdio: 'inherit' });
  if (services_.status !== 0) process.exit(1);
  await prepareDatabase();
  const web = spawnSync('bash', ['apps/web/build.sh'], { cwd: ROOT, stdio: 'inherit' });
  if (web.status !== 0) process.exit(1);
  for (const service of services) startService(service);
  await Promise.all(services.map((s) => waitHealthy(s)));
  printWelcome();
}

main().catch((error: unknown) => {
  console.error('[start ] failed:', error instanceof Error ? error.message : error);
  void stopAll(1);
});
