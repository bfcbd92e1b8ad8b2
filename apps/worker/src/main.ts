import 'reflect-metadata';
import { runApp } from '@yiqiao/observability';
import { loadWorkerConfig } from './config';
import { createWorker } from './create-worker';

void runApp('worker', async () => {
  const config = loadWorkerConfig();
  return { nest: await createWorker(config), port: config.WORKER_PORT, host: config.WORKER_HOST };
});
