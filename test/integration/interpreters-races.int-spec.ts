import { INTERPRETER_QUEUE, sweepOrphanedSearches, type InterpreterQueue } from '@yiqiao/interpreters';
import { authHeader, loginAs } from '../support/auth';
import { InterpreterStack } from './interpreters-stack';
import { createConsultationNeedingInterpreter, createQualifiedInterpreter } from './interpreters-world';

// No offer expires and the reconciler (full pass or orphan sweep) never runs during the test: every search must settle through
// the chain steps that accepts, refusals and withdrawals enqueue themselves.
process.env.INTERPRETER_OFFER_SECONDS = '120';
process.env.INTERPRETER_URGENT_OFFER_SECONDS = '120';
process.env.INTERPRETER_PARALLEL_OFFERS = '3';
process.env.INTERPRETER_RECONCILE_SECONDS = '3600';
process.env.INTERPRETER_ORPHAN_SWEEP_SECONDS = '3600';
jest.setTimeout(120_000);

const CONSULTATIONS = 16;
const INTERPRETERS = 6;

interface AssignmentView {
  consultation_id: string;
  state: string;
  open_offers: number;
}

/**
 * Close consultations (parallel offers) at the same hour compete for few interpreters who accept every
 * offer at once: winning accepts withdraw the winner's other offers, losing accepts hit the exclusion
 * constraint. Each path that closes a search's last open offer must move that search on by itself.
 */
describe('interpreter assignment races: no search is left offered without an open offer', () => {
  const stack = new InterpreterStack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('settles every search (assigned or escalated) while interpreters accept concurrently', async () => {
    const pair: [string, string][] = [['hy', 'zh-cmn']];
    const interpreters = [];
    for (let i = 0; i < INTERPRETERS; i++)
      interpreters.push(await createQualifiedInterpreter(stack.ds, stack.world, { pairs: pair }));
    const tokens = new Map<string, string>();
    for (const interpreter of interpreters)
      tokens.set(interpreter.id, await loginAs(stack.api, interpreter.email));
    const startsAt = new Date(Date.now() + 6 * 3600_000);
    startsAt.setUTCMinutes(0, 0, 0);
    const consultations: string[] = [];
    for (let i = 0; i < CONSULTATIONS; i++) {
      consultations.push(
        await createConsultationNeedingInterpreter(stack.ds, stack.world, startsAt, {
          patient: 'hy',
          specialist: 'zh-cmn',
        }),
      );
    }
    await Promise.all(consultations.map((id) => stack.consultationChanged(id, 'booked')));

    const tried = new Set<string>();
    const answers = new Map<number, number>();
    const states = async (): Promise<AssignmentView[]> =>
      stack.ds.query(
        `SELECT a.consultation_id, a.state,
                (SELECT count(*)::int FROM interpreter_offers o
                  WHERE o.consultation_id = a.consultation_id AND o.state = 'offered') AS open_offers
           FROM interpreter_assignments a WHERE a.consultation_id = ANY($1)`,
        [consultations],
      );
    const deadline = Date.now() + 60_000;
    let view = await states();
    while (Date.now() < deadline) {
      const open: { id: string; interpreter_id: string }[] = await stack.ds.query(
        `SELECT id, interpreter_id FROM interpreter_offers WHERE state = 'offered' AND consultation_id = ANY($1)`,
        [consultations],
      );
      await Promise.all(
        open
          .filter((o) => !tried.has(o.id))
          .map(async (offer) => {
            tried.add(offer.id);
            const answer = await stack
              .http()
              .post(`/interpreters/me/offers/${offer.id}/accept`)
              .set(authHeader(tokens.get(offer.interpreter_id)!));
            answers.set(answer.status, (answers.get(answer.status) ?? 0) + 1);
          }),
      );
      view = await states();
      if (view.every((a) => a.state === 'assigned' || a.state === 'escalated')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    const stuck = view.filter((a) => a.state === 'offered' && a.open_offers === 0);
    expect(stuck).toEqual([]);
    const tally = (state: string) => view.filter((a) => a.state === state).length;
    expect({ assigned: tally('assigned'), escalated: tally('escalated') }).toEqual({
      assigned: INTERPRETERS,
      escalated: CONSULTATIONS - INTERPRETERS,
    });
    // The races really happened: losing accepts were refused (busy or withdrawn), never a 500.
    expect(answers.get(200)).toBe(INTERPRETERS);
    expect([...answers.keys()].every((status) => [200, 409, 410].includes(status))).toBe(true);
    const [{ overlaps }]: { overlaps: number }[] = await stack.ds.query(
      `SELECT count(*)::int AS overlaps FROM bookings a JOIN bookings b
          ON a.user_id = b.user_id AND a.id < b.id AND a.during && b.during
       WHERE a.role = 'interpreter' AND a.released_at IS NULL AND b.released_at IS NULL`,
    );
    expect(overlaps).toBe(0);
    // Every closing step names its offer in the trail, and no follow-up step is failing and retrying.
    const [{ unnamed }]: { unnamed: number }[] = await stack.ds.query(
      `SELECT count(*)::int AS unnamed FROM audit_events
        WHERE action IN ('interpreter_assignment.offer_withdrawn', 'interpreter_assignment.offer_expired')
          AND (entity_id IS NULL OR details->>'offerId' IS NULL)`,
    );
    expect(unnamed).toBe(0);
    const queue: InterpreterQueue = stack.worker.get(INTERPRETER_QUEUE);
    const retrying = (await queue.getJobs(['failed', 'delayed'])).filter(
      (job) => job.name === 'interpreters:assign',
    );
    expect(retrying.map((job) => [job.id, job.failedReason])).toEqual([]);
  });

  it('the orphan sweep moves on a search whose offers are all closed, after a quiet spell', async () => {
    const interpreter = await createQualifiedInterpreter(stack.ds, stack.world, {
      pairs: [['ka', 'zh-cmn']],
    });
    const startsAt = new Date(Date.now() + 30 * 3600_000);
    const [orphan, busy] = [
      await createConsultationNeedingInterpreter(stack.ds, stack.world, startsAt, {
        patient: 'ka',
        specialist: 'zh-cmn',
      }),
      await createConsultationNeedingInterpreter(stack.ds, stack.world, startsAt, {
        patient: 'ka',
        specialist: 'zh-cmn',
      }),
    ];
    // The state a lost follow-up leaves: 'offered', every offer closed; one closed a minute ago, one just now.
    for (const [id, answeredSecondsAgo] of [
      [orphan, 60],
      [busy, 0],
    ] as const) {
      await stack.ds.query(
        `INSERT INTO interpreter_assignments (consultation_id, institution_id, state, updated_at)
         VALUES ($1, $2, 'offered', now() - interval '2 minutes')`,
        [id, stack.world.institutionId],
      );
      await stack.ds.query(
        `INSERT INTO interpreter_offers (consultation_id, interpreter_id, round, offered_at, deadline, rank, score,
                                         state, answered_at, answer_reason)
         VALUES ($1, $2, 1, now() - interval '2 minutes', now() + interval '1 hour', 1, '{}', 'withdrawn',
                 now() - make_interval(secs => $3), 'the interpreter accepted another consultation at that time')`,
        [id, interpreter.id, answeredSecondsAgo],
      );
    }
    const effects = await stack.ds.transaction((m) => sweepOrphanedSearches(m, new Date(), 5));
    const swept = effects.jobs.flatMap((job) =>
      job.name === 'interpreters:assign' ? [job.consultationId] : [],
    );
    expect(swept).toContain(orphan);
    expect(swept).not.toContain(busy);
  });
});
