import { GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { JoinResponse } from '@yiqiao/contracts';
import { Clock, type ConsultationStatus } from '@yiqiao/domain';
import { verifyGuestInviteToken } from '@yiqiao/notifications';
import { recordAudit } from '@yiqiao/persistence';
import { API_CONFIG, type ApiConfig } from '../config';
import { JoinIssuer } from '../video/join-issuer.service';
import { isJoinableNow, loadJoinTimes } from '../video/join-window.check';
import type { GuestInvitationDto } from './guests.dto';
import { invitationOf, type InvitationRow } from './guests.repository';

export const INVALID_LINK_MESSAGE =
  'This invitation link is not valid or has been withdrawn. Ask the person who invited you for a new link.';

const FINISHED: Partial<Record<ConsultationStatus, string>> = {
  completed: 'This consultation has already taken place, so the invitation link no longer works.',
  cancelled: 'This consultation was cancelled, so the invitation link no longer works.',
  no_show: 'This consultation did not take place and is closed, so the invitation link no longer works.',
};

/**
 * What a guest can do with their invite link, without an account: see who invited them to what
 * (no medical data), and get a join token for the call as role `guest` (they then wait until staff
 * let them in). A malformed, forged or withdrawn link answers 404; a finished consultation 410.
 */
@Injectable()
export class GuestInvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly issuer: JoinIssuer,
    private readonly clock: Clock,
  ) {}

  async describe(token: string): Promise<GuestInvitationDto> {
    const row = await this.invitation(token);
    const times = await loadJoinTimes(this.dataSource, row.consultation_id);
    if (!times) throw new NotFoundException(INVALID_LINK_MESSAGE);
    return {
      guest: { name: row.guest_name, language: row.guest_language, timeZone: row.guest_time_zone },
      consultation: {
        id: row.consultation_id,
        status: row.status,
        startsAt: new Date(row.starts_at).toISOString(),
        endsAt: new Date(row.ends_at).toISOString(),
        specialistName: row.specialist_name,
        departmentName: row.department_name,
        departmentNameZh: row.department_name_zh,
        institutionName: row.institution_name,
        institutionNameZh: row.institution_name_zh,
      },
      joinWindow: {
        opensAt: times.window.participantsOpenAt.toISOString(),
        closesAt: times.window.closesAt.toISOString(),
      },
      joinable: isJoinableNow(times, 'participant', this.clock.now()),
    };
  }

  async join(token: string): Promise<JoinResponse> {
    const row = await this.invitation(token);
    const { response, nodeId } = await this.issuer.issue(
      { id: row.consultation_id, sfu_node_id: row.sfu_node_id },
      { sub: row.guest_id, role: 'guest', name: row.guest_name },
    );
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE consultation_guests SET last_joined_at = $2 WHERE id = $1`, [
        row.guest_id,
        this.clock.now(),
      ]);
      await recordAudit(manager, {
        actorId: null,
        actorRole: null,
        action: 'video.join_token_issued',
        entityType: 'consultation',
        entityId: row.consultation_id,
        institutionId: row.institution_id,
        details: { callRole: 'guest', guestId: row.guest_id, sfuNodeId: nodeId },
      });
    });
    return response;
  }

  /** The invitation behind a valid, unwithdrawn link to a consultation that has not finished. */
  private async invitation(token: string): Promise<InvitationRow> {
    const guestId = verifyGuestInviteToken(token, this.config.GUEST_LINK_SECRET);
    const row = guestId ? await invitationOf(this.dataSource, guestId) : null;
    if (!row || row.revoked_at) throw new NotFoundException(INVALID_LINK_MESSAGE);
    const finished = FINISHED[row.status];
    if (finished) throw new GoneException(finished);
    return row;
  }
}
