import { ConflictException, Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock, type ConsultationStatus } from '@yiqiao/domain';
import {
  allAfterCommit,
  guestInviteUrl,
  NotificationPlanner,
  NotificationsHook,
} from '@yiqiao/notifications';
import { recordAudit, type AfterCommit } from '@yiqiao/persistence';
import { AuthUser, notFound, ScopeService } from '../auth';
import { API_CONFIG, type ApiConfig } from '../config';
import { SfuControl } from '../video/sfu-control';
import type { GuestViewDto, InviteGuestDto } from './guests.dto';
import { emailStatusOf, guestOf, guestsOf, type GuestRow } from './guests.repository';

/** Guests not yet withdrawn that one consultation may have at a time. */
export const MAX_ACTIVE_GUESTS = 3;
/** Statuses in which guests can still be invited (the call has not finished). */
const INVITABLE: readonly ConsultationStatus[] = ['scheduled', 'waiting', 'in_progress'];

interface ConsultationRow {
  id: string;
  status: ConsultationStatus;
  institution_id: string;
  patient_id: string;
  specialist_id: string;
  patient_language: string;
  patient_time_zone: string;
}

/**
 * Inviting family members to a consultation's call, listing and withdrawing them. Allowed to the
 * consultation's patient and specialist and to coordinators of its institution; everyone else gets
 * 404 (interpreters and administrators are refused by role first, with 403).
 */
@Injectable()
export class GuestsService {
  private readonly logger = new Logger(GuestsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly scope: ScopeService,
    private readonly planner: NotificationPlanner,
    private readonly notifications: NotificationsHook,
    private readonly sfu: SfuControl,
    private readonly clock: Clock,
  ) {}

