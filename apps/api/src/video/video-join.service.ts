import {
  ConflictException,
  ForbiddenException,
  Inject,
  Injectable,
  ServiceUnavailableException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SFU_NAMESPACE } from '@yiqiao/contracts';
import type { CallRole, JoinResponse } from '@yiqiao/contracts';
import type { ConsultationStatus } from '@yiqiao/domain';
import { recordAudit } from '@yiqiao/persistence';
import type { AuthUser } from '../auth/auth-user';
import { notFound, ScopeService } from '../auth/scope.service';
import { API_CONFIG, type ApiConfig } from '../config';
import { signJoinToken } from './join-token-signer';
import { SfuNodePicker } from './sfu-node-picker';
import { turnIceServers } from '@yiqiao/contracts';

const JOINABLE: readonly ConsultationStatus[] = ['scheduled', 'waiting', 'in_progress'];

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
 * Lets a participant into a consultation's call: checks they belong to it, pins the room to the
 * least-loaded live SFU node (once; later joins go to the same node while it lives) and returns that
 * node's URL, a short-lived join token and TURN credentials.
 */
@Injectable()
export class VideoJoinService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly nodes: SfuNodePicker,
    private readonly scope: ScopeService,
  ) {}

  async mintJoin(consultationId: string, user: JoiningUser): Promise<JoinResponse> {
    let consultation = await this.load(consultationId);
    const role = await this.callRole(consultation, user);
    if (!JOINABLE.includes(consultation.status))
      throw new ConflictException(
        `This consultation is ${consultation.status.replace('_', ' ')} and cannot be joined.`,
      );
    let node = await this.nodes.choose(consultation.sfu_node_id);
    if (node && node.nodeId !== consultation.sfu_node_id && !(await this.pin(consultation, node.nodeId))) {
      consultation = await this.load(consultationId); // another join pinned it first: follow that pin
      node = await this.nodes.choose(consultation.sfu_node_id);
    }
    if (!node)
      throw new ServiceUnavailableException('No video server is available right now; try again in a minute.');
    const [{ full_name: name }] = (await this.dataSource.query(`SELECT full_name FROM users WHERE id = $1`, [
      user.id,
    ])) as { full_name: string }[];
    const ttl = this.config.JOIN_TOKEN_TTL_SECONDS;
    const token = signJoinToken(
      { cid: consultation.id, sub: user.id, role, name, node: node.nodeId },
      this.config.JOIN_TOKEN_SECRET,
      ttl,
    );
    await recordAudit(this.dataSource.manager, {
      actorId: user.id,
      actorRole: user.role,
      action: 'video.join_token_issued',
      entityType: 'consultation',
      entityId: consultation.id,
      institutionId: consultation.institution_id,
      details: { callRole: role, sfuNodeId: node.nodeId },
    });
    return {
      sfuUrl: node.url,
      namespace: SFU_NAMESPACE,
      token,
      expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
      iceServers: turnIceServers(
        this.config.TURN_SECRET,
        this.config.TURN_URLS,
        user.id,
        this.config.TURN_TTL_SECONDS,
      ),
    };
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

  /** Pins the room only if nobody changed the pin since we read it; false when we lost that race. */
  private async pin(c: ConsultationRow, nodeId: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE consultations SET sfu_node_id = $2, version = version + 1, updated_at = now()
        WHERE id = $1 AND sfu_node_id IS NOT DISTINCT FROM $3`,
      [c.id, nodeId, c.sfu_node_id],
    )) as [unknown, number];
    return affected === 1;
  }
}
