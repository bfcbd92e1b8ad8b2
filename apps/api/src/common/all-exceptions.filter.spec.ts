import { ArgumentsHost, BadRequestException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { TooManyRequestsException } from './too-many-requests.exception';

interface Captured {
  status?: number;
  body?: Record<string, unknown>;
  headers: Record<string, string>;
}

function hostFor(captured: Captured): ArgumentsHost {
  const response = {
    headersSent: false,
    getHeader: (name: string) => (name === 'x-request-id' ? 'req-42' : undefined),
    setHeader: (name: string, value: string) => {
      captured.headers[name] = value;
    },
    status(code: number) {
      captured.status = code;
      return this;
    },
    json(body: Record<string, unknown>) {
      captured.body = body;
      return this;
    },
  };
  const request = { method: 'POST', originalUrl: '/x' };
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as unknown as ArgumentsHost;
}

function run(error: unknown): Captured {
  const captured: Captured = { headers: {} };
  new AllExceptionsFilter().catch(error, hostFor(captured));
  return captured;
}

const pgFailure = (code: string, detail?: string) =>
  new QueryFailedError(
    'SELECT secret_internal_sql',
    [],
    Object.assign(new Error('driver'), { code, detail }),
  );

describe('AllExceptionsFilter', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('answers unexpected errors with a 500 that carries only the request id', () => {
    const result = run(new Error('connection string postgres://user:pw@db/secret at /srv/app.js:10'));
    expect(result.status).toBe(500);
    const text = JSON.stringify(result.body);
    expect(text).toContain('req-42');
    expect(text).not.toMatch(/postgres:|secret|app\.js/);
    expect(Logger.prototype.error).toHaveBeenCalled();
  });

  it('passes HttpExceptions through unchanged', () => {
    const result = run(new BadRequestException(['x must be y']));
    expect(result).toMatchObject({ status: 400, body: { message: ['x must be y'] } });
  });

  it('sets Retry-After on a 429', () => {
    const result = run(new TooManyRequestsException('slow down', 120));
    expect(result.status).toBe(429);
    expect(result.headers['Retry-After']).toBe('120');
  });

  it('maps an invalid uuid text to 400 and a missing foreign key to 400 naming the column', () => {
    expect(run(pgFailure('22P02')).status).toBe(400);
    const fk = run(pgFailure('23503', 'Key (department_id)=(1) is not present in table "departments".'));
    expect(fk.status).toBe(400);
    expect(fk.body?.message).toBe('department_id refers to a record that does not exist');
    expect(JSON.stringify(fk.body)).not.toContain('secret_internal_sql');
  });

  it('maps a foreign key still in use to 409 and a unique violation to 409', () => {
    expect(run(pgFailure('23503', 'Key (id)=(1) is still referenced from table "x".')).status).toBe(409);
    expect(run(pgFailure('23505', 'Key (email)=(a@b.c) already exists.')).body?.message).toBe(
      'email is already in use',
    );
  });

  it('treats unknown PostgreSQL errors as server errors', () => {
    expect(run(pgFailure('53300')).status).toBe(500);
  });
});
