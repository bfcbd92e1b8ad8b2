import { createScheduledConsultation, createUser } from '@yiqiao/testing';
import { InterpreterStepsService } from '../../apps/worker/src/interpreters/interpreter-steps.service';
import { authHeader, loginAs } from '../support/auth';
import { InterpreterStack } from './interpreters-stack';
import {
  assignmentOf,
  createConsultationNeedingInterpreter,
  createQualifiedInterpreter,
  offersOf,
} from './interpreters-world';

// Broadcast offers stay open for 2 minutes (real time): nothing expires unless a test moves the clock.
// The reconciler and the orphan sweep stay out of the way; every step is enqueued by the path itself.
process.env.INTERPRETER_URGENT_OFFER_SECONDS = '120';
process.env.INTERPRETER_PARALLEL_OFFERS = '2';
process.env.INTERPRETER_ESCALATION_CUTOFF_MINUTES = '60';
process.env.INTERPRETER_RECONCILE_SECONDS = '3600';
process.env.INTERPRETER_ORPHAN_SWEEP_SECONDS = '3600';
jest.setTimeout(90_000);

const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

interface NotificationView {
  kind: string;
  recipient_id: string;
  data: { reasons: string[]; minutesToStart?: number; openOffers?: number };
}

/**
 * A consultation that needs an interpreter and starts inside the escalation cut-off: every qualified
 * free interpreter is offered it at once, the coordinators are alerted at the same moment, the first
 * accept wins and the others are withdrawn; with nobody free, it escalates with the reasons.
 */
