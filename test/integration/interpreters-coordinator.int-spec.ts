import { authHeader, loginAs } from '../support/auth';
import { InterpreterStack } from './interpreters-stack';
import {
  assignmentOf,
  createConsultationNeedingInterpreter,
  createQualifiedInterpreter,
  daysFromNow,
} from './interpreters-world';

// Offers expire after 6 s so the fallback chain runs in seconds.
process.env.INTERPRETER_OFFER_SECONDS = '6';
process.env.INTERPRETER_URGENT_OFFER_SECONDS = '6';
process.env.INTERPRETER_RECONCILE_SECONDS = '30';
jest.setTimeout(60_000);

describe('interpreter assignment: coordinator overrides, cancellation, interpreter settings (real PostgreSQL, Redis, BullMQ)', () => {
  const stack = new InterpreterStack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('lets a coordinator assign a qualified free interpreter directly and remove one', async () => {
    const pair: [string, string][] = [['fr', 'zh-cmn']];
    const qualified = await createQualifiedInterpreter(stack.ds, stack.world, { pairs: pair });
    const uncertified = await createQualifiedInterpreter(stack.ds, stack.world, {
      pairs: pair,
      specialties: [],
    });
    const startsAt = daysFromNow(5);
    const consultation = await createConsultationNeedingInterpreter(stack.ds, stack.world, startsAt, {
      patient: 'fr',
      specialist: 'zh-cmn',
    });
    const auth = authHeader(stack.coordinatorToken);

    const refused = await stack
      .http()
      .put(`/interpreter-assignments/${consultation}/interpreter`)
      .set(auth)
      .send({ interpreterId: uncertified.id })
      .expect(409);
    expect(refused.body.message).toContain('holds no valid certification');
    await stack
      .http()
      .put(`/interpreter-assignments/${consultation}/interpreter`)
      .set(auth)
      .send({ interpreterId: 'nope' })
      .expect(400);
    const candidates = await stack
      .http()
      .get(`/interpreter-assignments/${consultation}/candidates`)
      .set(auth)
      .expect(200);
    expect(candidates.body.map((c: { interpreterId: string }) => c.interpreterId)).toEqual([qualified.id]);

    await stack
      .http()
      .put(`/interpreter-assignments/${consultation}/interpreter`)
      .set(auth)
      .send({ interpreterId: qualified.id })
      .expect(204);
    expect((await assignmentOf(stack.ds, consultation)).interpreter_id).toBe(qualified.id);
    const other = await createConsultationNeedingInterpreter(stack.ds, stack.world, startsAt, {
      patient: 'fr',
      specialist: 'zh-cmn',
    });
    const busy = await stack
      .http()
      .put(`/interpreter-assignments/${other}/interpreter`)
      .set(auth)
      .send({ interpreterId: qualified.id })
      .expect(409);
    expect(busy.body.message).toContain('booked at an overlapping time');

    await stack.http().delete(`/interpreter-assignments/${consultation}/interpreter`).set(auth).expect(204);
    const [row] = await stack.ds.query(`SELECT interpreter_id FROM consultations WHERE id = $1`, [
      consultation,
    ]);
    expect(row.interpreter_id).toBeNull();
    // The search restarts without the removed interpreter; nobody else qualifies.
    expect((await stack.assignmentIn(consultation, 'escalated')).escalation_reasons).toEqual([
      'no_certified_interpreter',
    ]);
  });

  it('withdraws open offers when the consultation is cancelled', async () => {
    const interpreter = await createQualifiedInterpreter(stack.ds, stack.world, {
      pairs: [['de', 'zh-cmn']],
    });
    const consultation = await createConsultationNeedingInterpreter(stack.ds, stack.world, daysFromNow(6), {
      patient: 'de',
      specialist: 'zh-cmn',
    });
    await stack.consultationChanged(consultation, 'booked');
    const offer = await stack.openOffer(consultation);
    await stack.ds.query(
      `UPDATE consultations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`,
      [consultation],
    );
    await stack.consultationChanged(consultation, 'cancelled');
    expect((await assignmentOf(stack.ds, consultation)).state).toBe('cancelled');
    const token = await loginAs(stack.api, interpreter.email);
    const gone = await stack
      .http()
      .post(`/interpreters/me/offers/${offer.id}/accept`)
      .set(authHeader(token))
      .expect(410);
    expect(gone.body.message).toContain('withdrawn');
  });

  it('keeps working hours (Shanghai time) and language pairs through the interpreter API', async () => {
    const interpreter = await createQualifiedInterpreter(stack.ds, stack.world, {
      pairs: [['es', 'zh-cmn']],
    });
    const token = await loginAs(stack.api, interpreter.email);
    const auth = authHeader(token);
    const bad = await stack
      .http()
      .put('/interpreters/me/language-pairs')
      .set(auth)
      .send({ pairs: [{ languageA: 'xx', languageB: 'zh-cmn' }] })
      .expect(400);
    expect(bad.body.message.join(' ')).toContain('languageA must be one of');
    await stack
      .http()
      .put('/interpreters/me/language-pairs')
      .set(auth)
      .send({ pairs: [{ languageA: 'zh-cmn', languageB: 'es' }] })
      .expect(204);
    expect((await stack.http().get('/interpreters/me/language-pairs').set(auth).expect(200)).body).toEqual([
      { languageA: 'es', languageB: 'zh-cmn' },
    ]);
    const inverted = await stack
      .http()
      .put('/interpreters/me/working-hours')
      .set(auth)
      .send({ windows: [{ weekday: 1, startMinute: 600, endMinute: 540 }] })
      .expect(400);
    expect(inverted.body.message).toContain('must end after it starts');

    // daysFromNow(…, 2) is 10:00 in Shanghai; a window of 13:00–18:00 on that weekday excludes it.
    const startsAt = daysFromNow(7, 2);
    const weekday = ((startsAt.getUTCDay() + 6) % 7) + 1;
    await stack
      .http()
      .put('/interpreters/me/working-hours')
      .set(auth)
      .send({ windows: [{ weekday, startMinute: 780, endMinute: 1080 }] })
      .expect(204);
    expect((await stack.http().get('/interpreters/me/working-hours').set(auth).expect(200)).body).toEqual([
      { weekday, startMinute: 780, endMinute: 1080 },
    ]);
    const consultation = await createConsultationNeedingInterpreter(stack.ds, stack.world, startsAt, {
      patient: 'es',
      specialist: 'zh-cmn',
    });
    await stack.consultationChanged(consultation, 'booked');
    expect((await stack.assignmentIn(consultation, 'escalated')).escalation_reasons).toEqual([
      'outside_working_hours',
    ]);

    await stack.http().get('/interpreters/me/offers').set(authHeader(stack.coordinatorToken)).expect(403);
  });
});
