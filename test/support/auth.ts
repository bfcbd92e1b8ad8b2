import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { App } from 'supertest/types';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createTestDatabase, FIXTURE_PASSWORD, testQueuePrefix } from '@yiqiao/testing';
import { loadApiConfig } from '../../apps/api/src/config';
import { createApi } from '../../apps/api/src/create-api';

export type Target = Server | App | INestApplication;

function serverOf(target: Target): App {
  if (typeof target === 'object' && target !== null && 'getHttpServer' in target) {
    return (target as INestApplication).getHttpServer() as Server;
  }
  return target as App;
}

export interface LoginBody {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string; role: string; institutionId: string | null };
}

/** Logs in through POST /auth/login and returns the whole answer (tokens and user). */
export async function login(target: Target, email: string, password = FIXTURE_PASSWORD): Promise<LoginBody> {
  const response = await request(serverOf(target)).post('/auth/login').send({ email, password });
  if (response.status !== 200) {
    throw new Error(`login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body as LoginBody;
}

/** Logs in and returns the access token (pass `app.getHttpServer()` or the app itself). */
export async function loginAs(target: Target, email: string, password = FIXTURE_PASSWORD): Promise<string> {
  return (await login(target, email, password)).accessToken;
}

/** `request(server).get(url).set(authHeader(token))` */
export function authHeader(token: string): { Authorization: string } {
  return { Authorization: `Bearer ${token}` };
}

export interface TestApi {
  app: INestApplication;
  server: Server;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** The real api in-process on its own database and Redis prefix (for auth-related integration tests). */
export async function startTestApi(label: string): Promise<TestApi> {
  const db = await createTestDatabase();
  const app = await createApi(
    loadApiConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: testQueuePrefix(label), LOG_LEVEL: 'silent' }),
  );
  await app.init();
  return {
    app,
    server: app.getHttpServer() as Server,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