describe('close consultations that need an interpreter (real PostgreSQL, Redis, BullMQ)', () => {
  const stack = new InterpreterStack();
  let secondCoordinator: string;
  let pairNo = 0;
  /** Each test its own language pair, so candidates of one test never meet another's consultation. */
  const nextPair = (): [string, string] => [
    ['ru', 'ja', 'ko', 'de', 'fr', 'es', 'it', 'pt'][pairNo++],
    'zh-yue',
  ];

  beforeAll(async () => {
    await stack.start();
    secondCoordinator = (
      await createUser(stack.ds, 'coordinator', { institutionId: stack.world.institutionId })
    ).id;
  });
  afterAll(() => stack.stop());

  const coordinators = () => [stack.world.coordinator.id, secondCoordinator].sort();

  async function closeConsultation(pair: [string, string], minutesAhead: number): Promise<string> {
    const startsAt = new Date(stack.now().getTime() + minutesAhead * MINUTE);
    startsAt.setUTCSeconds(0, 0);
    return createConsultationNeedingInterpreter(stack.ds, stack.world, startsAt, {
      patient: pair[0],
      specialist: pair[1],
    });
  }

  /** Books the interpreter on another consultation at the same time as `consultationId`. */
  async function bookElsewhere(interpreterId: string, consultationId: string): Promise<void> {
    const [{ starts_at }]: { starts_at: Date }[] = await stack.ds.query(
      `SELECT starts_at FROM consultations WHERE id = $1`,
      [consultationId],
    );
    const { world, ds } = stack;
    await createScheduledConsultation(ds, {
      institutionId: world.institutionId,
      departmentId: world.departmentId,
      specialistId: (await createUser(ds, 'specialist', { institutionId: world.institutionId })).id,
      patientId: (await createUser(ds, 'patient')).id,
      createdBy: world.coordinator.id,
      startsAt: starts_at,
      interpreterId,
    });
  }

  const escalationsTo = async (consultationId: string): Promise<NotificationView[]> =>
    stack.ds.query(
      `SELECT kind, recipient_id, data FROM notifications
        WHERE consultation_id = $1 AND kind = 'interpreter_escalation' ORDER BY created_at, recipient_id`,
      [consultationId],
    );

  const openOffers = async (consultationId: string) =>
    (await offersOf(stack.ds, consultationId)).filter((o) => o.state === 'offered');

  async function untilOffered(consultationId: string, count: number) {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const open = await openOffers(consultationId);
      if (open.length >= count || Date.now() > deadline) return open;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  // 03:00 and 11:30 Shanghai on a weekday, 19:45 on a Sunday, 23:30 on 31 December (starts next year).
  it.each([
    ['03:00 Shanghai, Wednesday', at('2026-12-01T19:00:00Z')],
    ['11:30 Shanghai, Wednesday', at('2026-12-02T03:30:00Z')],
    ['19:45 Shanghai, Sunday', at('2026-12-06T11:45:00Z')],
    ['23:30 Shanghai, 31 December', at('2026-12-31T15:30:00Z')],
  ])(
    'at %s: offers to every qualified free interpreter at once, alerts the coordinators, one accept wins a race',
    async (_when, now) => {
      stack.setClock(now);
      const pair = nextPair();
      const free = [];
      for (let i = 0; i < 3; i++)
        free.push(await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [pair] }));
      const busy = await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [pair] });
      const otherDialect = await createQualifiedInterpreter(stack.ds, stack.world, {
        pairs: [[pair[0], 'zh-cmn']],
      });
      const consultation = await closeConsultation(pair, 40);
      await bookElsewhere(busy.id, consultation);
      await stack.consultationChanged(consultation, 'booked');

      // All three at once (more than INTERPRETER_PARALLEL_OFFERS = 2), nobody busy or with another dialect.
      const open = await untilOffered(consultation, 3);
      expect(open.map((o) => o.interpreter_id).sort()).toEqual(free.map((f) => f.id).sort());
      const offered = (await offersOf(stack.ds, consultation)).map((o) => o.interpreter_id);
      expect(offered).not.toContain(busy.id);
      expect(offered).not.toContain(otherDialect.id);
      // Deadlines: the short window from the clock's now, never past the start.
      const [{ deadlines, starts_at }]: { deadlines: Date[]; starts_at: Date }[] = await stack.ds.query(
        `SELECT array_agg(DISTINCT o.deadline) AS deadlines, c.starts_at FROM interpreter_offers o
           JOIN consultations c ON c.id = o.consultation_id WHERE o.consultation_id = $1 GROUP BY c.starts_at`,
        [consultation],
      );
      expect(deadlines).toHaveLength(1);
      expect(deadlines[0].getTime() - now.getTime()).toBeGreaterThanOrEqual(120_000);
      expect(deadlines[0].getTime() - now.getTime()).toBeLessThan(150_000);
      expect(deadlines[0].getTime()).toBeLessThan(starts_at.getTime());

      // The coordinators are alerted immediately, while the offers stay open.
      const alerts = await escalationsTo(consultation);
      expect(alerts.map((n) => n.recipient_id).sort()).toEqual(coordinators());
      for (const alert of alerts) {
        expect(alert.data).toEqual({ reasons: ['inside_cutoff'], minutesToStart: 40, openOffers: 3 });
      }
      const [assignment] = await stack.ds.query(
        `SELECT state, escalation_reasons, escalation_details, escalated_at FROM interpreter_assignments
          WHERE consultation_id = $1`,
        [consultation],
      );
      expect(assignment.state).toBe('offered');
      expect(assignment.escalation_reasons).toEqual(['inside_cutoff']);
      expect(assignment.escalation_details.messages[0]).toBe(
        'Starts in 40 minutes; offers sent to 3 interpreters at once (the first to accept is booked)',
      );

      // All three accept at the same moment: exactly one is booked, the others are told why.
      const tokens = await Promise.all(free.map((f) => loginAs(stack.api, f.email)));
      const answers = await Promise.all(
        free.map((f, i) =>
          stack
            .http()
            .post(`/interpreters/me/offers/${open.find((o) => o.interpreter_id === f.id)!.id}/accept`)
            .set(authHeader(tokens[i])),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 410, 410]);
      const winner = free[answers.findIndex((a) => a.status === 200)].id;
      for (const lost of answers.filter((a) => a.status === 410)) {
        expect(lost.body.message).toBe('This offer was withdrawn: another interpreter accepted');
      }
      const offers: { interpreter_id: string; state: string; answer_reason: string | null }[] =
        await stack.ds.query(
          `SELECT interpreter_id, state, answer_reason FROM interpreter_offers WHERE consultation_id = $1`,
          [consultation],
        );
      expect(offers.filter((o) => o.state === 'accepted').map((o) => o.interpreter_id)).toEqual([winner]);
      expect(offers.filter((o) => o.state === 'withdrawn').map((o) => o.answer_reason)).toEqual([
        'another interpreter accepted',
        'another interpreter accepted',
      ]);
      const live = await stack.ds.query(
        `SELECT user_id FROM bookings WHERE consultation_id = $1 AND role = 'interpreter' AND released_at IS NULL`,
        [consultation],
      );
      expect(live).toEqual([{ user_id: winner }]);
      expect(await assignmentOf(stack.ds, consultation)).toEqual({
        state: 'assigned',
        interpreter_id: winner,
        escalation_reasons: [],
      });
      // The alert was raised once, not once per offer or per step.
      expect(await escalationsTo(consultation)).toHaveLength(2);
    },
  );

  it('escalates at once with the reasons when no qualified interpreter is free', async () => {
    stack.setClock(at('2026-12-02T03:30:00Z'));
    const pair = nextPair();
    const busy = await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [pair] });
    await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [[pair[0], 'zh-cmn']] });
    const consultation = await closeConsultation(pair, 30);
    await bookElsewhere(busy.id, consultation);
    await stack.consultationChanged(consultation, 'booked');

    const escalated = await stack.assignmentIn(consultation, 'escalated');
    expect(escalated.escalation_reasons).toEqual(['inside_cutoff', 'all_busy']);
    expect(await offersOf(stack.ds, consultation)).toEqual([]);
    const alerts = await escalationsTo(consultation);
    expect(alerts.map((n) => n.recipient_id).sort()).toEqual(coordinators());
    expect(alerts[0].data.reasons).toEqual(['inside_cutoff', 'all_busy']);
  });

  it('asks an interpreter who becomes free mid-round, and escalates when every offer is refused', async () => {
    const now = at('2026-12-06T11:45:00Z');
    stack.setClock(now);
    const pair = nextPair();
    const [a, b, c] = [
      await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [pair] }),
      await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [pair] }),
      await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [pair] }),
    ];
    const consultation = await closeConsultation(pair, 45);
    await bookElsewhere(c.id, consultation);
    await stack.consultationChanged(consultation, 'booked');
    const first = await untilOffered(consultation, 2);
    expect(first.map((o) => o.interpreter_id).sort()).toEqual([a.id, b.id].sort());

    // c's other booking is released; a declines: the follow-up step asks c, without a second alert.
    await stack.ds.query(`UPDATE bookings SET released_at = now() WHERE user_id = $1`, [c.id]);
    const declined = first.find((o) => o.interpreter_id === a.id)!;
    await stack
      .http()
      .post(`/interpreters/me/offers/${declined.id}/decline`)
      .set(authHeader(await loginAs(stack.api, a.email)))
      .send({ reason: 'in another call' })
      .expect(200);
    await stack.openOffer(consultation, c.id);
    expect(await escalationsTo(consultation)).toHaveLength(2);

    // Nobody else answers: once the deadlines pass (before the start), the search escalates.
    stack.setClock(new Date(now.getTime() + 5 * MINUTE));
    await stack.worker.get(InterpreterStepsService).assign(consultation);
    const escalated = await stack.assignmentIn(consultation, 'escalated');
    expect(escalated.escalation_reasons).toEqual(['inside_cutoff', 'all_declined']);
    expect((await offersOf(stack.ds, consultation)).map((o) => o.state).sort()).toEqual([
      'declined',
      'expired',
      'expired',
    ]);
    const final = (await escalationsTo(consultation)).filter((n) => n.data.reasons.includes('all_declined'));
    expect(final.map((n) => n.recipient_id).sort()).toEqual(coordinators());
  });

  it('stops offering and escalates once the start has come with nobody booked', async () => {
    const now = at('2026-12-31T15:30:00Z');
    stack.setClock(now);
    const pair = nextPair();
    await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [pair] });
    const consultation = await closeConsultation(pair, 2);
    await stack.consultationChanged(consultation, 'booked');
    const open = await stack.openOffer(consultation);
    const [{ deadline, starts_at }]: { deadline: Date; starts_at: Date }[] = await stack.ds.query(
      `SELECT o.deadline, c.starts_at FROM interpreter_offers o JOIN consultations c ON c.id = o.consultation_id
        WHERE o.id = $1`,
      [open.id],
    );
    // The broadcast window is cut at the start (here under the 2-minute offer window).
    expect(deadline).toEqual(starts_at);

    stack.setClock(new Date(now.getTime() + 3 * MINUTE));
    await stack.worker.get(InterpreterStepsService).assign(consultation);
    expect((await stack.assignmentIn(consultation, 'escalated')).escalation_reasons).toEqual([
      'start_reached',
      'all_declined',
    ]);
    expect((await offersOf(stack.ds, consultation)).map((o) => o.state)).toEqual(['expired']);
    const late = await stack
      .http()
      .post(`/interpreters/me/offers/${open.id}/accept`)
      .set(authHeader(await loginAs(stack.api, await userEmail(open.interpreter_id))));
    expect(late.status).toBe(410);
  });

  const userEmail = async (id: string): Promise<string> =>
    (await stack.ds.query(`SELECT email FROM users WHERE id = $1`, [id]))[0].email;
});
