import request from 'supertest';
import { signGuestInviteToken } from '@yiqiao/notifications';
import { GUEST_LINK_REQUESTS_PER_WINDOW } from '../../apps/api/src/guests/guest-link-rate-limiter';
import { verifyJoinToken } from '../../apps/sfu/src/signalling/join-token-verifier';
import { authHeader } from '../support/auth';
import { GuestsWorld, GuestView, INVALID_LINK, JOIN_SECRET, tokenOf } from './guests-world';

jest.setTimeout(90_000);

/** What a guest can do with their link: see the invitation, get a join token; throttled; 404/410. */
describe('guests: the personal link, without an account (real PostgreSQL + Redis)', () => {
  const world = new GuestsWorld();
  const { tokens, newConsultation, invite } = world;
  let server: GuestsWorld['server'];
  let ds: GuestsWorld['ds'];

  beforeAll(async () => {
    await world.start();
    ({ server, ds } = world);
  });

  afterAll(() => world.stop());

  it('shows a valid link who is invited to what, without any medical data; tampered links get 404', async () => {
    const consultationId = await newConsultation();
    const guest = (
      await invite('patient', consultationId, { name: 'Maria', timeZone: 'Europe/Madrid' }).expect(201)
    ).body.guest as GuestView;
    const token = tokenOf(guest);
    const res = await request(server).get(`/guest-invitations/${token}`).expect(200);
    const [c] = await ds.query(`SELECT starts_at, ends_at FROM consultations WHERE id = $1`, [
      consultationId,
    ]);
    expect(res.body).toEqual({
      guest: { name: 'Maria', language: 'ru', timeZone: 'Europe/Madrid' },
      consultation: {
        id: consultationId,
        status: 'scheduled',
        startsAt: new Date(c.starts_at).toISOString(),
        endsAt: new Date(c.ends_at).toISOString(),
        specialistName: 'Dr Wang Li',
        departmentName: 'Department of urology',
        departmentNameZh: '泌尿外科',
        institutionName: expect.stringMatching(/^Hospital inst-/),
        institutionNameZh: null,
      },
      // the world's clock is 5 minutes before the start: the guest's window (15 minutes) is open
      joinWindow: {
        opensAt: new Date(new Date(c.starts_at).getTime() - 15 * 60_000).toISOString(),
        closesAt: new Date(new Date(c.ends_at).getTime() + 30 * 60_000).toISOString(),
      },
      joinable: true,
    });
    const text = JSON.stringify(res.body);
    for (const word of ['complaint', 'notes', 'patient', 'Anna', 'email', 'diagnos', 'request'])
      expect(text.toLowerCase()).not.toContain(word.toLowerCase());

    const [id, signature] = token.split('.');
    const flipped = `${id}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
    for (const bad of [
      flipped,
      `${id}.${'A'.repeat(43)}`,
      'not-a-token',
      signGuestInviteToken(id, 'other-secret-0123456789'),
    ]) {
      const refused = await request(server)
        .get(`/guest-invitations/${encodeURIComponent(bad)}`)
        .expect(404);
      expect(refused.body.message).toBe(INVALID_LINK);
      await request(server)
        .post(`/guest-invitations/${encodeURIComponent(bad)}/join`)
        .expect(404);
    }
  });

  it('answers 410 once the consultation is over or cancelled', async () => {
    for (const [status, message] of [
      ['completed', /already taken place/],
      ['cancelled', /was cancelled/],
    ] as const) {
      const consultationId = await newConsultation();
      const guest = (await invite('patient', consultationId, { name: 'Maria' }).expect(201)).body
        .guest as GuestView;
      await ds.query(`UPDATE consultations SET status = $2 WHERE id = $1`, [consultationId, status]);
      const res = await request(server)
        .get(`/guest-invitations/${tokenOf(guest)}`)
        .expect(410);
      expect(res.body.message).toMatch(message);
      await request(server)
        .post(`/guest-invitations/${tokenOf(guest)}/join`)
        .expect(410);
    }
  });

  it('gives the guest a join token the sfu accepts as role guest, and records the join', async () => {
    const consultationId = await newConsultation();
    const guest = (await invite('coordinator', consultationId, { name: 'Maria Smith' }).expect(201)).body
      .guest as GuestView;
    const res = await request(server)
      .post(`/guest-invitations/${tokenOf(guest)}/join`)
      .expect(200);
    expect(res.body).toMatchObject({ sfuUrl: 'http://127.0.0.1:31999', namespace: '/sfu' });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    const claims = verifyJoinToken({ token: res.body.token, consultationId }, JOIN_SECRET, 'sfu-guests');
    expect(claims).toMatchObject({
      cid: consultationId,
      sub: guest.id,
      role: 'guest',
      name: 'Maria Smith',
      node: 'sfu-guests',
    });
    const [pinned] = await ds.query(`SELECT sfu_node_id FROM consultations WHERE id = $1`, [consultationId]);
    expect(pinned.sfu_node_id).toBe('sfu-guests');

    const [row] = await ds.query(`SELECT last_joined_at FROM consultation_guests WHERE id = $1`, [guest.id]);
    expect(row.last_joined_at).toBeInstanceOf(Date);
    const listed = await request(server)
      .get(`/consultations/${consultationId}/guests`)
      .set(authHeader(tokens.patient))
      .expect(200);
    expect(listed.body.guests[0].lastJoinedAt).toBe(new Date(row.last_joined_at).toISOString());
    const audits = await ds.query(
      `SELECT actor_id, actor_role, details FROM audit_events
        WHERE action = 'video.join_token_issued' AND entity_id = $1`,
      [consultationId],
    );
    expect(audits).toEqual([
      {
        actor_id: null,
        actor_role: null,
        details: { callRole: 'guest', guestId: guest.id, sfuNodeId: 'sfu-guests' },
      },
    ]);
    // a guest cannot use their token for the users' join endpoint
    await request(server)
      .post(`/consultations/${consultationId}/join`)
      .set(authHeader(tokenOf(guest)))
      .expect(401);
  });

  it('throttles the public guest-link endpoints per network address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= GUEST_LINK_REQUESTS_PER_WINDOW; i++)
      statuses.push((await request(server).get('/guest-invitations/nothing-here')).status);
    const limited = await request(server).get('/guest-invitations/nothing-here').expect(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body.message).toMatch(/Too many requests/);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 404).length).toBeGreaterThan(0);
  });
});
