import { randomBytes } from 'node:crypto';
import { createDatabaseIfMissing, dropDatabase } from '@yiqiao/persistence';

export const TEST_TEMPLATE_ENV = 'YIQIAO_TEST_TEMPLATE_URL';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database for one test file, cloned from the template the global setup
 * migrated once. Names start with the template's, so the global teardown removes stragglers.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const templateUrl = process.env[TEST_TEMPLATE_ENV];
  if (!templateUrl) throw new Error(`${TEST_TEMPLATE_ENV} is not set: run the tests through jest (npm test)`);
  const template = new URL(templateUrl).pathname.slice(1);
  const url = withDatabase(templateUrl, `${template}_${randomBytes(4).toString('hex')}`);
  await createDatabaseIfMissing(url, template);
  return { url, drop: () => dropDatabase(url) };
}

export { withDatabase };
