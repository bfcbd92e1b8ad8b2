import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { testClockNodeOptions } from './test-clock';

export type AppName = 'api' | 'sfu' | 'worker';
/** Repository root, whether this file runs from source (tests) or from dist/ (benchmarks). */
const ROOT = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../..' : '../../..',
);
const KEPT_OUTPUT = 256 * 1024;

export interface AppProcess {
  child: ChildProcess;
  output(): string;
  /** SIGTERM and wait; the exit code tells whether shutdown was graceful. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs a compiled app (dist/, built by `npm test` before jest) as its own process, exactly as
 * `npm start` does. Output is kept for assertions and for failure messages.
 */
export function spawnApp(app: AppName, env: Record<string, string>): AppProcess {
  const entry = path.join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    cwd: ROOT,
    env: withTestClock({ ...process.env, LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-KEPT_OUTPUT));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = (await once(child, 'exit')) as [number | null];
      return code;
    },
  };
}

/** A run moved to another instant (YIQIAO_TEST_NOW) moves the spawned app's clock too. */
function withTestClock(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const preload = testClockNodeOptions(ROOT);
  return preload ? { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} ${preload}`.trim() } : env;
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopWithin(app: AppProcess, graceMs = 10_000): Promise<void> {
  const timer = setTimeout(() => app.child.kill('SIGKILL'), graceMs);
  try {
    await app.stop('SIGTERM');
  } finally {
    clearTimeout(timer);
  }
}

/** Polls a URL until it answers 200, the process dies, or the deadline passes. */
export async function waitForHealthy(url: string, app: AppProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null)
      throw new Error(`process exited (${app.child.exitCode}):\n${app.output()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not healthy after ${timeoutMs} ms:\n${app.output()}`);
}
