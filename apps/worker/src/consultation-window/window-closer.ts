import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { DataSource, EntityManager } from 'typeorm';
import { SFU_ENDED_TTL_SECONDS, sfuControlChannel, sfuEndedKey } from '@yiqiao/contracts';
import type { EndRoomCommand } from '@yiqiao/contracts';
import { Clock, type ConsultationStatus, type NoShowParty } from '@yiqiao/domain';
import { REDIS } from '@yiqiao/jobs';
import { ConsultationHooks, recordAudit, type AfterCommit } from '@yiqiao/persistence';
import { WORKER_CONFIG, WorkerConfig } from '../config';
import { noShowParty } from './no-show-party';

const BATCH = 200;

/** Open consultations whose join window (end + the institution's grace) has closed by $1. */
const DUE = `
  SELECT c.id FROM consultations c JOIN institutions i ON i.id = c.institution_id
   WHERE c.status IN ('scheduled', 'waiting', 'in_progress')
     AND c.ends_at + make_interval(mins => i.join_grace_minutes) <= $1
   ORDER BY c.ends_at
   LIMIT ${BATCH}`;

export interface ClosedWindow {
  consultationId: string;
  status: 'completed' | 'no_show';
  noShowParty: NoShowParty | null;
}

/**
 * Ends consultations whose join window has closed: one that was in progress is completed; one in
 * which no patient was admitted is a no-show naming who did not come, its bookings released. Each
 * in its own transaction with a room event, an audit event and the consultation hooks (reminders,
 * interpreter offers); then the SFU is told to end the room. Safe to run from several workers.
 */
@Injectable()
export class WindowCloser {
  private readonly logger = new Logger(WindowCloser.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
    private readonly hooks: ConsultationHooks,
    private readonly clock: Clock,
  ) {}

  async closeDue(): Promise<ClosedWindow[]> {
    const closed: ClosedWindow[] = [];
    for (;;) {
      const now = this.clock.now();
      const due = (await this.db.query(DUE, [now])) as { id: string }[];
      let progressed = false;
      for (const { id } of due) {
        const result = await this.close(id, now);
        if (result) {
          closed.push(result);
          progressed = true;
        }
      }
      if (due.length < BATCH || !progressed) return closed;
    }
  }

  private async close(consultationId: string, now: Date): Promise<ClosedWindow | null> {
    let afterCommit: AfterCommit[] = [];
    const result = await this.db.transaction(async (m) => {
      const row = await this.lockIfDue(m, consultationId, now);
      if (!row) return null;
      const outcome =
        row.status === 'in_progress'
          ? await this.complete(m, consultationId, now)
          : await this.markNoShow(m, consultationId, now);
      await m.query(
        `INSERT INTO consultation_room_events (id, consultation_id, kind, occurred_at, details)
         VALUES (gen_random_uuid(), $1, 'window_closed', $2, $3)`,
        [consultationId, now, JSON.stringify({ status: outcome.status, noShowParty: outcome.noShowParty })],
      );
      await recordAudit(m, {
        actorId: null,
        actorRole: null,
        action: 'consultation.window_closed',
        entityType: 'consultation',
        entityId: consultationId,
        institutionId: row.institution_id,
        details: { previousStatus: row.status, status: outcome.status, noShowParty: outcome.noShowParty },
      });
      afterCommit = await this.hooks.runInTransaction(m, {
        kind: outcome.status === 'completed' ? 'completed' : 'no_show',
        consultationId,
        actorId: null,
      });
      return outcome;
    });
    if (!result) return null;
    await this.hooks.runAfterCommit(afterCommit, (error) =>
      this.logger.error(`after-commit work for ${consultationId} failed: ${String(error)}`),
    );
    await this.endRoom(consultationId).catch((error: Error) =>
      this.logger.warn(`could not tell the SFU to end ${consultationId}: ${error.message}`),
    );
    return result;
  }

  /** Locks the consultation if it is still open and its window has closed (it may have moved since). */
  private async lockIfDue(
    m: EntityManager,
    consultationId: string,
    now: Date,
  ): Promise<{ status: ConsultationStatus; institution_id: string } | null> {
    const [row] = (await m.query(
      `SELECT c.status, c.institution_id FROM consultations c JOIN institutions i ON i.id = c.institution_id
        WHERE c.id = $1 AND c.status IN ('scheduled', 'waiting', 'in_progress')
          AND c.ends_at + make_interval(mins => i.join_grace_minutes) <= $2
        FOR UPDATE OF c SKIP LOCKED`,
      [consultationId, now],
    )) as { status: ConsultationStatus; institution_id: string }[];
    return row ?? null;
  }

  private async complete(m: EntityManager, consultationId: string, now: Date): Promise<ClosedWindow> {
    await m.query(
      `UPDATE consultations SET status = 'completed', ended_at = COALESCE(ended_at, $2), end_cause = 'window_closed',
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [consultationId, now],
    );
    return { consultationId, status: 'completed', noShowParty: null };
  }

  private async markNoShow(m: EntityManager, consultationId: string, now: Date): Promise<ClosedWindow> {
    const [came] = (await m.query(
      `SELECT bool_or(participant_role = 'patient') AS patient, bool_or(participant_role = 'specialist') AS specialist
         FROM consultation_room_events WHERE consultation_id = $1 AND kind = 'joined'`,
      [consultationId],
    )) as { patient: boolean | null; specialist: boolean | null }[];
    const party = noShowParty({ patient: came?.patient ?? false, specialist: came?.specialist ?? false });
    await m.query(`UPDATE bookings SET released_at = $2 WHERE consultation_id = $1 AND released_at IS NULL`, [
      consultationId,
      now,
    ]);
    await m.query(
      `UPDATE consultations SET status = 'no_show', no_show_party = $2, end_cause = 'window_closed',
              version = version + 1, updated_at = now()
        WHERE id = $1`,
      [consultationId, party],
    );
    return { consultationId, status: 'no_show', noShowParty: party };
  }

  /** Refuses later joins on every node, and tells the node hosting the room to put everyone out. */
  private async endRoom(consultationId: string): Promise<void> {
    const prefix = this.config.QUEUE_PREFIX;
    const command: EndRoomCommand = { type: 'end-room', consultationId, reason: 'window_closed' };
    await this.redis
      .multi()
      .set(sfuEndedKey(prefix, consultationId), this.clock.now().toISOString(), 'EX', SFU_ENDED_TTL_SECONDS)
      .publish(sfuControlChannel(prefix), JSON.stringify(command))
      .exec();
  }
}
