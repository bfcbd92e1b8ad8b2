import { advanceAssignment, DEFAULT_OFFER_POLICY } from '@yiqiao/interpreters';
import { NotificationPlanner } from '@yiqiao/notifications';
import { authHeader, loginAs } from '../support/auth';
import { InterpreterStack } from './interpreters-stack';
import {
  assignmentOf,
  createConsultationNeedingInterpreter,
  createQualifiedInterpreter,
  daysFromNow,
  eventually,
  offersOf,
} from './interpreters-world';

// Offers expire after 6 s so the fallback chain runs in seconds.
process.env.INTERPRETER_OFFER_SECONDS = '6';
process.env.INTERPRETER_URGENT_OFFER_SECONDS = '6';
process.env.INTERPRETER_RECONCILE_SECONDS = '30';
jest.setTimeout(60_000);

describe('interpreter assignment: filters, offers and the fallback chain (real PostgreSQL, Redis, BullMQ)', () => {
  const stack = new InterpreterStack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('offers only the exact dialect pair and, when required, a valid specialty certification', async () => {
    const cantonese = await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [['ru', 'zh-yue']] });
    const uncertified = await createQualifiedInterpreter(stack.ds, stack.world, {
      specialties: [{ specialty: 'oncology', certified: false }],
    });
    const cardiology = await createQualifiedInterpreter(stack.ds, stack.world, {
      specialties: [{ specialty: 'cardiology', certified: true }],
    });
    const lapsed = await createQualifiedInterpreter(stack.ds, stack.world, { certifiedUntil: '2020-01-01' });
    const right = await createQualifiedInterpreter(stack.ds, stack.world);
    const mandarin = await createConsultationNeedingInterpreter(stack.ds, stack.world, daysFromNow(3));
    await stack.consultationChanged(mandarin, 'booked');

    const offer = await stack.openOffer(mandarin);
    expect(offer.interpreter_id).toBe(right.id);
    const token = await loginAs(stack.api, right.email);
    await stack
      .http()
      .post(`/interpreters/me/offers/${offer.id}/decline`)
      .set(authHeader(token))
      .send({ reason: 'on leave' })
      .expect(200);

    const escalated = await stack.assignmentIn(mandarin, 'escalated');
    expect(escalated.escalation_reasons).toEqual(['all_declined']);
    const offered = (await offersOf(stack.ds, mandarin)).map((o) => o.interpreter_id);
    for (const wrong of [cantonese, uncertified, cardiology, lapsed]) expect(offered).not.toContain(wrong.id);

    const cantoneseConsultation = await createConsultationNeedingInterpreter(
      stack.ds,
      stack.world,
      daysFromNow(3),
      {
        patient: 'zh-yue',
        specialist: 'ru',
      },
    );
    await stack.consultationChanged(cantoneseConsultation, 'booked');
    expect((await stack.openOffer(cantoneseConsultation)).interpreter_id).toBe(cantonese.id);

    const gulf = await createConsultationNeedingInterpreter(stack.ds, stack.world, daysFromNow(3), {
      patient: 'ar-afb',
      specialist: 'zh-cmn',
    });
    await stack.consultationChanged(gulf, 'booked');
    expect((await stack.assignmentIn(gulf, 'escalated')).escalation_reasons).toEqual(['no_language_pair']);

    const board = await stack
      .http()
      .get('/interpreter-assignments?state=escalated')
      .set(authHeader(stack.coordinatorToken))
      .expect(200);
    const gulfRow = board.body.find((row: { consultationId: string }) => row.consultationId === gulf);
    expect(gulfRow.escalationDetails.messages[0]).toContain('No interpreter has this language pair');

    // Messages are rows written with each step: the offer to the interpreter, the escalation to coordinators.
    const messages: { kind: string; recipient_id: string }[] = await stack.ds.query(
      `SELECT kind, recipient_id FROM notifications WHERE consultation_id = ANY($1) AND kind LIKE 'interpreter_%'`,
      [[mandarin, gulf]],
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        { kind: 'interpreter_offer', recipient_id: right.id },
        { kind: 'interpreter_escalation', recipient_id: stack.world.coordinator.id },
      ]),
    );
  });

  it('moves on after a decline and after a timeout, and refuses a late accept clearly', async () => {
    const pair: [string, string][] = [['ja', 'zh-cmn']];
    const people = [
      await createQualifiedInterpreter(stack.ds, stack.world, { pairs: pair }),
      await createQualifiedInterpreter(stack.ds, stack.world, { pairs: pair }),
      await createQualifiedInterpreter(stack.ds, stack.world, { pairs: pair }),
    ];
    const tokens = new Map(
      await Promise.all(people.map(async (p) => [p.id, await loginAs(stack.api, p.email)] as const)),
    );
    const consultation = await createConsultationNeedingInterpreter(stack.ds, stack.world, daysFromNow(4), {
      patient: 'ja',
      specialist: 'zh-cmn',
    });
    await stack.consultationChanged(consultation, 'booked');

    const first = await stack.openOffer(consultation);
    await stack
      .http()
      .post(`/interpreters/me/offers/${first.id}/decline`)
      .set(authHeader(tokens.get(first.interpreter_id)!))
      .send({})
      .expect(200);
    const second = await eventually('the second offer', async () =>
      (await offersOf(stack.ds, consultation)).find((o) => o.state === 'offered' && o.id !== first.id),
    );
    expect(second.interpreter_id).not.toBe(first.interpreter_id);

    // Nobody answers the second offer: its delayed timeout job expires it and the third is asked.
    const third = await eventually('the third offer after the timeout', async () =>
      (await offersOf(stack.ds, consultation)).find(
        (o) => o.state === 'offered' && ![first.id, second.id].includes(o.id),
      ),
    );
    expect((await offersOf(stack.ds, consultation)).find((o) => o.id === second.id)?.state).toBe('expired');

    const late = await stack
      .http()
      .post(`/interpreters/me/offers/${second.id}/accept`)
      .set(authHeader(tokens.get(second.interpreter_id)!))
      .expect(410);
    expect(late.body.message).toMatch(/expired at .*offered to another interpreter/);
    const declinedAgain = await stack
      .http()
      .post(`/interpreters/me/offers/${first.id}/accept`)
      .set(authHeader(tokens.get(first.interpreter_id)!))
      .expect(409);
    expect(declinedAgain.body.message).toContain('already declined');
    const notMine = await stack
      .http()
      .post(`/interpreters/me/offers/${third.id}/accept`)
      .set(authHeader(tokens.get(first.interpreter_id)!))
      .expect(404);
    expect(notMine.body.message).toContain('No offer');

    await stack
      .http()
      .post(`/interpreters/me/offers/${third.id}/accept`)
      .set(authHeader(tokens.get(third.interpreter_id)!))
      .expect(200);
    await stack
      .http()
      .post(`/interpreters/me/offers/${third.id}/accept`)
      .set(authHeader(tokens.get(third.interpreter_id)!))
      .expect(200);
    const [row] = await stack.ds.query(`SELECT interpreter_id FROM consultations WHERE id = $1`, [
      consultation,
    ]);
    expect(row.interpreter_id).toBe(third.interpreter_id);
    const bookings = await stack.ds.query(
      `SELECT user_id FROM bookings WHERE consultation_id = $1 AND role = 'interpreter' AND released_at IS NULL`,
      [consultation],
    );
    expect(bookings).toEqual([{ user_id: third.interpreter_id }]);
    expect((await assignmentOf(stack.ds, consultation)).state).toBe('assigned');

    const trail = await stack
      .http()
      .get(`/interpreter-assignments/${consultation}`)
      .set(authHeader(stack.coordinatorToken))
      .expect(200);
    expect(trail.body.offers.map((o: { state: string }) => o.state)).toEqual([
      'declined',
      'expired',
      'accepted',
    ]);
    expect(trail.body.offers[0].answerReason).toBeNull();
    const actions = trail.body.events.map((e: { action: string }) => e.action);
    for (const step of [
      'search_started',
      'offer_made',
      'offer_declined',
      'offer_expired',
      'offer_accepted',
    ]) {
      expect(actions).toContain(`interpreter_assignment.${step}`);
    }
    const schedule = await stack
      .http()
      .get('/interpreters/me/schedule')
      .set(authHeader(tokens.get(third.interpreter_id)!))
      .expect(200);
    expect(schedule.body.map((s: { consultationId: string }) => s.consultationId)).toEqual([consultation]);
  });

  it('offers in parallel when close, and replaces an interpreter who cancels (a late cancellation)', async () => {
    const pair: [string, string][] = [['ko', 'zh-cmn']];
    const [k1, k2] = [
      await createQualifiedInterpreter(stack.ds, stack.world, { pairs: pair }),
      await createQualifiedInterpreter(stack.ds, stack.world, { pairs: pair }),
    ];
    const soon = new Date(Date.now() + 6 * 3600_000);
    const consultation = await createConsultationNeedingInterpreter(stack.ds, stack.world, soon, {
      patient: 'ko',
      specialist: 'zh-cmn',
    });
    await stack.consultationChanged(consultation, 'booked');

    const offers = await eventually('two parallel offers', async () => {
      const open = (await offersOf(stack.ds, consultation)).filter((o) => o.state === 'offered');
      return open.length === 2 ? open : undefined;
    });
    const k1Offer = offers.find((o) => o.interpreter_id === k1.id)!;
    const k1Token = await loginAs(stack.api, k1.email);
    await stack
      .http()
      .post(`/interpreters/me/offers/${k1Offer.id}/accept`)
      .set(authHeader(k1Token))
      .expect(200);
    const k2Offer = offers.find((o) => o.interpreter_id === k2.id)!;
    const k2Token = await loginAs(stack.api, k2.email);
    const filled = await stack
      .http()
      .post(`/interpreters/me/offers/${k2Offer.id}/accept`)
      .set(authHeader(k2Token))
      .expect(410);
    expect(filled.body.message).toContain('another interpreter accepted');

    await stack
      .http()
      .post(`/interpreters/me/consultations/${consultation}/cancel`)
      .set(authHeader(k1Token))
      .expect(204);
    const [profile] = await stack.ds.query(
      `SELECT late_cancellations FROM interpreter_profiles WHERE user_id = $1`,
      [k1.id],
    );
    expect(profile.late_cancellations).toBe(1);
    const replacement = await stack.openOffer(consultation, k2.id);
    await stack
      .http()
      .post(`/interpreters/me/offers/${replacement.id}/accept`)
      .set(authHeader(k2Token))
      .expect(200);
    expect((await stack.assignmentIn(consultation, 'assigned')).interpreter_id).toBe(k2.id);
    const live = await stack.ds.query(
      `SELECT user_id FROM bookings WHERE consultation_id = $1 AND role = 'interpreter' AND released_at IS NULL`,
      [consultation],
    );
    expect(live).toEqual([{ user_id: k2.id }]);
  });

  it('does nothing twice when a step runs twice', async () => {
    await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [['kk', 'zh-cmn']] });
    await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [['kk', 'zh-cmn']] });
    const consultation = await createConsultationNeedingInterpreter(stack.ds, stack.world, daysFromNow(8), {
      patient: 'kk',
      specialist: 'zh-cmn',
    });
    // The step is run by hand here (no job), with the default 4-hour deadline.
    await stack.ds.query(
      `INSERT INTO interpreter_assignments (consultation_id, institution_id) VALUES ($1, $2)`,
      [consultation, stack.world.institutionId],
    );
    const deps = { policy: DEFAULT_OFFER_POLICY, notifier: stack.api.get(NotificationPlanner) };
    const step = () => stack.ds.transaction((m) => advanceAssignment(m, consultation, deps, new Date()));
    expect((await step()).jobs.map((j) => j.name)).toEqual(['interpreters:offer-timeout']);
    expect((await step()).jobs).toEqual([]);
    expect((await offersOf(stack.ds, consultation)).map((o) => o.state)).toEqual(['offered']);
    const [made] = await stack.ds.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE entity_id = $1 AND action = 'interpreter_assignment.offer_made'`,
      [consultation],
    );
    expect(made.n).toBe(1);
  });
});
