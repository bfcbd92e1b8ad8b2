import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, freePort } from '@yiqiao/testing';

/**
 * A real coturn (Debian's `turnserver`, installed by infra/test-deps.sh) on loopback, configured like
 * infra/coturn/turnserver.conf: shared-secret credentials, no TLS, relaying only to 127.0.0.1 where the
 * SFU listens. Its log is kept so a test can see the allocations it made.
 */
export class Coturn {
  private log = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
  }

  static async start(secret: string): Promise<Coturn> {
    const port = await freePort();
    const relayBase = 50_000 + Math.floor(Math.random() * 200) * 50;
    const dir = mkdtempSync(join(tmpdir(), 'yiqiao-coturn-'));
    const child = spawn(
      'turnserver',
      [
        '-n', // no configuration file: everything is on this command line
        `--listening-ip=127.0.0.1`,
        `--listening-port=${port}`,
        `--relay-ip=127.0.0.1`,
        `--min-port=${relayBase}`,
        `--max-port=${relayBase + 49}`,
        '--use-auth-secret',
        `--static-auth-secret=${secret}`,
        '--realm=yiqiao.test',
        '--fingerprint',
        '--no-tls',
        '--no-dtls',
        '--no-cli',
        '--no-tcp-relay',
        // the SFU is on loopback in this test; production keeps loopback and private peers denied
        '--allow-loopback-peers',
        `--userdb=${join(dir, 'turndb')}`,
        `--pidfile=${join(dir, 'turnserver.pid')}`,
        '--log-file=stdout',
        '--simple-log',
        '--verbose',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const coturn = new Coturn(child, dir, `turn:127.0.0.1:${port}?transport=udp`);
    await eventually(() => {
      if (child.exitCode !== null) throw new Error(`turnserver exited (${child.exitCode}):\n${coturn.log}`);
      return /listener opened on|IPv4\. UDP listener opened/i.test(coturn.log);
    }, 'turnserver to listen');
    return coturn;
  }

  output(): string {
    return this.log;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (this.child.exitCode === null) this.child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
