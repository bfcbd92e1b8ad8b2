import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Locale } from '@yiqiao/domain';

export type ConsentKind = 'health_data' | 'cross_border_transfer';

@Entity('consents')
export class Consent {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'patient_id' }) patientId!: string;
  @Column({ type: 'enum', enumName: 'consent_kind', enum: ['health_data', 'cross_border_transfer'] })
  kind!: ConsentKind;
  @Column('text', { name: 'policy_version' }) policyVersion!: string;
  @Column({ type: 'enum', enumName: 'user_locale', enum: ['en', 'zh-CN', 'ru', 'ja', 'ar'] }) locale!: Locale;
  @Column('timestamptz', { name: 'granted_at' }) grantedAt!: Date;
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true }) withdrawnAt!: Date | null;
  @Column('inet', { name: 'ip_address', nullable: true }) ipAddress!: string | null;
  @Column('text', { name: 'user_agent', nullable: true }) userAgent!: string | null;
}
