import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CallRole, JoinResponse } from '@yiqiao/contracts';
import type { ConsultationStatus } from '@yiqiao/domain';
import { recordAudit } from '@yiqiao/persistence';
import type { AuthUser } from '../auth/auth-user';
import { notFound, ScopeService } from '../auth/scope.service';
import { JoinIssuer } from './join-issuer.service';

interface ConsultationRow {
  id: string;
  status: ConsultationStatus;
  institution_id: string;
  specialist_id: string;
  patient_id: string;
  interpreter_id: string | null;
  sfu_node_id: string | null;
}

export type JoiningUser = Pick<AuthUser, 'id' | 'role' | 'institutionId'>;

/**
 * Lets a participant into a consultation's call: checks they belong to it, then the JoinIssuer pins
 * the room and mints the token. (Guests join through the guests module with their invite link.)
 */
@Injectable()
export class VideoJoinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly issuer: JoinIssuer,
    private readonly scope: ScopeService,
  ) {}

  async mintJoin(consultationId: string, user: JoiningUser): Promise<JoinResponse> {
    const consultation = await this.load(consultationId);
    const role = await this.callRole(consultation, user);
    const [{ full_name: name }] = (await this.dataSource.query(`SELECT full_name FROM users WHERE id = $1`, [
      user.id,
    ])) as { full_name: string }[];
    const { response, nodeId } = await this.issuer.issue(consultation, { sub: user.id, role, name });
    await recordAudit(this.dataSource.manager, {
      actorId: user.id,
      actorRole: user.role,
      action: 'video.join_token_issued',
      entityType: 'consultation',
      entityId: consultation.id,
      institutionId: consultation.institution_id,
      details: { callRole: role, sfuNodeId: nodeId },
    });
    return response;
  }

  private async load(consultationId: string): Promise<ConsultationRow> {
    const [row] = (await this.dataSource.query(
      `SELECT id, status, institution_id, specialist_id, patient_id, interpreter_id, sfu_node_id
         FROM consultations WHERE id = $1`,
      [consultationId],
    )) as ConsultationRow[];
    if (!row) throw notFound('Consultation', consultationId);
    return row;
  }

  /** The caller's role in this call; 404 for anyone not part of it (existence is not leaked). */
  private async callRole(c: ConsultationRow, user: JoiningUser): Promise<CallRole> {
    if (user.id === c.specialist_id) return 'specialist';
    if (user.id === c.patient_id) return 'patient';
    if (user.id === c.interpreter_id) return 'interpreter';
    if (
      user.role === 'coordinator' &&
      (await this.scope.canSeeInstitution(user as AuthUser, c.institution_id))
    )
      return 'coordinator';
    if (user.role === 'admin') throw new ForbiddenException('Administrators do not join consultations.');
    throw notFound('Consultation', c.id);
  }
}
