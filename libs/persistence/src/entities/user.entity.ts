import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Locale, Role } from '@yiqiao/domain';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('citext') email!: string;
  @Column('text', { name: 'password_hash', select: false }) passwordHash!: string;
  @Column('text', { name: 'full_name' }) fullName!: string;
  @Column({
    type: 'enum',
    enumName: 'user_role',
    enum: ['patient', 'specialist', 'interpreter', 'coordinator', 'admin'],
  })
  role!: Role;
  @Column('uuid', { name: 'institution_id', nullable: true }) institutionId!: string | null;
  @Column({
    type: 'enum',
    enumName: 'user_locale',
    enum: ['en', 'zh-CN', 'ru', 'ja', 'ar'],
    name: 'preferred_language',
  })
  preferredLanguage!: Locale;
  @Column('text', { name: 'time_zone' }) timeZone!: string;
  @Column('text', { nullable: true }) phone!: string | null;
  @Column('char', { length: 2, nullable: true }) country!: string | null;
  @Column('text', { name: 'spoken_languages', array: true }) spokenLanguages!: string[];
  @Column('boolean', { name: 'is_active' }) isActive!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
