import { Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { SFU_NAMESPACE, turnIceServers } from '@yiqiao/contracts';
import type { CallRole, JoinResponse } from '@yiqiao/contracts';
import { Clock } from '@yiqiao/domain';
import { API_CONFIG, type ApiConfig } from '../config';
import { signJoinToken } from './join-token-signer';
import { SfuNodePicker } from './sfu-node-picker';
import { assertJoinWindow, joinSideOf, loadJoinTimes } from './join-window.check';

/** The consultation's room as the issuer needs it: its id and the SFU node it is pinned to (if any). */
export interface RoomRef {
  id: string;
  sfu_node_id: string | null;
}

/** Who the token is for: a user (sub = user id) or a guest (sub = consultation_guests.id). */
export interface CallParticipant {
  sub: string;
  role: CallRole;
  name: string;
}

export interface IssuedJoin {
  response: JoinResponse;
  nodeId: string;
}

/**
 * The one place a join is made, for users and guests alike: pins the room to the least-loaded live
 * SFU node (once; later joins go to the same node while it lives) and returns that node's URL, a
 * short-lived join token and TURN credentials, only inside the consultation's join window for the
 * participant's side (409 otherwise). Callers check who may join and write the audit event.
 */
@Injectable()
export class JoinIssuer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly nodes: SfuNodePicker,
    private readonly clock: Clock,
  ) {}

  async issue(room: RoomRef, participant: CallParticipant): Promise<IssuedJoin> {
    const times = await loadJoinTimes(this.dataSource, room.id);
    if (!times) throw new NotFoundException(`Consultation ${room.id} was not found.`);
    assertJoinWindow(times, joinSideOf(participant.role), this.clock.now());
    let pinnedNodeId = room.sfu_node_id;
    let node = await this.nodes.choose(pinnedNodeId);
    if (node && node.nodeId !== pinnedNodeId && !(await this.pin(room.id, pinnedNodeId, node.nodeId))) {
      pinnedNodeId = await this.currentPin(room.id); // another join pinned it first: follow that pin
      node = await this.nodes.choose(pinnedNodeId);
    }
    if (!node)
      throw new ServiceUnavailableException('No video server is available right now; try again in a minute.');
    const ttl = this.config.JOIN_TOKEN_TTL_SECONDS;
    const token = signJoinToken(
      {
        cid: room.id,
        sub: participant.sub,
        role: participant.role,
        name: participant.name,
        node: node.nodeId,
      },
      this.config.JOIN_TOKEN_SECRET,
      ttl,
    );
    return {
      nodeId: node.nodeId,
      response: {
        sfuUrl: node.url,
        namespace: SFU_NAMESPACE,
        token,
        // the token's own expiry (jsonwebtoken) counts on the host clock; this mirrors it
        expiresAt: new Date(Date.now() + ttl * 1000).toISOString(),
        iceServers: turnIceServers(
          this.config.TURN_SECRET,
          this.config.TURN_URLS,
          participant.sub,
          this.config.TURN_TTL_SECONDS,
        ),
      },
    };
  }

  private async currentPin(consultationId: string): Promise<string | null> {
    const [row] = (await this.dataSource.query(`SELECT sfu_node_id FROM consultations WHERE id = $1`, [
      consultationId,
    ])) as { sfu_node_id: string | null }[];
    return row?.sfu_node_id ?? null;
  }

  /** Pins the room only if nobody changed the pin since we read it; false when we lost that race. */
  private async pin(consultationId: string, readPin: string | null, nodeId: string): Promise<boolean> {
    const [, affected] = (await this.dataSource.query(
      `UPDATE consultations SET sfu_node_id = $2, version = version + 1, updated_at = now()
        WHERE id = $1 AND sfu_node_id IS NOT DISTINCT FROM $3`,
      [consultationId, nodeId, readPin],
    )) as [unknown, number];
    return affected === 1;
  }
}
