import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One measured figure beside the reference it is judged against. */
export interface Figure {
  part: string;
  name: string;
  value: number | string;
  unit: string;
  reference: string;
  /** true / false when the figure has a target, undefined when it is informative only. */
  meetsTarget?: boolean;
}

export interface BenchPartResult {
  part: string;
  durationSeconds: number;
  figures: Figure[];
  details?: unknown;
  error?: string;
}

const format = (v: number | string) =>
  typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v;

export function markdownTable(results: BenchPartResult[]): string {
  const lines = ['| part | figure | value | reference | target met |', '| --- | --- | --- | --- | --- |'];
  for (const result of results) {
    if (result.error)
      lines.push(`| ${result.part} | (failed) | ${result.error.replace(/\|/g, '/')} | | no |`);
    for (const f of result.figures) {
      const met = f.meetsTarget === undefined ? '' : f.meetsTarget ? 'yes' : 'no';
      lines.push(`| ${f.part} | ${f.name} | ${format(f.value)} ${f.unit} | ${f.reference} | ${met} |`);
    }
  }
  return lines.join('\n') + '\n';
}

export function writeResults(
  dir: string,
  results: BenchPartResult[],
  machine: Record<string, unknown>,
): void {
  mkdirSync(dir, { recursive: true });
  const report = { finishedAt: new Date().toISOString(), machine, results };
  writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(report, null, 2));
  writeFileSync(
    path.join(dir, 'latest.md'),
    `# Yiqiao benchmarks\n\n${report.finishedAt} on ${String(machine.cpus)} × ${String(machine.cpuModel)}\n\n${markdownTable(results)}`,
  );
}
