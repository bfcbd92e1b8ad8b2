import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('specialist_profiles')
export class SpecialistProfile {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('text') title!: string;
  @Column('text') bio!: string;
  @Column('int', { name: 'consultation_minutes', nullable: true }) consultationMinutes!: number | null;
}

@Entity('specialist_departments')
export class SpecialistDepartment {
  @PrimaryColumn('uuid', { name: 'specialist_id' }) specialistId!: string;
  @PrimaryColumn('uuid', { name: 'department_id' }) departmentId!: string;
}
