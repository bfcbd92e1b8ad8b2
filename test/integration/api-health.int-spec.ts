import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApi } from '../../apps/api/src/create-api';
import { loadApiConfig } from '../../apps/api/src/config';
import { createTestDatabase, TestDatabase } from '@yiqiao/testing';

describe('api health, request ids and OpenAPI (real PostgreSQL, Redis)', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApi(loadApiConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }));
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('reports PostgreSQL and Redis up', async () => {
    const response = await request(app.getHttpServer()).get('/health').expect(200);
    expect(response.body.info.postgres.status).toBe('up');
    expect(response.body.info.redis.status).toBe('up');
  });

  it('echoes a caller request id and mints one otherwise', async () => {
    const echoed = await request(app.getHttpServer()).get('/health').set('x-request-id', 'trace-123');
    expect(echoed.headers['x-request-id']).toBe('trace-123');
    const minted = await request(app.getHttpServer()).get('/health');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document', async () => {
    const response = await request(app.getHttpServer()).get('/docs/openapi.json').expect(200);
    expect(response.body.info.title).toBe('Yiqiao API');
    expect(Object.keys(response.body.paths)).toContain('/health');
  });
});
