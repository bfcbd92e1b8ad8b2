import request from 'supertest';
import { eventually } from '@yiqiao/testing';
import { authHeader } from '../support/auth';
import { TimeRulesWorld } from './time-rules-world';

// A consultation on Tuesday 8 December 2026, 14:00–14:30 Shanghai time (06:00–06:30 UTC); the
// institution keeps the defaults: 15 min lead for patients and interpreters, 30 for staff, 30 min grace.
const START = '2026-12-08T06:00:00Z';

describe('join window and start-now (real api, worker, PostgreSQL and Redis)', () => {
  const world = new TimeRulesWorld();
  beforeAll(() => world.start());
  afterAll(() => world.stop());

  it('refuses each role before its window with 409, a code and the opening instant, and lets it in inside', async () => {
    const id = await world.consultation(START);
    const opens = { patient: '05:45', interpreter: '05:45', specialist: '05:30', coordinator: '05:30' };
    for (const [who, at] of Object.entries(opens) as [keyof typeof opens, string][]) {
      world.setNow(new Date(Date.parse(`2026-12-08T${at}:00Z`) - 1000));
      const early = await world.join(who, id).expect(409);
      expect(early.body).toMatchObject({
        code: 'join_window_not_open',
        opensAt: `2026-12-08T${at}:00.000Z`,
        closesAt: '2026-12-08T07:00:00.000Z',
      });
      expect(early.body.message).toMatch(/opens at 8 Dec 2026 \d\d:\d\d Shanghai time/);
      world.setNow(`2026-12-08T${at}:00Z`);
      const inside = await world.join(who, id).expect(200);
      expect(typeof inside.body.token).toBe('string');
    }
    world.setNow('2026-12-08T07:00:00Z');
    const late = await world.join('patient', id).expect(409);
    expect(late.body).toMatchObject({ code: 'join_window_closed', closesAt: '2026-12-08T07:00:00.000Z' });
    const view = await world.join('specialist', id).expect(409);
    expect(view.body.code).toBe('join_window_closed');
  });

  it('gives a guest the participants’ window: refused before it (409, code, opening), let in inside', async () => {
    const id = await world.consultation('2026-12-11T06:00:00Z');
    world.setNow('2026-12-11T05:00:00Z');
    const invited = await request(world.server)
      .post(`/consultations/${id}/guests`)
      .set(authHeader(world.tokens.patient))
      .send({ name: 'Maria', language: 'ru', timeZone: 'Europe/Moscow' })
      .expect(201);
    const link = (invited.body.guest.inviteUrl as string).split('/guest/')[1];
    const shown = await request(world.server).get(`/guest-invitations/${link}`).expect(200);
    expect(shown.body).toMatchObject({
      joinable: false,
      joinWindow: { opensAt: '2026-12-11T05:45:00.000Z', closesAt: '2026-12-11T07:00:00.000Z' },
    });
    const early = await request(world.server).post(`/guest-invitations/${link}/join`).expect(409);
    expect(early.body).toMatchObject({ code: 'join_window_not_open', opensAt: '2026-12-11T05:45:00.000Z' });
    world.setNow('2026-12-11T05:45:00Z');
    expect((await request(world.server).get(`/guest-invitations/${link}`).expect(200)).body.joinable).toBe(
      true,
    );
    await request(world.server).post(`/guest-invitations/${link}/join`).expect(200);
  });

  it('shows the window on the consultation, in UTC, for the web app to say "opens at"', async () => {
    const id = await world.consultation('2026-12-08T08:00:00Z');
    world.setNow('2026-12-08T02:00:00Z');
    const { body } = await world.joinView(id);
    expect(body.joinWindow).toEqual({
      participantsOpenAt: '2026-12-08T07:45:00.000Z',
      staffOpenAt: '2026-12-08T07:30:00.000Z',
      closesAt: '2026-12-08T09:00:00.000Z',
    });
    expect(body).toMatchObject({ openedEarly: null, noShowParty: null, endCause: null, startedAt: null });
  });

  it('lets a coordinator start early on purpose, with a reason that is recorded', async () => {
    const id = await world.consultation('2026-12-08T10:00:00Z');
    world.setNow('2026-12-08T07:12:00Z'); // 15:12 Shanghai, hours before
    await world.join('patient', id).expect(409);
    await world.startNow('patient', id, 'I am ready').expect(403);
    await world.startNow('specialist', id, 'I am ready').expect(403);
    const short = await world.startNow('coordinator', id, 'x').expect(400);
    expect(JSON.stringify(short.body.message)).toMatch(/reason must be 3 to 500 characters/);

    const started = await world.startNow('coordinator', id, 'Patient online early, doctor free').expect(200);
    expect(started.body.openedEarly).toMatchObject({
      at: '2026-12-08T07:12:00.000Z',
      reason: 'Patient online early, doctor free',
    });
    expect(started.body.joinWindow.participantsOpenAt).toBe('2026-12-08T07:12:00.000Z');
    await world.join('patient', id).expect(200);
    await world.join('interpreter', id).expect(200);
    const again = await world.startNow('coordinator', id, 'twice').expect(409);
    expect(again.body.code).toBe('already_open');

    expect(await world.roomEventKinds(id)).toEqual(['opened_early']);
    const [audit] = await world.ds.query(
      `SELECT actor_id, details FROM audit_events WHERE action = 'consultation.opened_early' AND entity_id = $1`,
      [id],
    );
    expect(audit).toMatchObject({
      actor_id: world.people.coordinator.id,
      details: { reason: 'Patient online early, doctor free' },
    });
  });

  it('refuses start-now once the time is over or for a consultation that is not scheduled', async () => {
    const id = await world.consultation('2026-12-08T12:00:00Z');
    world.setNow('2026-12-08T13:00:00Z'); // the window closed at 13:00 UTC, the sweep has not run
    await world.ds.query(`UPDATE consultations SET status = 'cancelled' WHERE id = $1`, [id]);
    const cancelled = await world.startNow('coordinator', id, 'try').expect(409);
    expect(cancelled.body.code).toBe('wrong_status');
    await world.startNow('coordinator', '6b0c2f7e-0000-4000-8000-000000000000', 'none').expect(404);
  });

  it('keeps a rejoin possible after everyone left, and lets a coordinator reschedule an interrupted call', async () => {
    const id = await world.consultation('2026-12-09T06:00:00Z');
    world.setNow('2026-12-09T06:01:00Z');
    await world.roomEvent(id, 'joined', 'specialist', '2026-12-09T06:00:10Z');
    await world.roomEvent(id, 'joined', 'patient', '2026-12-09T06:00:20Z');
    await world.roomEvent(id, 'admitted', 'specialist', '2026-12-09T06:00:30Z', 'patient');
    await world.roomEvent(id, 'started', 'specialist', '2026-12-09T06:00:30Z');
    await eventually(async () => (await world.row(id)).status === 'in_progress', 'in progress');
    await world.roomEvent(id, 'left', 'patient', '2026-12-09T06:05:00Z');
    await world.roomEvent(id, 'left', 'specialist', '2026-12-09T06:05:10Z');
    await eventually(
      async () => (await world.roomEventKinds(id)).filter((k) => k === 'left').length === 2,
      'left',
    );
    expect((await world.row(id)).status).toBe('in_progress');
    world.setNow('2026-12-09T06:10:00Z');
    await world.join('patient', id).expect(200);

    // after the start the reschedule cut-off has passed: a coordinator overrides it, with a reason
    const move = (who: 'patient' | 'coordinator') =>
      world.reschedule(who, id, {
        startsAt: '2026-12-10T06:00:00Z',
        reason: 'Connection broke down',
        overrideCutoff: true,
      });
    const refused = await move('patient').expect(422);
    expect(refused.body.code).toBe('wrong_status');
    const moved = await move('coordinator').expect(200);
    expect(moved.body).toMatchObject({ status: 'scheduled', startedAt: null });
    expect(moved.body.time.startsAt).toBe('2026-12-10T06:00:00Z');
  });
});
