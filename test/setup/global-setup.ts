import { randomBytes } from 'node:crypto';
import { createDatabaseIfMissing, runMigrations } from '@yiqiao/persistence';
import { TEST_TEMPLATE_ENV, testClockOffset, withDatabase } from '@yiqiao/testing';

/** Migrates one template database per test run; each test file clones it (see createTestDatabase). */
export default async function globalSetup(): Promise<void> {
  // YIQIAO_TEST_NOW becomes one offset for every worker, app process and page of this run
  const offset = testClockOffset();
  if (offset !== 0)
    console.warn(`\ntest clock: this run is at ${new Date(Date.now() + offset).toISOString()}`);
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `yiqiao_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const templateUrl = withDatabase(base, name);
  await createDatabaseIfMissing(templateUrl);
  await runMigrations(templateUrl);
  process.env[TEST_TEMPLATE_ENV] = templateUrl;
}
