import { ClientEvent, ServerEvent } from '@yiqiao/contracts';
import type { EndedNotice } from '@yiqiao/contracts';
import { eventually } from './sfu-support/sfu-test-peer';
import { SfuStack } from './sfu-support/sfu-stack';

/**
 * The lifecycle's rules at the SFU, through real socket.io clients and mediasoup: nothing to end before
 * a patient was admitted; once they were, the specialist's end reaches everyone and the record.
 */
describe('sfu: ending a consultation', () => {
  let stack: SfuStack;
  beforeAll(async () => {
    stack = await SfuStack.start();
  });
  afterAll(() => stack.stop());

  const row = async (id: string) =>
    (await stack.ds.query(`SELECT status, end_cause FROM consultations WHERE id = $1`, [id]))[0] as {
      status: string;
      end_cause: string | null;
    };

  it('refuses the end while nobody has been admitted, and the room stays open', async () => {
    const id = await stack.consultation();
    const specialist = await stack.connect(id, 'specialist');
    await specialist.join();
    const patient = await stack.connect(id, 'patient');
    await patient.join(); // waiting, not admitted
    const refused = await specialist.request(ClientEvent.EndRoom);
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_started' } });
    expect(JSON.stringify(refused)).toMatch(/no-show when its window closes/);
    expect(patient.received(ServerEvent.Ended)).toHaveLength(0);
    await specialist.call(ClientEvent.Admit, { userId: stack.cast.patient.id });
    await eventually(async () => (await row(id)).status === 'in_progress', 'in progress after admission');
  });

  it("completes the consultation on the specialist's end once the patient was admitted", async () => {
    const id = await stack.consultation();
    const { specialist, patient } = await stack.callInProgress(id);
    await eventually(async () => (await row(id)).status === 'in_progress', 'in progress');
    await specialist.call(ClientEvent.EndRoom);
    await eventually(() => patient.received(ServerEvent.Ended).length === 1, 'room:ended to the patient');
    expect((patient.received(ServerEvent.Ended) as EndedNotice[])[0].endedBy).toBe('Dr Wang Li');
    const ended = await eventually(async () => {
      const current = await row(id);
      return current.status === 'completed' && current;
    }, 'completed');
    expect(ended.end_cause).toBe('ended_by_specialist');
  });
});
