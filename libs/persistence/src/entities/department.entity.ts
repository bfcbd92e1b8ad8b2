import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('departments')
export class Department {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('uuid', { name: 'institution_id' }) institutionId!: string;
  @Column('text') code!: string;
  @Column('text') name!: string;
  @Column('text', { name: 'name_zh', nullable: true }) nameZh!: string | null;
  /** Medical specialty used to match certified interpreters, e.g. "oncology". */
  @Column('text') specialty!: string;
  @Column('int', { name: 'default_consultation_minutes' }) defaultConsultationMinutes!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
