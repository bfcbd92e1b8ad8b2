import { ApiProperty } from '@nestjs/swagger';
import type { RequestStatus, RequestUrgency } from '@yiqiao/persistence';
import { REQUEST_STATUSES, URGENCIES } from './request.dto';

export class ConsultationRequestView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ example: 'Aigerim Nurlanovna' }) patientName!: string;
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) departmentId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) preferredSpecialistId!: string | null;
  @ApiProperty({ example: 'PSA of 8.2 ng/ml in January; I would like a second opinion.' }) complaint!: string;
  @ApiProperty({ example: ['ru', 'en'] }) spokenLanguages!: string[];
  @ApiProperty({ example: 'KZ' }) country!: string;
  @ApiProperty({ example: 'Asia/Almaty' }) timeZone!: string;
  @ApiProperty({ enum: URGENCIES, example: 'soon' }) urgency!: RequestUrgency;
  @ApiProperty({ enum: REQUEST_STATUSES, example: 'new' }) status!: RequestStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) triagedBy!: string | null;
  @ApiProperty({ nullable: true, type: Date }) triagedAt!: Date | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was declined or withdrawn' })
  closedReason!: string | null;
  @ApiProperty({ nullable: true, type: Date }) closedAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class ConsultationRequestPage {
  @ApiProperty({ type: [ConsultationRequestView] }) items!: ConsultationRequestView[];
  @ApiProperty({ example: 42 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 20 }) pageSize!: number;
}

/** The row shape of REQUEST_SELECT. */
export interface RequestRow {
  id: string;
  patient_id: string;
  patient_name: string;
  institution_id: string;
  department_id: string | null;
  preferred_specialist_id: string | null;
  complaint: string;
  spoken_languages: string[];
  country: string;
  time_zone: string;
  urgency: RequestUrgency;
  status: RequestStatus;
  triaged_by: string | null;
  triaged_at: Date | null;
  closed_reason: string | null;
  closed_at: Date | null;
  created_at: Date;
}

export const REQUEST_SELECT = `
  SELECT r.id, r.patient_id, p.full_name AS patient_name, r.institution_id, r.department_id,
         r.preferred_specialist_id, r.complaint, r.spoken_languages, r.country, r.time_zone, r.urgency,
         r.status, r.triaged_by, r.triaged_at, r.closed_reason, r.closed_at, r.created_at
    FROM consultation_requests r JOIN users p ON p.id = r.patient_id`;

export function requestView(row: RequestRow): ConsultationRequestView {
  return {
    id: row.id,
    patientId: row.patient_id,
    patientName: row.patient_name,
    institutionId: row.institution_id,
    departmentId: row.department_id,
    preferredSpecialistId: row.preferred_specialist_id,
    complaint: row.complaint,
    spokenLanguages: row.spoken_languages,
    country: row.country.trim(),
    timeZone: row.time_zone,
    urgency: row.urgency,
    status: row.status,
    triagedBy: row.triaged_by,
    triagedAt: row.triaged_at,
    closedReason: row.closed_reason,
    closedAt: row.closed_at,
    createdAt: row.created_at,
  };
}
