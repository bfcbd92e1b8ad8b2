import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A weekly session of a specialist, in Asia/Shanghai wall-clock time, between effective dates. */
@Entity('availability_rules')
export class AvailabilityRule {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'specialist_id' }) specialistId!: string;
  @Column('uuid', { name: 'department_id', nullable: true }) departmentId!: string | null;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  @Column('smallint') weekday!: number;
  @Column('time', { name: 'start_local' }) startLocal!: string;
  @Column('time', { name: 'end_local' }) endLocal!: string;
  @Column('date', { name: 'effective_from' }) effectiveFrom!: string;
  @Column('date', { name: 'effective_until', nullable: true }) effectiveUntil!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** Time off (removes working time) or an extra session (adds it), as UTC instants. */
@Entity('availability_exceptions')
export class AvailabilityExceptionRow {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'specialist_id' }) specialistId!: string;
  @Column({ type: 'enum', enumName: 'availability_exception_kind', enum: ['time_off', 'extra_session'] })
  kind!: 'time_off' | 'extra_session';
  @Column('timestamptz', { name: 'starts_at' }) startsAt!: Date;
  @Column('timestamptz', { name: 'ends_at' }) endsAt!: Date;
  @Column('text', { nullable: true }) reason!: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
