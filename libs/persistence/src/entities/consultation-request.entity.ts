import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type RequestUrgency = 'routine' | 'soon' | 'urgent';
export type RequestStatus = 'new' | 'triaged' | 'scheduled' | 'declined' | 'withdrawn';

@Entity('consultation_requests')
export class ConsultationRequest {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'patient_id' }) patientId!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('uuid', { name: 'department_id', nullable: true }) departmentId!: string | null;
  @Column('uuid', { name: 'preferred_specialist_id', nullable: true }) preferredSpecialistId!: string | null;
  @Column('text') complaint!: string;
  @Column('text', { name: 'spoken_languages', array: true }) spokenLanguages!: string[];
  @Column('char', { length: 2 }) country!: string;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  @Column({ type: 'enum', enumName: 'request_urgency', enum: ['routine', 'soon', 'urgent'] })
  urgency!: RequestUrgency;
  @Column({
    type: 'enum',
    enumName: 'request_status',
    enum: ['new', 'triaged', 'scheduled', 'declined', 'withdrawn'],
  })
  status!: RequestStatus;
  @Column('uuid', { name: 'triaged_by', nullable: true }) triagedBy!: string | null;
  @Column('timestamptz', { name: 'triaged_at', nullable: true }) triagedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
