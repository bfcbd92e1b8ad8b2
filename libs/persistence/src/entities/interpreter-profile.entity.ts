import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('interpreter_profiles')
export class InterpreterProfile {
  @PrimaryColumn('uuid', { name: 'user_id' }) userId!: string;
  @Column('text', { nullable: true }) certification!: string | null;
  @Column('date', { name: 'certified_until', nullable: true }) certifiedUntil!: string | null;
  @Column('int', { name: 'late_cancellations' }) lateCancellations!: number;
}

/** A language pair is unordered; it is stored with language_a < language_b. */
@Entity('interpreter_language_pairs')
export class InterpreterLanguagePair {
  @PrimaryColumn('uuid', { name: 'interpreter_id' }) interpreterId!: string;
  @PrimaryColumn('text', { name: 'language_a' }) languageA!: string;
  @PrimaryColumn('text', { name: 'language_b' }) languageB!: string;
}

@Entity('interpreter_specialties')
export class InterpreterSpecialty {
  @PrimaryColumn('uuid', { name: 'interpreter_id' }) interpreterId!: string;
  @PrimaryColumn('text') specialty!: string;
  @Column('boolean') certified!: boolean;
}
