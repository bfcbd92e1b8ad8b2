import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One room event of a consultation's call (joined, admitted, left, started, ended, opened_early, window_closed...). */
@Entity('consultation_room_events')
export class ConsultationRoomEvent {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId!: string;
  @Column('text') kind!: string;
  /** null only for events no participant causes (the join window closing) */
  @Column('uuid', { name: 'participant_id', nullable: true }) participantId!: string | null;
  @Column('text', { name: 'participant_role', nullable: true }) participantRole!: string | null;
  @Column('text', { name: 'display_name', nullable: true }) displayName!: string | null;
  @Column('uuid', { name: 'subject_participant_id', nullable: true }) subjectParticipantId!: string | null;
  /** null for events the api or worker record (an early opening, the window closing) */
  @Column('text', { name: 'sfu_node_id', nullable: true }) sfuNodeId!: string | null;
  @Column('timestamptz', { name: 'occurred_at' }) occurredAt!: Date;
  @Column('jsonb') details!: Record<string, unknown>;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt!: Date;
}
