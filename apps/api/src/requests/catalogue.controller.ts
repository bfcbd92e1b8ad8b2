import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import {
  CatalogueDepartment,
  CatalogueInstitution,
  CatalogueQuery,
  CatalogueSpecialist,
} from './catalogue.dto';

/**
 * What a patient can ask for: the Shanghai hospitals and clinics, their departments and specialists.
 * Open to every logged-in user (no medical data); overseas partner clinics are not listed.
 */
@ApiTags('catalogue')
@ApiBearerAuth()
@Controller()
export class CatalogueController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get('institutions')
  @ApiOperation({ summary: 'Hospitals and clinics that hold consultations' })
  @ApiOkResponse({ type: [CatalogueInstitution] })
  institutions(): Promise<CatalogueInstitution[]> {
    return this.dataSource.query(
      `SELECT id, name, name_zh AS "nameZh", kind, parent_id AS "parentId", time_zone AS "timeZone",
              allows_patient_self_booking AS "allowsPatientSelfBooking"
         FROM institutions WHERE kind <> 'overseas_partner' ORDER BY name`,
    );
  }

  @Get('departments')
  @ApiOperation({ summary: 'Departments of those institutions (optionally of one)' })
  @ApiOkResponse({ type: [CatalogueDepartment] })
  departments(@Query() query: CatalogueQuery): Promise<CatalogueDepartment[]> {
    return this.dataSource.query(
      `SELECT d.id, d.institution_id AS "institutionId", i.name AS "institutionName", d.name,
              d.name_zh AS "nameZh", d.specialty, d.default_consultation_minutes AS "defaultConsultationMinutes"
         FROM departments d JOIN institutions i ON i.id = d.institution_id
        WHERE i.kind <> 'overseas_partner' AND ($1::uuid IS NULL OR d.institution_id = $1)
        ORDER BY i.name, d.name`,
      [query.institutionId ?? null],
    );
  }

  @Get('specialists')
  @ApiOperation({ summary: 'Active specialists, optionally of one institution or department' })
  @ApiOkResponse({ type: [CatalogueSpecialist] })
  specialists(@Query() query: CatalogueQuery): Promise<CatalogueSpecialist[]> {
    return this.dataSource.query(
      `SELECT u.id, u.full_name AS "fullName", COALESCE(p.title, '') AS title, u.institution_id AS "institutionId",
              u.spoken_languages AS "spokenLanguages",
              COALESCE(array_agg(sd.department_id) FILTER (WHERE sd.department_id IS NOT NULL), '{}') AS "departmentIds"
         FROM users u
         LEFT JOIN specialist_profiles p ON p.user_id = u.id
         LEFT JOIN specialist_departments sd ON sd.specialist_id = u.id
        WHERE u.role = 'specialist' AND u.is_active
          AND ($1::uuid IS NULL OR u.institution_id = $1)
          AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM specialist_departments x
                                            WHERE x.specialist_id = u.id AND x.department_id = $2))
        GROUP BY u.id, p.title ORDER BY u.full_name`,
      [query.institutionId ?? null, query.departmentId ?? null],
    );
  }
}
