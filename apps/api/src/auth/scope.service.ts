import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from './auth-user';

/**
 * Who may see what (institution scoping). One rule set for every endpoint:
 *
 * - admin:       everything.
 * - coordinator: records of their own institution and of its child clinics (institutions.parent_id,
 *                any depth); nothing of other institutions.
 * - patient:     only their own records (requests, consultations, consents).
 * - specialist:  only consultations where they are the specialist (and requests triaged to them).
 * - interpreter: only consultations they are assigned to.
 *
 * A record outside the caller's scope answers 404, never 403: a 403 would confirm that the id
 * exists, which leaks information about other patients and institutions. Use 403 only for "your role
 * may not do this at all" (the RolesGuard), which reveals nothing about a particular record.
 */
@Injectable()
export class ScopeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Institutions whose records the caller may see as staff: null means "all" (admin); [] means
   * none (patients, specialists and interpreters are scoped by person, not institution).
   */
  async visibleInstitutionIds(user: AuthUser, manager?: EntityManager): Promise<string[] | null> {
    if (user.role === 'admin') return null;
    if (user.role !== 'coordinator' || !user.institutionId) return [];
    const rows = (await (manager ?? this.dataSource).query(
      `WITH RECURSIVE scope(id) AS (
         SELECT id FROM institutions WHERE id = $1
         UNION SELECT i.id FROM institutions i JOIN scope s ON i.parent_id = s.id
       ) SELECT id FROM scope`,
      [user.institutionId],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** True when a coordinator (or admin) may act on records of this institution. */
  async canSeeInstitution(user: AuthUser, institutionId: string, manager?: EntityManager): Promise<boolean> {
    const visible = await this.visibleInstitutionIds(user, manager);
    return visible === null || visible.includes(institutionId);
  }

  /** Throws 404 (not 403, so existence is not leaked) unless the caller may see this institution. */
  async assertCanSeeInstitution(
    user: AuthUser,
    institutionId: string,
    what = 'Institution',
    manager?: EntityManager,
  ): Promise<void> {
    if (!(await this.canSeeInstitution(user, institutionId, manager))) throw notFound(what, institutionId);
  }
}

/** The 404 for a record that does not exist OR that the caller may not see (indistinguishable). */
export function notFound(what: string, id: string): NotFoundException {
  return new NotFoundException(`${what} ${id} was not found`);
}

/**
 * Person-scoped check for patients, specialists and interpreters: the record's person ids must
 * include the caller. Staff (coordinator/admin) are checked by institution instead.
 */
export function isOwnRecord(user: AuthUser, personIds: readonly (string | null | undefined)[]): boolean {
  return personIds.includes(user.id);
}
