import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { canTransition, joinWindowState, ROLES } from '@yiqiao/domain';
import type { ConsultationStatus, Role } from '@yiqiao/domain';
import type { CallRole, ChatMessageJob, RoomEventJob } from '@yiqiao/contracts';
import {
  ConsultationHooks,
  JOIN_WINDOW_COLUMNS,
  joinWindowOfRow,
  recordAudit,
  type JoinWindowRow,
} from '@yiqiao/persistence';

interface ConsultationRow extends JoinWindowRow {
  status: ConsultationStatus;
  started_at: Date | null;
  institution_id: string;
}

/** Whether the instant lies inside the consultation's join window (the staff side opens first). */
function insideWindow(c: ConsultationRow, at: Date): boolean {
  return joinWindowState(joinWindowOfRow(c), 'staff', at) === 'open';
}

function auditRole(role: CallRole): Role | null {
  return (ROLES as readonly string[]).includes(role) ? (role as Role) : null;
}

/**
 * Writes what the SFU reports into the consultation record: the event row, the status change it
 * implies and an audit event, in one transaction. A patient joining makes it `waiting`; the
 * specialist admitting the patient inside the join window makes it `in_progress` (with started_at);
 * the specialist's end makes it `completed` (with ended_at and duration). Leaving changes nothing:
 * people may rejoin until the window closes (WindowCloser). Redelivered jobs are no-ops (the SFU's
 * event id is the row id).
 */
@Injectable()
export class RoomEventRecorder {
  private readonly logger = new Logger(RoomEventRecorder.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hooks: ConsultationHooks,
  ) {}

  async recordEvent(job: RoomEventJob): Promise<void> {
    const afterCommit = await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO consultation_room_events
           (id, consultation_id, kind, participant_id, participant_role, display_name, subject_participant_id, sfu_node_id, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          job.eventId,
          job.consultationId,
          job.kind,
          job.userId,
          job.role,
          job.displayName,
          job.subjectUserId ?? null,
          job.sfuNodeId,
          job.occurredAt,
        ],
      );
      if (inserted.length === 0) return [];
      const [consultation] = (await manager.query(
        `SELECT c.status, c.started_at, c.institution_id, ${JOIN_WINDOW_COLUMNS}
           FROM consultations c JOIN institutions i ON i.id = c.institution_id
          WHERE c.id = $1 FOR UPDATE OF c`,
        [job.consultationId],
      )) as ConsultationRow[];
      const details = await this.applyStatus(manager, job, consultation);
      if (Object.keys(details).length)
        await manager.query(`UPDATE consultation_room_events SET details = $2 WHERE id = $1`, [
          job.eventId,
          JSON.stringify(details),
        ]);
      await recordAudit(manager, {
        actorId: auditRole(job.role) ? job.userId : null,
        actorRole: auditRole(job.role),
        action: `video.${job.kind}`,
        entityType: 'consultation',
        entityId: job.consultationId,
        institutionId: consultation.institution_id,
        details: {
          ...details,
          eventId: job.eventId,
          displayName: job.displayName,
          participantRole: job.role,
          subjectUserId: job.subjectUserId,
          sfuNodeId: job.sfuNodeId,
        },
      });
      if (details.status === 'completed' || details.status === 'in_progress')
        return this.hooks.runInTransaction(manager, {
          kind: details.status === 'completed' ? 'completed' : 'started',
          consultationId: job.consultationId,
          actorId: auditRole(job.role) ? job.userId : null,
        });
      return [];
    });
    await this.hooks.runAfterCommit(afterCommit, (error) =>
      this.logger.error(`after-commit work for ${job.consultationId} failed: ${String(error)}`),
    );
  }

  private async applyStatus(
    manager: EntityManager,
    job: RoomEventJob,
    consultation: ConsultationRow,
  ): Promise<Record<string, unknown>> {
    const move = async (to: ConsultationStatus, column?: 'started_at' | 'ended_at') => {
      const setColumn = column
        ? `, ${column} = COALESCE(${column}, $3)${column === 'ended_at' ? `, end_cause = 'ended_by_specialist'` : ''}`
        : '';
      await manager.query(
        `UPDATE consultations SET status = $2${setColumn}, version = version + 1, updated_at = now() WHERE id = $1`,
        column ? [job.consultationId, to, job.occurredAt] : [job.consultationId, to],
      );
      return { status: to, previousStatus: consultation.status };
    };
    const waits = job.role === 'patient' || job.role === 'guest';
    if (job.kind === 'joined' && waits && consultation.status === 'scheduled') return move('waiting');
    if (job.kind === 'started' && canTransition(consultation.status, 'in_progress')) {
      if (!insideWindow(consultation, new Date(job.occurredAt)))
        return { ignored: 'outside_join_window', statusKept: consultation.status };
      return move('in_progress', 'started_at');
    }
    if (job.kind === 'ended' && consultation.status === 'in_progress') {
      const changed = await move('completed', 'ended_at');
      const startedAt = consultation.started_at ?? new Date(job.occurredAt);
      const durationSeconds = Math.max(
        0,
        Math.round((Date.parse(job.occurredAt) - startedAt.getTime()) / 1000),
      );
      return { ...changed, durationSeconds };
    }
    return {};
  }

  async recordChat(job: ChatMessageJob): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO consultation_chat_messages (id, consultation_id, sender_id, sender_role, sender_name, body, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [job.eventId, job.consultationId, job.userId, job.role, job.displayName, job.body, job.occurredAt],
      );
      if (inserted.length === 0) return;
      await recordAudit(manager, {
        actorId: auditRole(job.role) ? job.userId : null,
        actorRole: auditRole(job.role),
        action: 'video.chat_message',
        entityType: 'consultation',
        entityId: job.consultationId,
        details: { messageId: job.eventId, participantRole: job.role },
      });
    });
  }
}
