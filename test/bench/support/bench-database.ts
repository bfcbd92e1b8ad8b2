import { DataSource } from 'typeorm';
import { createDatabaseIfMissing, dataSourceOptions, dropDatabase, runMigrations } from '@yiqiao/persistence';
import { benchDatabaseUrl } from './bench-env';

export interface BenchDatabase {
  url: string;
  ds: DataSource;
  drop(): Promise<void>;
}

/** A fresh database migrated with the product's migrations, owned by one bench part and dropped after. */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const url = benchDatabaseUrl(label);
  await createDatabaseIfMissing(url);
  try {
    await runMigrations(url);
  } catch (error) {
    await dropDatabase(url);
    throw error;
  }
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 4 }));
  await ds.initialize();
  return {
    url,
    ds,
    drop: async () => {
      await ds.destroy();
      await dropDatabase(url);
    },
  };
}
