import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { AppName, AppProcess } from '@yiqiao/testing';

/** Repository root, whether this file runs from dist/test/bench/support or from source. */
const ROOT = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../..' : '../../..',
);

/**
 * Runs a compiled app as its own process like `spawnApp` of @yiqiao/testing (which resolves dist/
 * relative to the source tree, so it cannot be used from the compiled bench). Output is kept for
 * failure messages, bounded to the last 64 KiB.
 */
export function spawnBenchApp(app: AppName, env: Record<string, string>): AppProcess {
  const entry = path.join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-65_536));
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

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopWithin(app: AppProcess, graceMs = 10_000): Promise<void> {
  const timer = setTimeout(() => app.child.kill('SIGKILL'), graceMs);
  try {
    await app.stop('SIGTERM');
  } finally {
    clearTimeout(timer);
  }
}
