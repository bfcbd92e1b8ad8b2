import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@yiqiao/domain';

@Entity('audit_events')
export class AuditEvent {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('timestamptz', { name: 'occurred_at', default: () => 'now()' }) occurredAt!: Date;
  @Column('uuid', { name: 'actor_id', nullable: true }) actorId!: string | null;
  @Column({
    type: 'enum',
    enumName: 'user_role',
    enum: ['patient', 'specialist', 'interpreter', 'coordinator', 'admin'],
    name: 'actor_role',
    nullable: true,
  })
  actorRole!: Role | null;
  @Column('text') action!: string;
  @Column('text', { name: 'entity_type' }) entityType!: string;
  @Column('text', { name: 'entity_id', nullable: true }) entityId!: string | null;
  @Column('uuid', { name: 'institution_id', nullable: true }) institutionId!: string | null;
  @Column('text', { name: 'request_id', nullable: true }) requestId!: string | null;
  @Column('jsonb') details!: Record<string, unknown>;
}
