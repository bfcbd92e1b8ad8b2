import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  BOOKING_OVERLAP_CONSTRAINT,
  ConsultationChange,
  ConsultationHooks,
  isPgError,
  PG_EXCLUSION_VIOLATION,
} from '@yiqiao/persistence';
import { IdempotencyService, StoredResponse } from '../scheduling/idempotency.service';
import { BookingParty, conflictFromExclusion } from './booking-conflict';

export interface CommandResult {
  statusCode: number;
  body: unknown;
  change: ConsultationChange;
}

export interface CommandOutcome extends StoredResponse {
  replayed: boolean;
}

export interface CommandContext {
  userId: string;
  idempotencyKey: string | null;
  fingerprint: string;
}

/**
 * Runs a booking, reschedule or cancel as one transaction: claim the Idempotency-Key (or replay its
 * stored answer), do the change, run the consultation hooks in the same transaction, store the answer;
 * after commit, run the hooks' after-commit work. Double booking surfaces as the exclusion constraint's
 * violation and becomes a 409 naming who conflicts.
 */
@Injectable()
export class ConsultationCommandRunner {
  private readonly logger = new Logger(ConsultationCommandRunner.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly idempotency: IdempotencyService,
    private readonly hooks: ConsultationHooks,
  ) {}

  async run(
    context: CommandContext,
    work: (manager: EntityManager, parties: BookingParty[]) => Promise<CommandResult>,
  ): Promise<CommandOutcome> {
    const parties: BookingParty[] = [];
    let outcome;
    try {
      outcome = await this.dataSource.transaction(async (manager) => {
        if (context.idempotencyKey) {
          const stored = await this.idempotency.claim(
            manager,
            context.userId,
            context.idempotencyKey,
            context.fingerprint,
          );
          if (stored) return { ...stored, replayed: true, afterCommit: [] };
        }
        const result = await work(manager, parties);
        const afterCommit = await this.hooks.runInTransaction(manager, result.change);
        const response = { statusCode: result.statusCode, body: result.body };
        if (context.idempotencyKey) {
          await this.idempotency.complete(manager, context.userId, context.idempotencyKey, response);
        }
        return { ...response, replayed: false, afterCommit };
      });
    } catch (error) {
      if (isPgError(error, PG_EXCLUSION_VIOLATION, BOOKING_OVERLAP_CONSTRAINT)) {
        throw conflictFromExclusion(error, parties);
      }
      throw error;
    }
    await this.hooks.runAfterCommit(outcome.afterCommit, (error) =>
      this.logger.warn(
        { err: error },
        'consultation hook after-commit work failed; the reconciler will repair it',
      ),
    );
    return { statusCode: outcome.statusCode, body: outcome.body, replayed: outcome.replayed };
  }
}
