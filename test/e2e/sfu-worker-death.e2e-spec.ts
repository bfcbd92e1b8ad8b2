import { ServerEvent } from '@yiqiao/contracts';
import { RoomManager } from '../../apps/sfu/src/rooms/room-manager.service';
import { eventually, expectMediaFlowing } from './sfu-support/sfu-test-peer';
import { SfuStack } from './sfu-support/sfu-stack';

describe('sfu: a mediasoup worker dies mid-call', () => {
  let stack: SfuStack;

  beforeAll(async () => {
    stack = await SfuStack.start({ MEDIASOUP_NUM_WORKERS: '2' });
  }, 30_000);

  afterAll(async () => {
    await stack?.stop();
  }, 30_000);

  it('re-creates the room on a live worker and media flows again without user action', async () => {
    const consultationId = await stack.consultation();
    const { specialist, patient } = await stack.callInProgress(consultationId);

    // first resort after a network change: an ICE restart on the same transports
    await patient.restartIce();
    await expectMediaFlowing([specialist, patient]);

    const rooms = stack.sfu.get(RoomManager);
    const deadPid = rooms.get(consultationId)!.worker.pid;
    process.kill(deadPid, 'SIGKILL');

    await eventually(
      () => specialist.mediaRounds === 2 && patient.mediaRounds === 2,
      'both peers to rejoin and redo their media',
    );
    expect(specialist.received(ServerEvent.Rejoin)).toHaveLength(1);
    expect(patient.received(ServerEvent.Rejoin)).toHaveLength(1);
    // the patient was not sent back to the waiting room
    expect(patient.joinResult?.self.status).toBe('in_call');
    expect(rooms.get(consultationId)!.worker.pid).not.toBe(deadPid);
    await expectMediaFlowing([specialist, patient]);

    const health = await eventually(async () => {
      const body = await (await fetch(`${stack.sfuUrl}/health`)).json();
      return body.info?.mediasoup?.workersAlive === 2 && body;
    }, 'a replacement worker');
    expect(health.info.mediasoup.pids).not.toContain(deadPid);
    const [row] = await stack.ds.query(`SELECT status FROM consultations WHERE id = $1`, [consultationId]);
    expect(row.status).toBe('in_progress');
  }, 55_000);
});
