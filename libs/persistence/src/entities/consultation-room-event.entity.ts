import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One room event of a consultation's call (joined, admitted, left, started, ended...). */
@Entity('consultation_room_events')
export class ConsultationRoomEvent {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId!: string;
  @Column('text') kind!: string;
  @Column('uuid', { name: 'participant_id' }) participantId!: string;
  @Column('text', { name: 'participant_role' }) participantRole!: string;
  @Column('text', { name: 'display_name' }) displayName!: string;
  @Column('uuid', { name: 'subject_participant_id', nullable: true }) subjectParticipantId!: string | null;
  @Column('text', { name: 'sfu_node_id' }) sfuNodeId!: string;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt!: Date;
}
