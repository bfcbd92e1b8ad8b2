import { DateTime } from 'luxon';
import { addSpecialistToDepartment, createUser } from '@yiqiao/testing';
import { authHeader, loginAs } from '../support/auth';
import { addWeeklyRules, EVERY_DAY } from './scheduling-fixtures';
import { InterpreterStack } from './interpreters-stack';
import { createQualifiedInterpreter, offersOf } from './interpreters-world';

process.env.INTERPRETER_OFFER_SECONDS = '30';
jest.setTimeout(60_000);

/** The trigger through the real booking API: the scheduling transaction runs the interpreter hook. */
describe('booking, rescheduling and cancelling through the api drive the interpreter search', () => {
  const stack = new InterpreterStack();

  beforeAll(() => stack.start());
  afterAll(() => stack.stop());

  it('searches when patient and specialist share no language, restarts on reschedule, stops on cancel', async () => {
    const { ds, world } = stack;
    const specialist = await createUser(ds, 'specialist', {
      institutionId: world.institutionId,
      spokenLanguages: ['zh-cmn'],
    });
    await addSpecialistToDepartment(ds, specialist.id, world.departmentId);
    await addWeeklyRules(ds, specialist.id, [{ weekdays: EVERY_DAY, start: '08:00', end: '18:00' }]);
    const patient = await createUser(ds, 'patient', { spokenLanguages: ['uz'] });
    const interpreter = await createQualifiedInterpreter(ds, world, { pairs: [['uz', 'zh-cmn']] });
    const auth = authHeader(stack.coordinatorToken);
    const start = DateTime.now()
      .setZone('Asia/Shanghai')
      .plus({ days: 5 })
      .set({ hour: 10, minute: 0, second: 0, millisecond: 0 });

    const booked = await stack
      .http()
      .post('/consultations')
      .set(auth)
      .send({
        specialistId: specialist.id,
        patientId: patient.id,
        departmentId: world.departmentId,
        startsAt: start.toISO(),
      })
      .expect(201);
    const consultation = booked.body.id as string;
    const first = await stack.openOffer(consultation, interpreter.id);

    await stack
      .http()
      .post(`/consultations/${consultation}/reschedule`)
      .set(auth)
      .send({ startsAt: start.plus({ hours: 2 }).toISO(), reason: 'Specialist in surgery' })
      .expect(200);
    const second = await stack.openOffer(consultation, interpreter.id);
    expect(second.id).not.toBe(first.id);
    expect((await offersOf(ds, consultation)).find((o) => o.id === first.id)?.state).toBe('withdrawn');

    await stack
      .http()
      .post(`/consultations/${consultation}/cancel`)
      .set(auth)
      .send({ reason: 'Patient recovered' })
      .expect(200);
    const [assignment] = await ds.query(
      `SELECT state FROM interpreter_assignments WHERE consultation_id = $1`,
      [consultation],
    );
    expect(assignment.state).toBe('cancelled');
    const token = await loginAs(stack.api, interpreter.email);
    const gone = await stack
      .http()
      .post(`/interpreters/me/offers/${second.id}/accept`)
      .set(authHeader(token))
      .expect(410);
    expect(gone.body.message).toContain('withdrawn');
  });
});
