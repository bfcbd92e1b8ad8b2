import {
  AppProcess,
  createTestDatabase,
  freePort,
  spawnApp,
  TestDatabase,
  testQueuePrefix,
  waitForHealthy,
} from '@yiqiao/testing';

interface HealthBody {
  status: string;
  info: Record<string, { status: string }>;
}

describe('the three apps as processes (real PostgreSQL, Redis)', () => {
  let db: TestDatabase;
  const apps: AppProcess[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await db.drop();
  });

  it.each([
    ['api', 'API_PORT', ['postgres', 'redis']],
    ['worker', 'WORKER_PORT', ['postgres', 'redis']],
    ['sfu', 'SFU_PORT', ['redis']],
  ] as const)(
    '%s starts, reports its dependencies on /health and stops cleanly on SIGTERM',
    async (name, portVar, deps) => {
      const port = await freePort();
      const app = spawnApp(name, {
        [portVar]: String(port),
        DATABASE_URL: db.url,
        QUEUE_PREFIX: testQueuePrefix(name),
      });
      apps.push(app);
      await waitForHealthy(`http://127.0.0.1:${port}/health`, app);

      const response = await fetch(`http://127.0.0.1:${port}/health`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as HealthBody;
      expect(body.status).toBe('ok');
      for (const dep of deps) expect(body.info[dep].status).toBe('up');

      expect(await app.stop('SIGTERM')).toBe(0);
    },
  );

  it.each([
    ['api', 'API_PORT'],
    ['worker', 'WORKER_PORT'],
    ['sfu', 'SFU_PORT'],
  ] as const)('%s refuses to start on a bad %s and names the variable', async (name, portVar) => {
    const app = spawnApp(name, { [portVar]: 'not-a-port', REDIS_URL: 'http://wrong' });
    const [code] = await new Promise<[number | null]>((resolve) => app.child.on('exit', (c) => resolve([c])));
    expect(code).toBe(78);
    expect(app.output()).toContain(`${portVar}: must be a port number`);
    expect(app.output()).toContain('REDIS_URL: must be a URL starting with redis:// or rediss://');
  });
});