  async invite(user: AuthUser, consultationId: string, dto: InviteGuestDto): Promise<GuestViewDto> {
    let afterCommit: AfterCommit | null = null;
    const guestId = await this.dataSource.transaction(async (manager) => {
      // The row lock serialises invitations to one consultation, so the count below cannot race.
      const consultation = await this.consultationFor(manager, user, consultationId, true);
      if (!INVITABLE.includes(consultation.status))
        throw new ConflictException(
          `This consultation is ${consultation.status.replace('_', ' ')} and can no longer have guests.`,
        );
      const [{ active }] = (await manager.query(
        `SELECT count(*)::int AS active FROM consultation_guests WHERE consultation_id = $1 AND revoked_at IS NULL`,
        [consultationId],
      )) as { active: number }[];
      if (active >= MAX_ACTIVE_GUESTS)
        throw new ConflictException(
          `A consultation can have at most ${MAX_ACTIVE_GUESTS} guests; withdraw an invitation before inviting someone else.`,
        );
      const [{ id }] = (await manager.query(
        `INSERT INTO consultation_guests
           (consultation_id, full_name, email, preferred_language, time_zone, relationship, invited_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
        [
          consultationId,
          dto.name,
          dto.email ?? null,
          dto.language ?? consultation.patient_language,
          dto.timeZone ?? consultation.patient_time_zone,
          dto.relationship ?? null,
          user.id,
        ],
      )) as { id: string }[];
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'guest.invited',
        entityType: 'consultation',
        entityId: consultationId,
        institutionId: consultation.institution_id,
        details: { guestId: id, emailGiven: Boolean(dto.email) },
      });
      if (dto.email) {
        afterCommit = allAfterCommit([
          await this.planner.planNotification(manager, {
            kind: 'guest_invitation',
            guestId: id,
            consultationId,
            dueAt: this.clock.now(),
          }),
          await this.notifications.planGuestReminders(manager, consultationId, id),
        ]);
      }
      return id;
    });
    await this.runAfterCommit(afterCommit);
    return this.view(consultationId, guestId);
  }

  async list(user: AuthUser, consultationId: string): Promise<GuestViewDto[]> {
    await this.consultationFor(this.dataSource.manager, user, consultationId, false);
    return (await guestsOf(this.dataSource, consultationId)).map((row) => this.toView(row));
  }

  /**
   * Withdraws the invitation: the link stops working at once and a guest already in the call is put
   * out of it. Withdrawing twice changes nothing.
   */
  async revoke(user: AuthUser, consultationId: string, guestId: string): Promise<GuestViewDto> {
    let afterCommit: AfterCommit | null = null;
    await this.dataSource.transaction(async (manager) => {
      const consultation = await this.consultationFor(manager, user, consultationId, false);
      const [rows] = (await manager.query(
        `UPDATE consultation_guests SET revoked_at = now(), revoked_by = $3
          WHERE id = $1 AND consultation_id = $2 AND revoked_at IS NULL RETURNING id`,
        [guestId, consultationId, user.id],
      )) as [{ id: string }[], number];
      if (rows.length === 0) {
        const exists = (await manager.query(
          `SELECT 1 FROM consultation_guests WHERE id = $1 AND consultation_id = $2`,
          [guestId, consultationId],
        )) as unknown[];
        if (exists.length === 0) throw notFound('Guest', guestId);
        return; // already withdrawn
      }
      await recordAudit(manager, {
        actorId: user.id,
        actorRole: user.role,
        action: 'guest.revoked',
        entityType: 'consultation',
        entityId: consultationId,
        institutionId: consultation.institution_id,
        details: { guestId },
      });
      afterCommit = await this.planner.cancelPendingForGuest(manager, guestId);
    });
    await this.runAfterCommit(afterCommit);
    // Also on a repeated withdrawal, so retrying after a failure here finishes the job.
    await this.sfu.removeFromCall(consultationId, guestId, 'invitation_withdrawn').catch((error) => {
      this.logger.error(`could not remove guest ${guestId} from the call: ${String(error)}`);
      throw new ServiceUnavailableException(
        'The invitation is withdrawn, but the video service could not be told to remove the guest from the call. Try again, or remove them in the call.',
      );
    });
    return this.view(consultationId, guestId);
  }

  /** The consultation if the caller may manage its guests; 404 otherwise (existence is not leaked). */
  private async consultationFor(
    manager: EntityManager,
    user: AuthUser,
    consultationId: string,
    lock: boolean,
  ): Promise<ConsultationRow> {
    const [row] = (await manager.query(
      `SELECT c.id, c.status, c.institution_id, c.patient_id, c.specialist_id,
              p.preferred_language::text AS patient_language, p.time_zone AS patient_time_zone
         FROM consultations c JOIN users p ON p.id = c.patient_id
        WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`,
      [consultationId],
    )) as ConsultationRow[];
    if (!row || !(await this.mayManage(manager, user, row))) throw notFound('Consultation', consultationId);
    return row;
  }

  private async mayManage(manager: EntityManager, user: AuthUser, c: ConsultationRow): Promise<boolean> {
    if (user.role === 'patient') return user.id === c.patient_id;
    if (user.role === 'specialist') return user.id === c.specialist_id;
    if (user.role === 'coordinator') return this.scope.canSeeInstitution(user, c.institution_id, manager);
    return false;
  }

  private async view(consultationId: string, guestId: string): Promise<GuestViewDto> {
    const row = await guestOf(this.dataSource, consultationId, guestId);
    if (!row) throw notFound('Guest', guestId);
    return this.toView(row);
  }

  private toView(row: GuestRow): GuestViewDto {
    return {
      id: row.id,
      name: row.full_name,
      email: row.email,
      language: row.preferred_language,
      timeZone: row.time_zone,
      relationship: row.relationship,
      invitedBy: { id: row.inviter_id, name: row.inviter_name, role: row.inviter_role },
      createdAt: new Date(row.created_at).toISOString(),
      revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
      lastJoinedAt: row.last_joined_at ? new Date(row.last_joined_at).toISOString() : null,
      inviteUrl: row.revoked_at
        ? null
        : guestInviteUrl(this.config.PUBLIC_WEB_URL, row.id, this.config.GUEST_LINK_SECRET),
      emailStatus: emailStatusOf(row),
    };
  }

  /** Enqueueing is best effort: a lost enqueue is repaired by the worker's reconciler. */
  private async runAfterCommit(work: AfterCommit | null): Promise<void> {
    if (!work) return;
    try {
      await work();
    } catch (error) {
      this.logger.warn(`after-commit work failed (the reconciler will catch up): ${String(error)}`);
    }
  }
}
