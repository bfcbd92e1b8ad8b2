import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import type { GeneratorCommand, GeneratorReply } from './load-generator-protocol';

type StatsReply = Extract<GeneratorReply, { type: 'stats' }>;

/** Starts the load generator pinned to one core and talks to it over IPC. */
export class GeneratorClient {
  private constructor(private readonly child: ChildProcess) {}

  static async start(core: number, recordingsDir: string): Promise<GeneratorClient> {
    const script = path.join(__dirname, 'load-generator.js');
    const child = spawn('taskset', ['-c', String(core), process.execPath, script, recordingsDir], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const client = new GeneratorClient(child);
    await client.next((m) => m.type === 'ready');
    return client;
  }

  private next<T extends GeneratorReply>(match: (m: GeneratorReply) => boolean): Promise<T> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load generator exited (${code})`));
      const onMessage = (m: GeneratorReply) => {
        if (!match(m)) return;
        this.child.off('message', onMessage);
        this.child.off('exit', onExit);
        resolve(m as T);
      };
      this.child.on('message', onMessage);
      this.child.once('exit', onExit);
    });
  }

  private send(command: GeneratorCommand): void {
    this.child.send(command);
  }

  async addSink(id: string): Promise<number> {
    const reply = this.next<Extract<GeneratorReply, { type: 'sinkReady' }>>(
      (m) => m.type === 'sinkReady' && m.id === id,
    );
    this.send({ type: 'addSink', id });
    return (await reply).port;
  }

  async addSender(command: Omit<Extract<GeneratorCommand, { type: 'addSender' }>, 'type'>): Promise<void> {
    const reply = this.next((m) => m.type === 'senderStarted' && m.id === command.id);
    this.send({ type: 'addSender', ...command });
    await reply;
  }

  /** Stops the sender and the sink of one participant (its room was closed). */
  removeParticipant(id: string): void {
    if (this.child.connected) this.send({ type: 'removeParticipant', id });
  }

  resetStats(): void {
    this.send({ type: 'resetStats' });
  }

  async stats(): Promise<StatsReply> {
    const reply = this.next<StatsReply>((m) => m.type === 'stats');
    this.send({ type: 'stats' });
    return reply;
  }

  stop(): void {
    if (this.child.connected) this.send({ type: 'stop' });
  }
}
