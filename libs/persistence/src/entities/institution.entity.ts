import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type InstitutionKind = 'shanghai_hospital' | 'clinic' | 'overseas_partner';

@Entity('institutions')
export class Institution {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'name_zh', nullable: true }) nameZh!: string | null;
  @Column({
    type: 'enum',
    enum: ['shanghai_hospital', 'clinic', 'overseas_partner'],
    enumName: 'institution_kind',
  })
  kind!: InstitutionKind;
  @Column('uuid', { name: 'parent_id', nullable: true }) parentId!: string | null;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  @Column('char', { length: 2 }) country!: string;
  @Column('boolean', { name: 'allows_patient_self_booking' }) allowsPatientSelfBooking!: boolean;
  @Column('int', { name: 'cancellation_cutoff_minutes' }) cancellationCutoffMinutes!: number;
  @Column('int', { name: 'reschedule_cutoff_minutes' }) rescheduleCutoffMinutes!: number;
  @Column('int', { name: 'booking_buffer_minutes' }) bookingBufferMinutes!: number;
  @Column('boolean', { name: 'requires_interpreter_certification' })
  requiresInterpreterCertification!: boolean;
  @Column('int', { name: 'reminder_offsets_minutes', array: true }) reminderOffsetsMinutes!: number[];
  /** Which weekday's schedule a make-up working day (调休) follows: the calendar's, or a fixed one. */
  @Column({
    type: 'enum',
    enumName: 'makeup_day_rule',
    enum: ['calendar_weekday', 'fixed_weekday'],
    name: 'makeup_day_rule',
  })
  makeupDayRule!: 'calendar_weekday' | 'fixed_weekday';
  @Column('smallint', { name: 'makeup_fixed_weekday', nullable: true }) makeupFixedWeekday!: number | null;
  /** Patients, guests and interpreters may join this many minutes before the start. */
  @Column('int', { name: 'join_lead_minutes' }) joinLeadMinutes!: number;
  /** The specialist and coordinators may open the room this many minutes before the start. */
  @Column('int', { name: 'staff_join_lead_minutes' }) staffJoinLeadMinutes!: number;
  /** The room stays open this many minutes after the scheduled end. */
  @Column('int', { name: 'join_grace_minutes' }) joinGraceMinutes!: number;
  @Column('int', { name: 'patient_booking_notice_minutes' }) patientBookingNoticeMinutes!: number;
  @Column('int', { name: 'coordinator_booking_notice_minutes' }) coordinatorBookingNoticeMinutes!: number;
  /** Consultations may start up to this many months ahead (to the Shanghai day); 1 to 60. */
  @Column('int', { name: 'booking_horizon_months' }) bookingHorizonMonths!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
