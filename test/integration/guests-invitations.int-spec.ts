import request from 'supertest';
import { signGuestInviteToken } from '@yiqiao/notifications';
import { authHeader } from '../support/auth';
import { GUEST_SECRET, GuestsWorld, GuestView, INVALID_LINK, tokenOf, WEB } from './guests-world';

jest.setTimeout(90_000);

/** Who may invite, list and withdraw guests, with which input, how many, and when. */
describe('guests: inviting family members to a consultation call (real PostgreSQL + Redis)', () => {
  const world = new GuestsWorld();
  const { tokens, newConsultation, invite } = world;
  let server: GuestsWorld['server'];
  let ds: GuestsWorld['ds'];
  let specialist: GuestsWorld['specialist'];
  let patient: GuestsWorld['patient'];
  let coordinator: GuestsWorld['coordinator'];

  beforeAll(async () => {
    await world.start();
    ({ server, ds, specialist, patient, coordinator } = world);
  });

  afterAll(() => world.stop());

  it('lets the patient, the specialist and a coordinator invite; defaults follow the patient', async () => {
    const consultationId = await newConsultation();
    const byPatient = await invite('patient', consultationId, {
      name: '  Maria Smith  ',
      email: 'maria@example.org',
      relationship: ' daughter ',
    }).expect(201);
    const guest = byPatient.body.guest as GuestView;
    expect(guest).toEqual({
      id: expect.any(String),
      name: 'Maria Smith',
      email: 'maria@example.org',
      language: 'ru',
      timeZone: 'Europe/Moscow',
      relationship: 'daughter',
      invitedBy: { id: patient.id, name: 'Anna Smith', role: 'patient' },
      createdAt: expect.any(String),
      revokedAt: null,
      lastJoinedAt: null,
      inviteUrl: `${WEB}/guest/${signGuestInviteToken(guest.id, GUEST_SECRET)}`,
      emailStatus: 'pending',
    });

    const bySpecialist = await invite('specialist', consultationId, {
      name: 'Wang Fang',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    }).expect(201);
    expect(bySpecialist.body.guest).toMatchObject({
      email: null,
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      relationship: null,
      invitedBy: { id: specialist.id, role: 'specialist' },
      emailStatus: 'none',
    });
    const byCoordinator = await invite('coordinator', consultationId, {
      name: 'Li Ming',
      email: '',
      relationship: '',
    }).expect(201);
    expect(byCoordinator.body.guest).toMatchObject({
      email: null,
      relationship: null,
      invitedBy: { id: coordinator.id, name: 'Zhou Min', role: 'coordinator' },
    });

    // a notification (to the guest, not to a user) only where an e-mail address was given
    const notifications = await ds.query(
      `SELECT guest_id, recipient_id, kind, status, due_at <= $2 AS due FROM notifications
        WHERE consultation_id = $1 AND kind = 'guest_invitation'`,
      [consultationId, world.now()],
    );
    expect(notifications).toEqual([
      { guest_id: guest.id, recipient_id: null, kind: 'guest_invitation', status: 'pending', due: true },
    ]);
    const audits = await ds.query(
      `SELECT actor_id, actor_role, details FROM audit_events WHERE action = 'guest.invited' AND entity_id = $1
        ORDER BY occurred_at, id`,
      [consultationId],
    );
    expect(audits.map((a: { actor_role: string }) => a.actor_role).sort()).toEqual([
      'coordinator',
      'patient',
      'specialist',
    ]);
    expect(audits.find((a: { actor_id: string }) => a.actor_id === patient.id).details).toMatchObject({
      guestId: guest.id,
      emailGiven: true,
    });
  });

  it('answers 404 to people outside the consultation and 403 to interpreters and administrators', async () => {
    const consultationId = await newConsultation();
    const guest = (await invite('patient', consultationId, { name: 'Maria' }).expect(201)).body
      .guest as GuestView;
    for (const who of ['otherPatient', 'otherSpecialist', 'otherCoordinator']) {
      const res = await invite(who, consultationId, { name: 'Intruder' }).expect(404);
      expect(res.body.message).toBe(`Consultation ${consultationId} was not found`);
      await request(server)
        .get(`/consultations/${consultationId}/guests`)
        .set(authHeader(tokens[who]))
        .expect(404);
      await request(server)
        .delete(`/consultations/${consultationId}/guests/${guest.id}`)
        .set(authHeader(tokens[who]))
        .expect(404);
    }
    for (const who of ['interpreter', 'admin']) {
      const res = await invite(who, consultationId, { name: 'Someone' }).expect(403);
      expect(res.body.message).toMatch(/may not do this; allowed: patient, specialist, coordinator/);
      await request(server)
        .get(`/consultations/${consultationId}/guests`)
        .set(authHeader(tokens[who]))
        .expect(403);
    }
    await request(server).post(`/consultations/${consultationId}/guests`).send({ name: 'x' }).expect(401);
    const unknown = '00000000-0000-4000-8000-000000000000';
    await invite('patient', unknown, { name: 'Maria' }).expect(404);
    await request(server)
      .delete(`/consultations/${consultationId}/guests/${unknown}`)
      .set(authHeader(tokens.patient))
      .expect(404);
    const badId = await invite('patient', 'not-a-uuid', { name: 'Maria' }).expect(400);
    expect(badId.body.message).toBe('consultation id must be a UUID');
  });

  it('refuses bad input with messages a person can act on', async () => {
    const consultationId = await newConsultation();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ name: 'Maria', email: 'maria-at-example' }, /email must be an e-mail address/],
      [{ name: '   ' }, /name must be 1 to 120 characters/],
      [{}, /name must be 1 to 120 characters/],
      [{ name: 'x'.repeat(121) }, /name must be 1 to 120 characters/],
      [{ name: 'Maria', timeZone: 'Mars/Olympus' }, /timeZone must be an IANA time zone/],
      [{ name: 'Maria', timeZone: '+08:00' }, /timeZone must be an IANA time zone/],
      [{ name: 'Maria', language: 'fr' }, /language must be one of en, zh-CN, ru, ja, ar/],
      [{ name: 'Maria', relationship: 'r'.repeat(61) }, /relationship must be at most 60 characters/],
      [{ name: 'Maria', complaint: 'pain' }, /property complaint should not exist/],
    ];
    for (const [body, message] of cases) {
      const res = await invite('patient', consultationId, body).expect(400);
      expect(JSON.stringify(res.body.message)).toMatch(message);
    }
    const [{ n }] = await ds.query(
      `SELECT count(*)::int AS n FROM consultation_guests WHERE consultation_id = $1`,
      [consultationId],
    );
    expect(n).toBe(0);
  });

  it('allows at most 3 active guests, also under concurrent invitations; a withdrawn one frees a place', async () => {
    const consultationId = await newConsultation();
    const results = await Promise.all(
      ['A', 'B', 'C', 'D', 'E'].map((name) => invite('patient', consultationId, { name: `Guest ${name}` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409]);
    const refused = results.find((r) => r.status === 409)!;
    expect(refused.body.message).toMatch(/at most 3 guests; withdraw an invitation/);
    const fourth = await invite('coordinator', consultationId, { name: 'Guest F' }).expect(409);
    expect(fourth.body.message).toMatch(/at most 3 guests/);

    const first = results.find((r) => r.status === 201)!.body.guest as GuestView;
    await request(server)
      .delete(`/consultations/${consultationId}/guests/${first.id}`)
      .set(authHeader(tokens.specialist))
      .expect(200);
    await invite('patient', consultationId, { name: 'Guest F' }).expect(201);
  });

  it('refuses guests for a completed or cancelled consultation with 409', async () => {
    for (const status of ['completed', 'cancelled']) {
      const consultationId = await newConsultation();
      await ds.query(`UPDATE consultations SET status = $2 WHERE id = $1`, [consultationId, status]);
      const res = await invite('patient', consultationId, { name: 'Maria' }).expect(409);
      expect(res.body.message).toBe(`This consultation is ${status} and can no longer have guests.`);
    }
  });

  it('lists guests oldest first, withdrawn ones included with no link', async () => {
    const consultationId = await newConsultation();
    const names = ['First', 'Second', 'Third'];
    const ids: string[] = [];
    for (const name of names)
      ids.push((await invite('patient', consultationId, { name }).expect(201)).body.guest.id);
    await request(server)
      .delete(`/consultations/${consultationId}/guests/${ids[1]}`)
      .set(authHeader(tokens.patient))
      .expect(200);
    const res = await request(server)
      .get(`/consultations/${consultationId}/guests`)
      .set(authHeader(tokens.coordinator))
      .expect(200);
    const guests = res.body.guests as GuestView[];
    expect(Object.keys(res.body)).toEqual(['guests']);
    expect(guests.map((g) => g.name)).toEqual(names);
    expect(guests.map((g) => g.inviteUrl === null)).toEqual([false, true, false]);
    expect(guests[1].revokedAt).toEqual(expect.any(String));
    expect(Object.keys(guests[0]).sort()).toEqual(
      [
        'id',
        'name',
        'email',
        'language',
        'timeZone',
        'relationship',
        'invitedBy',
        'createdAt',
        'revokedAt',
        'lastJoinedAt',
        'inviteUrl',
        'emailStatus',
      ].sort(),
    );
  });

  it('withdraws once (repeating is harmless), cancels the pending invitation e-mail and kills the link', async () => {
    const consultationId = await newConsultation();
    const guest = (
      await invite('patient', consultationId, { name: 'Maria', email: 'maria@example.org' }).expect(201)
    ).body.guest as GuestView;
    const token = tokenOf(guest);
    await request(server).get(`/guest-invitations/${token}`).expect(200);

    const first = await request(server)
      .delete(`/consultations/${consultationId}/guests/${guest.id}`)
      .set(authHeader(tokens.specialist))
      .expect(200);
    expect(first.body.guest).toMatchObject({
      id: guest.id,
      revokedAt: expect.any(String),
      inviteUrl: null,
      emailStatus: 'none',
    });
    const second = await request(server)
      .delete(`/consultations/${consultationId}/guests/${guest.id}`)
      .set(authHeader(tokens.patient))
      .expect(200);
    expect(second.body.guest.revokedAt).toBe(first.body.guest.revokedAt);

    const [row] = await ds.query(`SELECT revoked_by FROM consultation_guests WHERE id = $1`, [guest.id]);
    expect(row.revoked_by).toBe(specialist.id);
    const audits = await ds.query(
      `SELECT actor_id FROM audit_events WHERE action = 'guest.revoked' AND entity_id = $1`,
      [consultationId],
    );
    expect(audits).toEqual([{ actor_id: specialist.id }]);
    const [notification] = await ds.query(`SELECT status FROM notifications WHERE guest_id = $1`, [guest.id]);
    expect(notification.status).toBe('cancelled');

    const looked = await request(server).get(`/guest-invitations/${token}`).expect(404);
    expect(looked.body.message).toBe(INVALID_LINK);
    const joined = await request(server).post(`/guest-invitations/${token}/join`).expect(404);
    expect(joined.body.message).toBe(INVALID_LINK);
  });
});
