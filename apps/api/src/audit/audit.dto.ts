import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { ROLES, type Role } from '@yiqiao/domain';
import { PageQuery } from '../admin/organisation.dto';
import { IsInstantInYears } from '../scheduling/validators';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'consultation_request' })
  @IsOptional()
  @Matches(/^[a-z_]{2,60}$/, { message: 'entityType must be a lower-case name such as consultation_request' })
  entityType?: string;

  @ApiPropertyOptional({ example: '0f8c3a52-6a0e-4a8f-9f0c-2b1d3e4f5a6b' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'entityId must be an id' })
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'actorId must be a UUID' })
  actorId?: string;

  @ApiPropertyOptional({ example: 'consultation_request.read' })
  @IsOptional()
  @Matches(/^[a-z_.]{2,80}$/, { message: 'action must look like consultation_request.read' })
  action?: string;

  @ApiPropertyOptional({ example: '2026-03-01T00:00:00Z', description: 'From this instant (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date-time' })
  @IsInstantInYears()
  from?: string;

  @ApiPropertyOptional({
    example: '2026-04-01T00:00:00Z',
    description: 'Until this instant (exclusive); must be after from',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date-time' })
  @IsInstantInYears()
  to?: string;
}

export class AuditEventView {
  @ApiProperty({ example: '1042' }) id!: string;
  @ApiProperty() occurredAt!: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!: string | null;
  @ApiProperty({ enum: ROLES, nullable: true }) actorRole!: Role | null;
  @ApiProperty({ example: 'consultation_request.read' }) action!: string;
  @ApiProperty({ example: 'consultation_request' }) entityType!: string;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) institutionId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'x-request-id of the HTTP request' })
  requestId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { previousStatus: 'new' } })
  details!: Record<string, unknown>;
}

export class AuditEventPage {
  @ApiProperty({ type: [AuditEventView] }) items!: AuditEventView[];
  @ApiProperty({ example: 3 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
}
