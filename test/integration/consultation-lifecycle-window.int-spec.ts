import { Redis } from 'ioredis';
import request from 'supertest';
import { sfuControlChannel, sfuEndedKey } from '@yiqiao/contracts';
import { eventually, TEST_REDIS_URL } from '@yiqiao/testing';
import { authHeader } from '../support/auth';
import { TimeRulesWorld } from './time-rules-world';

// Consultations at explicit instants in December 2026 (30 minutes, 30 minutes' grace); the clock of
// both apps is set by each test, and the worker's window sweep runs every second.
describe('consultation lifecycle: admission, end and the window closing (real api, worker, PostgreSQL and Redis)', () => {
  const world = new TimeRulesWorld();
  let subscriber: Redis;
  const control: string[] = [];
  beforeAll(async () => {
    await world.start();
    subscriber = new Redis(TEST_REDIS_URL);
    subscriber.on('message', (_channel: string, message: string) => control.push(message));
    await subscriber.subscribe(sfuControlChannel(world.prefix));
  });
  afterAll(async () => {
    subscriber.disconnect();
    await world.stop();
  });

  const status = async (id: string) => (await world.row(id)).status;
  const liveBookings = async (id: string) =>
    (
      await world.ds.query(
        `SELECT count(*)::int AS n FROM bookings WHERE consultation_id = $1 AND released_at IS NULL`,
        [id],
      )
    )[0].n as number;

  it('is in progress only once the patient is admitted inside the window', async () => {
    const id = await world.consultation('2026-12-14T02:00:00Z');
    world.setNow('2026-12-14T00:00:00Z');
    // an admission reported hours before the window (e.g. a stale room) changes nothing
    await world.roomEvent(id, 'started', 'specialist', '2026-12-14T00:00:00Z');
    await eventually(async () => (await world.roomEventKinds(id)).includes('started'), 'started stored');
    expect(await status(id)).toBe('scheduled');
    const [ignored] = await world.ds.query(
      `SELECT details FROM consultation_room_events WHERE consultation_id = $1 AND kind = 'started'`,
      [id],
    );
    expect(ignored.details).toMatchObject({ ignored: 'outside_join_window' });

    await world.roomEvent(id, 'joined', 'patient', '2026-12-14T01:50:00Z');
    await eventually(async () => (await status(id)) === 'waiting', 'waiting');
    await world.roomEvent(id, 'started', 'specialist', '2026-12-14T01:58:00Z');
    await eventually(async () => (await status(id)) === 'in_progress', 'in progress');
    expect((await world.row(id)).started_at).toEqual(new Date('2026-12-14T01:58:00Z'));
  });

  it('completes when the specialist ends it', async () => {
    const id = await world.consultation('2026-12-14T04:00:00Z');
    world.setNow('2026-12-14T04:05:00Z');
    await world.roomEvent(id, 'started', 'specialist', '2026-12-14T04:01:00Z');
    await eventually(async () => (await status(id)) === 'in_progress', 'in progress');
    await world.roomEvent(id, 'ended', 'specialist', '2026-12-14T04:26:00Z');
    const row = await eventually(async () => {
      const current = await world.row(id);
      return current.status === 'completed' && current;
    }, 'completed');
    expect(row).toMatchObject({ end_cause: 'ended_by_specialist', no_show_party: null });
  });

  it('completes an in-progress call when its window closes, and tells the SFU to end the room', async () => {
    const id = await world.consultation('2026-12-15T02:00:00Z');
    world.setNow('2026-12-15T02:10:00Z');
    await world.roomEvent(id, 'started', 'specialist', '2026-12-15T02:01:00Z');
    await world.roomEvent(id, 'left', 'patient', '2026-12-15T02:20:00Z');
    await eventually(async () => (await world.roomEventKinds(id)).includes('left'), 'left stored');
    expect(await status(id)).toBe('in_progress');

    world.setNow('2026-12-15T02:59:59Z'); // a second before the window closes: nothing happens
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await status(id)).toBe('in_progress');

    world.setNow('2026-12-15T03:00:00Z');
    const row = await eventually(async () => {
      const current = await world.row(id);
      return current.status === 'completed' && current;
    }, 'completed by the window closing');
    expect(row).toMatchObject({ end_cause: 'window_closed', ended_at: new Date('2026-12-15T03:00:00Z') });
    expect(await world.roomEventKinds(id)).toContain('window_closed');
    expect(await world.redis.exists(sfuEndedKey(world.prefix, id))).toBe(1);
    await eventually(
      () => control.some((m) => JSON.parse(m).consultationId === id && JSON.parse(m).type === 'end-room'),
      'end-room command',
    );
    const [audit] = await world.ds.query(
      `SELECT actor_id, details FROM audit_events WHERE action = 'consultation.window_closed' AND entity_id = $1`,
      [id],
    );
    expect(audit).toMatchObject({
      actor_id: null,
      details: { previousStatus: 'in_progress', status: 'completed' },
    });
    await world.join('patient', id).expect(409);
  });

  it.each([
    ['patient', 'only the specialist came', ['specialist']],
    ['specialist', 'the patient waited, nobody let them in', ['patient', 'specialist']],
    ['both', 'nobody came', []],
  ] as const)('records a no-show of the %s when %s', async (party, _case, came) => {
    const day = { patient: 16, specialist: 17, both: 18 }[party];
    const id = await world.consultation(`2026-12-${day}T02:00:00Z`);
    world.setNow(`2026-12-${day}T01:50:00Z`);
    for (const who of came) await world.roomEvent(id, 'joined', who, `2026-12-${day}T01:55:00Z`);
    await eventually(async () => (await world.roomEventKinds(id)).length === came.length, 'joins stored');
    expect(await liveBookings(id)).toBe(3);

    world.setNow(`2026-12-${day}T03:00:00Z`);
    const row = await eventually(async () => {
      const current = await world.row(id);
      return current.status === 'no_show' && current;
    }, 'no-show');
    expect(row).toMatchObject({ no_show_party: party, end_cause: 'window_closed' });
    expect(await liveBookings(id)).toBe(0);
    const view = await world.joinView(id);
    expect(view.body).toMatchObject({ status: 'no_show', noShowParty: party, endCause: 'window_closed' });
    const board = await request(world.server)
      .get('/board')
      .query({ date: `2026-12-${day}` })
      .set(authHeader(world.tokens.coordinator))
      .expect(200);
    const cells = (board.body.specialists as { consultations: { id: string }[] }[]).flatMap(
      (s) => s.consultations,
    );
    expect(cells.find((c) => c.id === id)).toMatchObject({ status: 'no_show', noShowParty: party });
  });

  it('cancels the reminders a finished consultation no longer needs', async () => {
    const id = await world.consultation('2026-12-21T02:00:00Z');
    await world.ds.query(
      `INSERT INTO notifications (kind, recipient_id, consultation_id, due_at, status, data)
       VALUES ('reminder', $1, $2, '2026-12-21T01:45:00Z', 'pending', '{"offsetMinutes": 15}')`,
      [world.people.patient.id, id],
    );
    world.setNow('2026-12-21T03:00:00Z');
    await eventually(async () => (await status(id)) === 'no_show', 'no-show');
    const [reminder] = await world.ds.query(
      `SELECT status FROM notifications WHERE consultation_id = $1 AND kind = 'reminder'`,
      [id],
    );
    expect(reminder.status).not.toBe('pending');
  });
});
