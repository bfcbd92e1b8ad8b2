import 'reflect-metadata';
import { runApp } from '@yiqiao/observability';
import { loadSfuConfig } from './config';
import { createSfu } from './create-sfu';

void runApp('sfu', async () => {
  const config = loadSfuConfig();
  return { nest: await createSfu(config), port: config.SFU_PORT, host: config.SFU_HOST };
});
