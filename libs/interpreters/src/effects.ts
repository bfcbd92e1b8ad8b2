import type { AfterCommit } from '@yiqiao/persistence';
import type { Role } from '@yiqiao/domain';

/** A job to enqueue once the transaction that made it necessary has committed. */
export type InterpreterJob =
  | { name: 'interpreters:assign'; consultationId: string; jobId: string }
  | { name: 'interpreters:offer-timeout'; offerId: string; runAt: Date; delayMs: number };

/** Who did a step; null for the automatic assignment itself. */
export interface Actor {
  id: string;
  /** Null when only the id is known (e.g. a consultation change reported by another module). */
  role: Role | null;
}

/** What a step leaves to do after commit: jobs to enqueue and other after-commit work (notifications). */
export class StepEffects {
  readonly jobs: InterpreterJob[] = [];
  readonly afterCommit: AfterCommit[] = [];

  assign(consultationId: string, round: number, attempt = 'step'): void {
    // A malformed id would dedupe unrelated steps into one BullMQ jobId and lose them: fail loudly.
    if (!consultationId || !Number.isInteger(round)) {
      throw new Error(`Invalid interpreter assign step (consultation ${consultationId}, round ${round})`);
    }
    const jobId = `assign-${consultationId}-r${round}-${attempt}`;
    if (!this.jobs.some((j) => j.name === 'interpreters:assign' && j.jobId === jobId)) {
      this.jobs.push({ name: 'interpreters:assign', consultationId, jobId });
    }
  }

  /** `now` is the step's clock reading: the job's delay is measured from it, not from the host clock. */
  timeout(offerId: string, runAt: Date, now: Date): void {
    if (!offerId || Number.isNaN(runAt.getTime())) throw new Error(`Invalid offer timeout (${offerId})`);
    const delayMs = Math.max(0, runAt.getTime() - now.getTime());
    this.jobs.push({ name: 'interpreters:offer-timeout', offerId, runAt, delayMs });
  }

  merge(other: StepEffects): void {
    this.jobs.push(...other.jobs);
    this.afterCommit.push(...other.afterCommit);
  }
}
