import os from 'node:os';
import path from 'node:path';
import { BenchPartResult, markdownTable, writeResults } from './results';
import { BENCH_PARTS } from './parts';

/**
 * `npm run bench`: runs every benchmark part in turn (each bounded in time and size), prints the
 * figures, and writes test/bench/results/latest.json and latest.md. `npm run bench -- <part> ...` runs
 * only the named parts.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const parts = only.length ? BENCH_PARTS.filter((p) => only.includes(p.name)) : BENCH_PARTS;
  if (only.length && parts.length !== only.length) {
    console.error(`unknown part; known: ${BENCH_PARTS.map((p) => p.name).join(', ')}`);
    process.exit(2);
  }
  const results: BenchPartResult[] = [];
  for (const part of parts) {
    console.log(`\n== ${part.name}: ${part.description}`);
    const started = Date.now();
    try {
      const { figures, details } = await part.run((line) => console.log(line));
      results.push({ part: part.name, durationSeconds: (Date.now() - started) / 1000, figures, details });
    } catch (error) {
      console.error(`   ${part.name} failed:`, error);
      results.push({
        part: part.name,
        durationSeconds: (Date.now() - started) / 1000,
        figures: [],
        error: String(error),
      });
    }
  }
  const dir = path.resolve(__dirname, '../../../test/bench/results');
  writeResults(dir, results, {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    node: process.version,
  });
  console.log(`\n${markdownTable(results)}`);
  console.log(`written to ${path.join(dir, 'latest.json')} and latest.md`);
  process.exit(results.some((r) => r.error) ? 1 : 0);
}

void main();
