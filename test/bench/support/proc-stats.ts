import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Resident set size of a process in KiB, from /proc/<pid>/status (VmRSS). */
export function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]);
}

/** CPU time (user + system) a process has used so far, in milliseconds, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the parenthesised command name; utime and stime are fields 14 and 15 (1-based)
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / clockTicksPerSecond();
}

let ticksPerSecond: number | undefined;
function clockTicksPerSecond(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  return ticksPerSecond;
}

/** Direct children of a process (e.g. the mediasoup workers of an sfu). */
export function childPids(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)])
      .toString()
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there are none
  }
}

/** Measures the CPU share (percent of one core) a process uses between start() and stop(). */
export function cpuMeter(pid: number): { stop(): number } {
  const startedCpu = cpuMs(pid);
  const startedAt = performance.now();
  return { stop: () => ((cpuMs(pid) - startedCpu) / (performance.now() - startedAt)) * 100 };
}

/** The same for this process, from process.cpuUsage(). */
export function ownCpuMeter(): { stop(): number } {
  const started = process.cpuUsage();
  const startedAt = performance.now();
  return {
    stop: () => {
      const used = process.cpuUsage(started);
      return ((used.user + used.system) / 1000 / (performance.now() - startedAt)) * 100;
    },
  };
}
