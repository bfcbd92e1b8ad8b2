import { ClientEvent } from '@yiqiao/contracts';
import { sleep } from '../stats';
import { BenchClient, request } from './signalling-clients';

export interface SteadyResult {
  sent: number;
  acked: number;
  refused: Record<string, number>;
  timedOut: number;
  latenciesMs: number[];
  messagesPerSecond: number;
}

/**
 * Every client sends one `quality:report` (what the web app sends from its getStats loop; unchanged
 * quality, so the server validates, checks admission and acks without a broadcast) every `intervalMs`,
 * start times spread evenly over the interval, for `durationMs`.
 */
export async function steadyAcks(
  clients: BenchClient[],
  intervalMs: number,
  durationMs: number,
): Promise<SteadyResult> {
  const result: SteadyResult = {
    sent: 0,
    acked: 0,
    refused: {},
    timedOut: 0,
    latenciesMs: [],
    messagesPerSecond: 0,
  };
  const deadline = performance.now() + durationMs;
  const pending: Promise<void>[] = [];
  const loop = async (client: BenchClient, offsetMs: number) => {
    await sleep(offsetMs);
    while (performance.now() < deadline) {
      const tickStarted = performance.now();
      result.sent++;
      const sent = request(client.socket, ClientEvent.ReportQuality, { quality: 'good' }, 5_000).then(
        ({ ack, ms }) => {
          if (ack.ok) {
            result.acked++;
            result.latenciesMs.push(ms);
          } else result.refused[ack.error.code] = (result.refused[ack.error.code] ?? 0) + 1;
        },
        () => void result.timedOut++,
      );
      pending.push(sent);
      await sleep(Math.max(0, intervalMs - (performance.now() - tickStarted)));
    }
  };
  const started = performance.now();
  await Promise.all(clients.map((c, i) => loop(c, (i / clients.length) * intervalMs)));
  await Promise.all(pending);
  result.messagesPerSecond = result.sent / ((performance.now() - started) / 1000);
  return result;
}
