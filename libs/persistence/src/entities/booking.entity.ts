import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type BookingRole = 'specialist' | 'interpreter' | 'patient';

/**
 * The time a consultation holds for one person. `during` is a PostgreSQL tstzrange '[)'; the
 * bookings_no_overlap exclusion constraint forbids two live rows of one user from overlapping.
 */
@Entity('bookings')
export class Booking {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'consultation_id' }) consultationId!: string;
  @Column('uuid', { name: 'user_id' }) userId!: string;
  @Column({ type: 'enum', enumName: 'booking_role', enum: ['specialist', 'interpreter', 'patient'] })
  role!: BookingRole;
  @Column('tstzrange') during!: string;
  @Column('timestamptz', { name: 'released_at', nullable: true }) releasedAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

export const BOOKING_OVERLAP_CONSTRAINT = 'bookings_no_overlap';
