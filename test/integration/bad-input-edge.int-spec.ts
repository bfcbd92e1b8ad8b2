import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createInstitution, createUser, type UserFixture } from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(60_000);

interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * Sends only the request head (no body bytes at all) and waits for the answer: if the api waited
 * for the body it promised, this would time out instead of answering.
 */
function headOnly(server: Server, path: string, headers: Record<string, string>): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body }),
      );
    });
    req.on('error', reject);
    req.setTimeout(5_000, () => req.destroy(new Error('no answer within 5 s: the body was awaited')));
    req.flushHeaders();
  });
}

const messages = (body: { message?: unknown }): string =>
  Array.isArray(body.message) ? body.message.join(' | ') : String(body.message);

describe('bad input at the edge: JSON 4xx with a usable message, never 5xx (real stack)', () => {
  let api: TestApi;
  let institutionId: string;
  let patient: UserFixture;
  let patientToken: string;
  let adminToken: string;

  beforeAll(async () => {
    api = await startTestApi('badedge');
    institutionId = (await createInstitution(api.dataSource)).id;
    patient = await createUser(api.dataSource, 'patient');
    patientToken = await loginAs(api.server, patient.email);
    adminToken = await loginAs(api.server, (await createUser(api.dataSource, 'admin')).email);
    await new Promise<void>((resolve) => api.server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => api.close());

  it('JSON nested 5,000 levels deep is a 400 on a public route, before validation recurses', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    for (const body of [deep, `{"email":${deep},"password":"x"}`]) {
      const response = await request(api.server)
        .post('/auth/login')
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      expect(response.body.message).toBe(
        'The request body nests lists or objects deeper than 32 levels; send a flatter JSON document',
      );
    }
  });

  it('nesting up to the limit is parsed and judged by the DTO; brackets inside strings do not count', async () => {
    const nested = JSON.parse('['.repeat(31) + ']'.repeat(31)) as unknown;
    const response = await request(api.server)
      .post('/auth/login')
      .send({ email: nested, password: '['.repeat(100) })
      .expect(400);
    expect(messages(response.body)).toContain('email must be an e-mail address');
  });

  it('a lone UTF-16 surrogate in the login e-mail is a 400 naming the field', async () => {
    const response = await request(api.server)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":"a\\ud800@b.cd","password":"x"}')
      .expect(400);
    expect(messages(response.body)).toContain('email contains an unpaired UTF-16 surrogate');
  });

  it('a NUL character in the user search is a 400 naming the field', async () => {
    const response = await request(api.server)
      .get('/admin/users?search=%00')
      .set(authHeader(adminToken))
      .expect(400);
    expect(messages(response.body)).toBe('search must not contain the NUL character (U+0000); remove it');
  });

  it.each([
    [
      'a name',
      '/admin/users',
      'admin',
      { email: 'x@y.cd', password: 'long-enough-1', fullName: 'A\u0000B', role: 'admin' },
      'fullName',
    ],
    [
      'a complaint',
      '/consultation-requests',
      'patient',
      { complaint: 'Pain in the knee\u0000 for weeks' },
      'complaint',
    ],
    [
      'a reason',
      `/consultation-requests/${randomUUID()}/withdraw`,
      'patient',
      { reason: 'no\u0000' },
      'reason',
    ],
    [
      'a guest relationship',
      `/consultations/${randomUUID()}/guests`,
      'patient',
      { name: 'Maria', relationship: 'da\u0000ughter' },
      'relationship',
    ],
    [
      'a nested list item',
      '/consultation-requests',
      'patient',
      { spokenLanguages: ['en', 'r\u0000u'] },
      'spokenLanguages[1]',
    ],
  ])('a NUL character in %s is a 400 naming the field', async (_what, url, role, body, field) => {
    const response = await request(api.server)
      .post(url)
      .set(authHeader(role === 'admin' ? adminToken : patientToken))
      .send(body)
      .expect(400);
    expect(messages(response.body)).toBe(`${field} must not contain the NUL character (U+0000); remove it`);
  });

  it('a NUL character or lone surrogate in a route parameter or field name is a 400', async () => {
    const param = await request(api.server).get('/holidays/20%0027').set(authHeader(adminToken)).expect(400);
    expect(messages(param.body)).toContain('year must not contain the NUL character');
    const key = await request(api.server)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":"a@b.cd","password":"x","\\udc00":1}')
      .expect(400);
    expect(messages(key.body)).toContain('A field name in body contains an unpaired UTF-16 surrogate');
  });

  it('a missing required time zone says what is wanted, not "(got undefined)"', async () => {
    const response = await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(patientToken))
      .send({
        institutionId,
        complaint: 'Pain in the knee for weeks',
        spokenLanguages: ['en'],
        country: 'GB',
      })
      .expect(400);
    const text = messages(response.body);
    expect(text).toContain('timeZone must be an IANA time zone such as "Europe/London"');
    expect(text).not.toMatch(/undefined|\$value/);
  });

  it('a non-text value for a `$value` template is quoted as what it is, never as "$value"', async () => {
    const response = await request(api.server)
      .get('/slots?patientTimeZone=Europe/London&patientTimeZone=Asia/Tokyo')
      .set(authHeader(patientToken));
    expect(response.status).toBe(400);
    expect(messages(response.body)).not.toMatch(/\$value|\$property|undefined/);
  });

  it('a 100 kB bad value is quoted as a 40-character prefix, not echoed whole', async () => {
    const huge = 'Mars/'.repeat(9_000);
    const response = await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(patientToken))
      .send({
        institutionId,
        complaint: 'Pain in the knee for weeks',
        spokenLanguages: ['en'],
        country: 'GB',
        timeZone: huge,
      })
      .expect(400);
    const text = messages(response.body);
    expect(text).toContain(`(got "${huge.slice(0, 40)}…")`);
    expect(JSON.stringify(response.body).length).toBeLessThan(2_000);
  });

  it('a string over the edge limit is a 400 naming the field and the limit', async () => {
    const response = await request(api.server)
      .post('/auth/login')
      .send({ email: 'a@b.cd', password: 'p'.repeat(60_000) })
      .expect(400);
    expect(messages(response.body)).toBe('password is 60000 characters long; at most 50000 are accepted');
  });

  it('an unknown 4,000-character path is a 404 with a short message, not the whole URL', async () => {
    const response = await request(api.server)
      .delete(`/nowhere/${'x'.repeat(4_000)}`)
      .expect(404);
    expect(response.body.message).toMatch(
      /^There is no DELETE \/nowhere\/x{40,80}…; the operations are listed at \/docs$/,
    );
  });

  it('headers over 16 kB get a JSON 431 (Node answers these before the api sees them)', async () => {
    const response = await request(api.server).get('/health').set('X-Padding', 'a'.repeat(20_000));
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toMatch(/application\/json/);
    expect(response.body).toEqual({
      statusCode: 431,
      error: 'Request Header Fields Too Large',
      message: 'The request headers are larger than 16 kB; send fewer or shorter headers (cookies, tokens)',
    });
  });

  const upload = `/consultation-requests/${randomUUID()}/documents`;
  const nearlyTenMb = String(Math.round(9.5 * 1024 * 1024));

  it('a 9.5 MB upload without a token is a 401 from its headers, before the body is sent', async () => {
    const answer = await headOnly(api.server, upload, {
      'Content-Type': 'application/pdf',
      'Content-Length': nearlyTenMb,
      'X-File-Name': 'scan.pdf',
    });
    expect(answer.status).toBe(401);
    expect(answer.contentType).toMatch(/application\/json/);
    expect(JSON.parse(answer.body).message).toMatch(/^Missing access token/);
  });

  it('an upload with a forged or alg:none token is a 401 from its headers', async () => {
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: patient.id, sid: randomUUID(), role: 'patient', typ: 'access' }),
    ).toString('base64url')}.`;
    for (const token of ['forged.token.here', none]) {
      const answer = await headOnly(api.server, upload, {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/pdf',
        'Content-Length': nearlyTenMb,
      });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body).message).toMatch(/invalid or expired/);
    }
  });

  it('an upload declaring more than 10 MB is a 413 from its headers, before the body is sent', async () => {
    const answer = await headOnly(api.server, upload, {
      Authorization: `Bearer ${patientToken}`,
      'Content-Type': 'application/pdf',
      'Content-Length': String(11 * 1024 * 1024),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).message).toMatch(/larger than the 10mb limit/);
  });

  it('an upload with a valid token still reaches the route (404 for a request that does not exist)', async () => {
    const response = await request(api.server)
      .post(upload)
      .set(authHeader(patientToken))
      .set('Content-Type', 'application/pdf')
      .set('X-File-Name', 'scan.pdf')
      .send(Buffer.from('%PDF-1.7 tiny'));
    expect(response.status).toBe(404);
  });

  it('the user search compares names in NFC: a decomposed stored name matches a composed search', async () => {
    const decomposed = 'Ame\u0301lie Durand';
    await createUser(api.dataSource, 'patient', { fullName: decomposed });
    const composed = await request(api.server)
      .get(`/admin/users?search=${encodeURIComponent('Amélie'.normalize('NFC'))}`)
      .set(authHeader(adminToken))
      .expect(200);
    expect(composed.body.items.map((u: { fullName: string }) => u.fullName)).toEqual([decomposed]);
  });

  it('login compares the e-mail in NFC: a decomposed address logs in to the composed account', async () => {
    const user = await createUser(api.dataSource, 'patient', {
      email: `jos\u00e9-${randomUUID()}@test.yiqiao`,
    });
    await loginAs(api.server, user.email.normalize('NFD'));
  });
});
