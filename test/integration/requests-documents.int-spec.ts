import { createHash } from 'node:crypto';
import request from 'supertest';
import {
  addSpecialistToDepartment,
  createDepartment,
  createInstitution,
  createUser,
  type UserFixture,
} from '@yiqiao/testing';
import { authHeader, loginAs, startTestApi, type TestApi } from '../support/auth';

// jest.config.js sets testTimeout inside `projects`, where jest ignores it; real argon2 and
// PostgreSQL under a shared 2-core machine need more than the 5 s default.
jest.setTimeout(120_000);

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n'),
  Buffer.alloc(2048, 7),
]);
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('IHDR fake scan body', 'latin1'),
]);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('consultation request documents: upload, list, download, scoping (real PostgreSQL)', () => {
  let api: TestApi;
  let institutionId: string;
  let patient: UserFixture;
  let patientToken: string;
  let requestId: string;

  const patientWithConsents = async (): Promise<{ user: UserFixture; token: string }> => {
    const user = await createUser(api.dataSource, 'patient');
    const token = await loginAs(api.server, user.email);
    for (const kind of ['health_data', 'cross_border_transfer']) {
      await request(api.server)
        .post('/consents')
        .set(authHeader(token))
        .send({ kind, policyVersion: '2026-01', locale: 'en' })
        .expect(201);
    }
    return { user, token };
  };

  const fileRequest = async (token: string): Promise<string> => {
    const response = await request(api.server)
      .post('/consultation-requests')
      .set(authHeader(token))
      .send({
        institutionId,
        complaint: 'Thyroid nodule found on ultrasound; asking for a second opinion.',
        spokenLanguages: ['en'],
        country: 'GB',
        timeZone: 'Europe/London',
      })
      .expect(201);
    return response.body.id as string;
  };

  const upload = (token: string, id: string, type: string, name: string, body: Buffer) =>
    request(api.server)
      .post(`/consultation-requests/${id}/documents`)
      .set(authHeader(token))
      .set('Content-Type', type)
      .set('X-File-Name', encodeURIComponent(name))
      .send(body);

  beforeAll(async () => {
    api = await startTestApi('request-documents');
    institutionId = (await createInstitution(api.dataSource)).id;
    ({ user: patient, token: patientToken } = await patientWithConsents());
    requestId = await fileRequest(patientToken);
  });
  afterAll(() => api.close());

  it('stores a PDF and a PNG durably with their sha256, lists them and downloads them byte-identical', async () => {
    const pdf = await upload(patientToken, requestId, 'application/pdf', 'МРТ report 2026.pdf', PDF).expect(
      201,
    );
    expect(pdf.body).toMatchObject({
      requestId,
      uploadedBy: patient.id,
      fileName: 'МРТ report 2026.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
    });
    const png = await upload(patientToken, requestId, 'image/png', 'scan.png', PNG).expect(201);

    const [stored] = await api.dataSource.query(
      `SELECT sha256, size_bytes, content FROM consultation_request_documents WHERE id = $1`,
      [pdf.body.id],
    );
    expect(stored.sha256).toBe(sha256(PDF));
    expect(Buffer.compare(stored.content, PDF)).toBe(0);

    const list = await request(api.server)
      .get(`/consultation-requests/${requestId}/documents`)
      .set(authHeader(patientToken))
      .expect(200);
    expect(list.body.items.map((d: { id: string }) => d.id)).toEqual([pdf.body.id, png.body.id]);
    expect(list.body.items[0]).not.toHaveProperty('content');

    const download = await request(api.server)
      .get(`/consultation-requests/${requestId}/documents/${png.body.id}`)
      .set(authHeader(patientToken))
      .responseType('blob')
      .expect(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="scan.png"/);
    expect(Buffer.compare(download.body as Buffer, PNG)).toBe(0);

    const actions = (
      await api.dataSource.query(
        `SELECT action, details FROM audit_events WHERE entity_id = $1 AND actor_id = $2 ORDER BY id`,
        [requestId, patient.id],
      )
    ).map((row: { action: string }) => row.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'consultation_request.document_uploaded',
        'consultation_request.documents_listed',
        'consultation_request.document_downloaded',
      ]),
    );
    expect(actions.filter((a: string) => a === 'consultation_request.document_uploaded')).toHaveLength(2);
  });

  it('refuses wrong types, content that does not match, empty bodies and bad file names with 4xx', async () => {
    const exe = Buffer.from('MZ\x90\x00this program cannot be run in DOS mode', 'latin1');
    const wrongType = await upload(patientToken, requestId, 'application/x-msdownload', 'a.exe', exe).expect(
      415,
    );
    expect(wrongType.body.message).toMatch(/application\/pdf, image\/jpeg, image\/png/);
    const disguised = await upload(
      patientToken,
      requestId,
      'application/pdf',
      'notes.pdf',
      Buffer.from('hello'),
    );
    expect(disguised.status).toBe(415);
    expect(disguised.body.message).toMatch(/not a valid application\/pdf/);
    const jpegAsPng = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    await upload(patientToken, requestId, 'image/png', 'x.png', jpegAsPng).expect(415);

    const empty = await request(api.server)
      .post(`/consultation-requests/${requestId}/documents`)
      .set(authHeader(patientToken))
      .set('Content-Type', 'application/pdf')
      .set('X-File-Name', 'empty.pdf')
      .expect(400);
    expect(empty.body.message).toMatch(/empty/);
    const noName = await request(api.server)
      .post(`/consultation-requests/${requestId}/documents`)
      .set(authHeader(patientToken))
      .set('Content-Type', 'application/pdf')
      .send(PDF)
      .expect(400);
    expect(noName.body.message).toMatch(/X-File-Name/);
    await upload(patientToken, requestId, 'application/pdf', '../../etc/passwd', PDF).expect(400);
    const badEncoding = await request(api.server)
      .post(`/consultation-requests/${requestId}/documents`)
      .set(authHeader(patientToken))
      .set('Content-Type', 'application/pdf')
      .set('X-File-Name', '%E0%A4%A')
      .send(PDF)
      .expect(400);
    expect(badEncoding.body.message).toMatch(/URL-encoded/);

    const tooBig = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const refused = await upload(patientToken, requestId, 'application/pdf', 'huge.pdf', tooBig).expect(413);
    expect(refused.body.message).toMatch(/10mb/);

    const [{ count }] = await api.dataSource.query(
      `SELECT count(*)::int AS count FROM consultation_request_documents WHERE request_id = $1`,
      [requestId],
    );
    expect(count).toBe(2);
  });

  it('accepts at most 10 documents per request (the 11th is a 409)', async () => {
    const { token } = await patientWithConsents();
    const id = await fileRequest(token);
    for (let i = 1; i <= 10; i += 1) {
      await upload(token, id, 'application/pdf', `page-${i}.pdf`, PDF).expect(201);
    }
    const eleventh = await upload(token, id, 'application/pdf', 'page-11.pdf', PDF).expect(409);
    expect(eleventh.body.message).toMatch(/at most 10 documents/);
  });

  it('scopes documents like the request: 404 for others, readable by its coordinators and triaged specialist', async () => {
    const [pdfRow] = await api.dataSource.query(
      `SELECT id FROM consultation_request_documents WHERE request_id = $1 AND content_type = 'application/pdf'`,
      [requestId],
    );
    const documentUrl = `/consultation-requests/${requestId}/documents/${pdfRow.id}`;

    const { token: otherPatient } = await patientWithConsents();
    await request(api.server).get(documentUrl).set(authHeader(otherPatient)).expect(404);
    await upload(otherPatient, requestId, 'application/pdf', 'intruder.pdf', PDF).expect(404);

    const otherHospital = (await createInstitution(api.dataSource)).id;
    const outsider = await createUser(api.dataSource, 'coordinator', { institutionId: otherHospital });
    const outsiderToken = await loginAs(api.server, outsider.email);
    await request(api.server)
      .get(`/consultation-requests/${requestId}/documents`)
      .set(authHeader(outsiderToken))
      .expect(404);
    await request(api.server).get(documentUrl).set(authHeader(outsiderToken)).expect(404);

    const coordinator = await createUser(api.dataSource, 'coordinator', { institutionId });
    const coordinatorToken = await loginAs(api.server, coordinator.email);
    const byCoordinator = await request(api.server)
      .get(documentUrl)
      .set(authHeader(coordinatorToken))
      .responseType('blob')
      .expect(200);
    expect(Buffer.compare(byCoordinator.body as Buffer, PDF)).toBe(0);
    // Staff read documents; only the patient attaches them.
    await upload(coordinatorToken, requestId, 'application/pdf', 'staff.pdf', PDF).expect(403);

    const specialist = await createUser(api.dataSource, 'specialist', { institutionId });
    const specialistToken = await loginAs(api.server, specialist.email);
    await request(api.server).get(documentUrl).set(authHeader(specialistToken)).expect(404);
    const department = await createDepartment(api.dataSource, institutionId, 'endocrinology');
    await addSpecialistToDepartment(api.dataSource, specialist.id, department.id);
    await request(api.server)
      .post(`/consultation-requests/${requestId}/triage`)
      .set(authHeader(coordinatorToken))
      .send({ departmentId: department.id, specialistId: specialist.id })
      .expect(200);
    const bySpecialist = await request(api.server)
      .get(`/consultation-requests/${requestId}/documents`)
      .set(authHeader(specialistToken))
      .expect(200);
    expect(bySpecialist.body.items).toHaveLength(2);

    const [audit] = await api.dataSource.query(
      `SELECT details FROM audit_events WHERE actor_id = $1 AND action = 'consultation_request.document_downloaded'`,
      [coordinator.id],
    );
    expect(audit.details.documentId).toBe(pdfRow.id);
  });
});
