import 'reflect-metadata';
import { runApp } from '@yiqiao/observability';
import { loadApiConfig } from './config';
import { createApi } from './create-api';

void runApp('api', async () => {
  const config = loadApiConfig();
  return { nest: await createApi(config), port: config.API_PORT, host: config.API_HOST };
});
