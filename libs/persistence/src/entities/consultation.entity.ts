import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { CONSULTATION_STATUSES, ConsultationStatus, EndCause, NoShowParty } from '@yiqiao/domain';

@Entity('consultations')
export class Consultation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'request_id', nullable: true }) requestId!: string | null;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('uuid', { name: 'department_id' }) departmentId!: string;
  @Column('uuid', { name: 'specialist_id' }) specialistId!: string;
  @Column('uuid', { name: 'patient_id' }) patientId!: string;
  @Column('uuid', { name: 'interpreter_id', nullable: true }) interpreterId!: string | null;
  @Column({ type: 'enum', enumName: 'consultation_status', enum: CONSULTATION_STATUSES })
  status!: ConsultationStatus;
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('boolean', { name: 'interpreter_required' }) interpreterRequired!: boolean;
  @Column('text', { name: 'patient_language', nullable: true }) patientLanguage!: string | null;
  @Column('text', { name: 'specialist_language', nullable: true }) specialistLanguage!: string | null;
  @Column('uuid', { name: 'created_by' }) createdBy!: string;
  @Column('text', { name: 'cancel_reason', nullable: true }) cancelReason!: string | null;
  @Column('uuid', { name: 'cancelled_by', nullable: true }) cancelledBy!: string | null;
  @Column('timestamptz', { name: 'cancelled_at', nullable: true }) cancelledAt!: Date | null;
  @Column('text', { name: 'sfu_node_id', nullable: true }) sfuNodeId!: string | null;
  @Column('timestamptz', { name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column('timestamptz', { name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column('timestamptz', { name: 'opened_early_at', nullable: true }) openedEarlyAt!: Date | null;
  @Column('uuid', { name: 'opened_early_by', nullable: true }) openedEarlyBy!: string | null;
  @Column('text', { name: 'opened_early_reason', nullable: true }) openedEarlyReason!: string | null;
  @Column('text', { name: 'no_show_party', nullable: true }) noShowParty!: NoShowParty | null;
  @Column('text', { name: 'end_cause', nullable: true }) endCause!: EndCause | null;
  @VersionColumn() version!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
