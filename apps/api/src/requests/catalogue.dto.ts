import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { InstitutionKind } from '@yiqiao/persistence';

export class CatalogueQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'institutionId must be a UUID' })
  institutionId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'departmentId must be a UUID' })
  departmentId?: string;
}

export class CatalogueInstitution {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Pudong International Hospital' }) name!: string;
  @ApiProperty({ example: '浦东国际医院', nullable: true, type: String }) nameZh!: string | null;
  @ApiProperty({ enum: ['shanghai_hospital', 'clinic'] }) kind!: InstitutionKind;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ description: 'Patients may book slots themselves' }) allowsPatientSelfBooking!: boolean;
}

export class CatalogueDepartment {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty({ example: 'Pudong International Hospital' }) institutionName!: string;
  @ApiProperty({ example: 'Urology' }) name!: string;
  @ApiProperty({ example: '泌尿外科', nullable: true, type: String }) nameZh!: string | null;
  @ApiProperty({ example: 'urology' }) specialty!: string;
  @ApiProperty({ example: 30 }) defaultConsultationMinutes!: number;
}

export class CatalogueSpecialist {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Dr. Li Wei' }) fullName!: string;
  @ApiProperty({ example: 'Chief Physician' }) title!: string;
  @ApiProperty({ format: 'uuid' }) institutionId!: string;
  @ApiProperty({ example: ['zh-cmn', 'en'] }) spokenLanguages!: string[];
  @ApiProperty({ type: [String], example: ['0f8c3a52-6a0e-4a8f-9f0c-2b1d3e4f5a6b'] })
  departmentIds!: string[];
}
