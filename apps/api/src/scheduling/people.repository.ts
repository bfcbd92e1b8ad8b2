import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface PersonInfo {
  id: string;
  fullName: string;
  timeZone: string;
  spokenLanguages: string[];
  institutionId: string | null;
}

/** Small lookups of people and departments shared by scheduling and consultations. */
@Injectable()
export class PeopleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private async person(id: string, role: string, manager?: EntityManager): Promise<PersonInfo | null> {
    const [row] = await (manager ?? this.dataSource).query(
      `SELECT id, full_name, time_zone, spoken_languages, institution_id FROM users
        WHERE id = $1 AND role = $2 AND is_active`,
      [id, role],
    );
    return row
      ? {
          id: row.id,
          fullName: row.full_name,
          timeZone: row.time_zone,
          spokenLanguages: row.spoken_languages,
          institutionId: row.institution_id,
        }
      : null;
  }

  patient(id: string, manager?: EntityManager): Promise<PersonInfo | null> {
    return this.person(id, 'patient', manager);
  }

  interpreter(id: string, manager?: EntityManager): Promise<PersonInfo | null> {
    return this.person(id, 'interpreter', manager);
  }

  async department(id: string): Promise<{ id: string; institutionId: string } | null> {
    const [row] = await this.dataSource.query(`SELECT id, institution_id FROM departments WHERE id = $1`, [
      id,
    ]);
    return row ? { id: row.id, institutionId: row.institution_id } : null;
  }
}
