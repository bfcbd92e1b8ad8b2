import { authHeader, loginAs } from '../support/auth';
import { InterpreterStack } from './interpreters-stack';
import {
  assignmentOf,
  createConsultationNeedingInterpreter,
  createQualifiedInterpreter,
  offersOf,
} from './interpreters-world';

process.env.INTERPRETER_URGENT_OFFER_SECONDS = '120';
process.env.INTERPRETER_RECONCILE_SECONDS = '3600';
process.env.INTERPRETER_ORPHAN_SWEEP_SECONDS = '3600';
jest.setTimeout(60_000);

const NOW = new Date('2026-12-02T01:15:00Z'); // 09:15 Shanghai, a Wednesday

/**
 * The call's lifecycle closes the search: the worker reports the call started or ended, or the join
 * window closed with nobody admitted (no-show). A patient in the waiting room still gets an interpreter.
 */
describe('close consultations: the call starting, ending or not happening closes the interpreter search', () => {
  const stack = new InterpreterStack();
  let pairNo = 0;
  const nextPair = (): [string, string] => [['ru', 'ja', 'ko', 'de', 'fr'][pairNo++], 'zh-cmn'];

  beforeAll(async () => {
    await stack.start();
    stack.setClock(NOW);
  });
  afterAll(() => stack.stop());

  async function consultationWithOpenOffer(minutesAhead: number) {
    const pair = nextPair();
    const interpreter = await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [pair] });
    const startsAt = new Date(stack.now().getTime() + minutesAhead * 60_000);
    const consultation = await createConsultationNeedingInterpreter(stack.ds, stack.world, startsAt, {
      patient: pair[0],
      specialist: pair[1],
    });
    await stack.consultationChanged(consultation, 'booked');
    const offer = await stack.openOffer(consultation, interpreter.id);
    return { consultation, interpreter, offer };
  }

  /** What the recorder or the window-closing job writes before it runs the hooks. */
  const setStatus = (id: string, status: string) =>
    stack.ds.query(`UPDATE consultations SET status = $2, no_show_party = $3 WHERE id = $1`, [
      id,
      status,
      status === 'no_show' ? 'patient' : null,
    ]);

  const answerOf = async (offerId: string) =>
    (
      await stack.ds.query(`SELECT state, answer_reason FROM interpreter_offers WHERE id = $1`, [offerId])
    )[0] as { state: string; answer_reason: string };

  it('withdraws open offers and closes the search when the call starts without an interpreter', async () => {
    const { consultation, interpreter, offer } = await consultationWithOpenOffer(20);
    await setStatus(consultation, 'in_progress');
    await stack.consultationChanged(consultation, 'started', 'worker');

    expect(await answerOf(offer.id)).toEqual({
      state: 'withdrawn',
      answer_reason: 'the consultation has started',
    });
    expect((await assignmentOf(stack.ds, consultation)).state).toBe('cancelled');
    const refused = await stack
      .http()
      .post(`/interpreters/me/offers/${offer.id}/accept`)
      .set(authHeader(await loginAs(stack.api, interpreter.email)))
      .expect(410);
    expect(refused.body.message).toBe('This offer was withdrawn: the consultation has started');
    const [trail] = await stack.ds.query(
      `SELECT details FROM audit_events WHERE entity_id = $1 AND action = 'interpreter_assignment.search_closed'`,
      [consultation],
    );
    expect(trail.details).toMatchObject({
      cause: 'the consultation has started',
      withdrawnOffers: [offer.id],
    });
  });

  it('keeps the assigned interpreter when the call starts and ends', async () => {
    const { consultation, interpreter, offer } = await consultationWithOpenOffer(30);
    await stack
      .http()
      .post(`/interpreters/me/offers/${offer.id}/accept`)
      .set(authHeader(await loginAs(stack.api, interpreter.email)))
      .expect(200);
    await setStatus(consultation, 'in_progress');
    await stack.consultationChanged(consultation, 'started', 'worker');
    await setStatus(consultation, 'completed');
    await stack.consultationChanged(consultation, 'completed', 'worker');

    expect(await assignmentOf(stack.ds, consultation)).toMatchObject({
      state: 'assigned',
      interpreter_id: interpreter.id,
    });
    const live = await stack.ds.query(
      `SELECT user_id FROM bookings WHERE consultation_id = $1 AND role = 'interpreter' AND released_at IS NULL`,
      [consultation],
    );
    expect(live).toEqual([{ user_id: interpreter.id }]);
  });

  it('cancels the search and releases the interpreter on a no-show', async () => {
    const { consultation, offer } = await consultationWithOpenOffer(25);
    await setStatus(consultation, 'no_show');
    await stack.consultationChanged(consultation, 'no_show', 'worker');
    expect(await answerOf(offer.id)).toEqual({
      state: 'withdrawn',
      answer_reason: 'the consultation was a no-show (the join window closed without the patient admitted)',
    });
    expect((await assignmentOf(stack.ds, consultation)).state).toBe('cancelled');

    const assigned = await consultationWithOpenOffer(50);
    await stack
      .http()
      .post(`/interpreters/me/offers/${assigned.offer.id}/accept`)
      .set(authHeader(await loginAs(stack.api, assigned.interpreter.email)))
      .expect(200);
    await setStatus(assigned.consultation, 'no_show');
    await stack.consultationChanged(assigned.consultation, 'no_show', 'worker');
    expect((await assignmentOf(stack.ds, assigned.consultation)).state).toBe('cancelled');
    const live = await stack.ds.query(
      `SELECT user_id FROM bookings WHERE consultation_id = $1 AND role = 'interpreter' AND released_at IS NULL`,
      [assigned.consultation],
    );
    expect(live).toEqual([]);
  });

  it('still finds an interpreter while the patient waits in the waiting room', async () => {
    const pair = nextPair();
    const interpreter = await createQualifiedInterpreter(stack.ds, stack.world, { pairs: [pair] });
    const startsAt = new Date(stack.now().getTime() + 10 * 60_000);
    const consultation = await createConsultationNeedingInterpreter(stack.ds, stack.world, startsAt, {
      patient: pair[0],
      specialist: pair[1],
    });
    await setStatus(consultation, 'waiting');
    await stack.consultationChanged(consultation, 'booked');
    const offer = await stack.openOffer(consultation, interpreter.id);
    expect((await offersOf(stack.ds, consultation)).map((o) => o.state)).toEqual(['offered']);
    await stack
      .http()
      .post(`/interpreters/me/offers/${offer.id}/accept`)
      .set(authHeader(await loginAs(stack.api, interpreter.email)))
      .expect(200);
    expect((await assignmentOf(stack.ds, consultation)).interpreter_id).toBe(interpreter.id);
  });
});
