import { BadRequestException, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { notFound, ScopeService } from '../auth/scope.service';

/**
 * Checks the ids a request refers to, so a wrong id is a clear 400/404 naming the field rather
 * than a foreign-key error.
 */
@Injectable()
export class RequestReferences {
  constructor(private readonly scope: ScopeService) {}

  /** The institution must exist and take consultations; staff must have it in scope (404 otherwise). */
  async institution(manager: EntityManager, user: AuthUser, institutionId: string): Promise<void> {
    const [row] = (await manager.query(`SELECT kind FROM institutions WHERE id = $1`, [institutionId])) as {
      kind: string;
    }[];
    if (!row) throw notFound('Institution', institutionId);
    if (user.role !== 'patient')
      await this.scope.assertCanSeeInstitution(user, institutionId, 'Institution', manager);
    if (row.kind === 'overseas_partner') {
      throw new BadRequestException(
        `Institution ${institutionId} is an overseas partner clinic and does not hold consultations; choose a Shanghai hospital or clinic`,
      );
    }
  }

  async department(manager: EntityManager, institutionId: string, departmentId: string): Promise<void> {
    const [row] = (await manager.query(`SELECT institution_id FROM departments WHERE id = $1`, [
      departmentId,
    ])) as {
      institution_id: string;
    }[];
    if (!row || row.institution_id !== institutionId) {
      throw new BadRequestException(
        `departmentId ${departmentId} is not a department of institution ${institutionId}`,
      );
    }
  }

  /** An active specialist of the institution (and of the department, when one is given). */
  async specialist(
    manager: EntityManager,
    institutionId: string,
    specialistId: string,
    departmentId: string | null,
  ): Promise<void> {
    const [row] = (await manager.query(
      `SELECT u.institution_id,
              ($3::uuid IS NULL OR EXISTS (SELECT 1 FROM specialist_departments sd
                                            WHERE sd.specialist_id = u.id AND sd.department_id = $3)) AS in_department
         FROM users u WHERE u.id = $1 AND u.role = 'specialist' AND u.is_active AND u.institution_id = $2`,
      [specialistId, institutionId, departmentId],
    )) as { in_department: boolean }[];
    if (!row) {
      throw new BadRequestException(
        `${specialistId} is not an active specialist of institution ${institutionId}`,
      );
    }
    if (!row.in_department) {
      throw new BadRequestException(`Specialist ${specialistId} does not work in department ${departmentId}`);
    }
  }

  /** For staff filing on behalf of a patient: the id must be an active patient account. */
  async patient(manager: EntityManager, patientId: string): Promise<void> {
    const [row] = (await manager.query(
      `SELECT 1 FROM users WHERE id = $1 AND role = 'patient' AND is_active`,
      [patientId],
    )) as unknown[];
    if (!row) throw notFound('Patient', patientId);
  }
}
