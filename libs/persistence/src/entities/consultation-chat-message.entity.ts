import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One in-call chat message (written by the worker from the SFU's room-events queue). */
@Entity('consultation_chat_messages')
export class ConsultationChatMessage {
  @PrimaryColumn('uuid') id!: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId!: string;
  @Column('uuid', { name: 'sender_id' }) senderId!: string;
  @Column('text', { name: 'sender_role' }) senderRole!: string;
  @Column('text', { name: 'sender_name' }) senderName!: string;
  @Column('text') body!: string;
  @Column('timestamptz', { name: 'sent_at' }) sentAt!: Date;
  @Column('timestamptz', { name: 'recorded_at', default: () => 'now()' }) recordedAt!: Date;
}
