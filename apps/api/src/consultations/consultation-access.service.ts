import { ForbiddenException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuthUser, isOwnRecord, notFound, ScopeService } from '../auth';
import type { ConsultationRow } from './consultation-view';

/**
 * Who may see and change a consultation. Seeing: its participants, coordinators of its institution
 * (or a parent), administrators; anyone else gets 404. Changing: coordinators and administrators, and
 * the patient for their own consultation.
 */
@Injectable()
export class ConsultationAccessService {
  constructor(private readonly scope: ScopeService) {}

  async canSee(user: AuthUser, row: ConsultationRow, manager?: EntityManager): Promise<boolean> {
    if (user.role === 'admin') return true;
    if (user.role === 'coordinator') return this.scope.canSeeInstitution(user, row.institution_id, manager);
    const ids = { patient: row.patient_id, specialist: row.specialist_id, interpreter: row.interpreter_id };
    return isOwnRecord(user, [ids[user.role]]);
  }

  async assertCanSee(
    user: AuthUser,
    row: ConsultationRow | null,
    id: string,
    manager?: EntityManager,
  ): Promise<ConsultationRow> {
    if (!row || !(await this.canSee(user, row, manager))) throw notFound('Consultation', id);
    return row;
  }

  async assertCanChange(
    user: AuthUser,
    row: ConsultationRow | null,
    id: string,
    manager?: EntityManager,
  ): Promise<ConsultationRow> {
    const visible = await this.assertCanSee(user, row, id, manager);
    if (user.role === 'specialist' || user.role === 'interpreter') {
      throw new ForbiddenException('Ask the hospital coordinator to reschedule or cancel this consultation');
    }
    return visible;
  }
}
