import type { Figure } from './results';

export interface BenchPart {
  name: string;
  description: string;
  run(log: (line: string) => void): Promise<{ figures: Figure[]; details?: unknown }>;
}
