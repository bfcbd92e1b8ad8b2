import { Client } from 'pg';
import { TEST_TEMPLATE_ENV, withDatabase } from '@yiqiao/testing';

/** Drops the template and every database cloned from it during this run. */
export default async function globalTeardown(): Promise<void> {
  const templateUrl = process.env[TEST_TEMPLATE_ENV];
  if (!templateUrl) return;
  const template = new URL(templateUrl).pathname.slice(1);
  const client = new Client({ connectionString: withDatabase(templateUrl, 'postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `${template}\\_%`],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}
