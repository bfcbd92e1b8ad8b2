import { ConflictException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, joinWindowState } from '@yiqiao/domain';
import { joinWindowOfRow, recordAudit } from '@yiqiao/persistence';
import type { AuthUser } from '../auth';
import { notFound, ScopeService } from '../auth/scope.service';
import {
  CONSULTATION_SELECT,
  loadConsultation,
  toConsultationDto,
  type ConsultationRow,
} from './consultation-view';
import type { ConsultationDto } from './consultations.dto';

function conflict(code: string, message: string): ConflictException {
  return new ConflictException({ statusCode: 409, error: 'Conflict', code, message });
}

/**
 * A coordinator opens a consultation's room before its join window, on purpose and with a reason:
 * from that instant everyone may join. Recorded on the consultation, as a room event and in the audit.
 */
@Injectable()
export class StartNowService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  async startNow(user: AuthUser, id: string, reason: string): Promise<ConsultationDto> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(`${CONSULTATION_SELECT} WHERE c.id = $1 FOR UPDATE OF c`, [
        id,
      ])) as ConsultationRow[];
      if (!row || !(await this.scope.canSeeInstitution(user, row.institution_id, manager)))
        throw notFound('Consultation', id);
      if (row.status !== 'scheduled' && row.status !== 'waiting')
        throw conflict(
          'wrong_status',
          `A ${row.status.replace('_', ' ')} consultation cannot be started early.`,
        );
      const now = this.clock.now();
      const window = joinWindowOfRow(row);
      const state = joinWindowState(window, 'participant', now);
      if (state === 'open')
        throw conflict('already_open', 'The consultation room is already open; everyone can join now.');
      if (state === 'closed')
        throw conflict('join_window_closed', 'The time of this consultation is over; reschedule it instead.');
      await manager.query(
        `UPDATE consultations SET opened_early_at = $2, opened_early_by = $3, opened_early_reason = $4,
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [id, now, user.id, reason],
      );
      await manager.query(
        `INSERT INTO consultation_room_events
           (id, consultation_id, kind, participant_id, participant_role, display_name, occurred_at, details)
         SELECT gen_random_uuid(), $1, 'opened_early', u.id, 'coordinator', u.full_name, $3, $4
           FROM users u WHERE u.id = $2`,
        [id, user.id, now, JSON.stringify({ reason, scheduledStart: row.starts_at.toISOString() })],
      );
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'consultation.opened_early',
        entityType: 'consultation',
        entityId: id,
        institutionId: row.institution_id,
        details: { reason, scheduledStart: row.starts_at.toISOString(), openedAt: now.toISOString() },
      });
      return toConsultationDto((await loadConsultation(manager, id)) as ConsultationRow);
    });
  }
}
