import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { LOCALES, type Locale } from '@yiqiao/domain';
import type { ConsentKind } from '@yiqiao/persistence';

export const CONSENT_KINDS: readonly ConsentKind[] = ['health_data', 'cross_border_transfer'];

export class GrantConsentDto {
  @ApiProperty({
    enum: CONSENT_KINDS,
    example: 'health_data',
    description:
      'health_data: processing of sensitive health data; cross_border_transfer: transfer of personal data out of / into mainland China (asked separately, as PIPL requires)',
  })
  @IsIn(CONSENT_KINDS, { message: `kind must be one of ${CONSENT_KINDS.join(', ')}` })
  kind!: ConsentKind;

  @ApiProperty({ description: 'Version of the policy text the patient accepted', example: '2026-01' })
  @IsString()
  @MaxLength(40)
  @Matches(/^[A-Za-z0-9._-]+$/, {
    message: 'policyVersion may contain only letters, digits, ".", "_" and "-"',
  })
  policyVersion!: string;

  @ApiProperty({ enum: LOCALES, description: 'Language the policy was shown in', example: 'en' })
  @IsIn(LOCALES, { message: `locale must be one of ${LOCALES.join(', ')}` })
  locale!: Locale;
}

export class ConsentKindParam {
  @ApiProperty({ enum: CONSENT_KINDS, example: 'cross_border_transfer' })
  @IsIn(CONSENT_KINDS, { message: `kind must be one of ${CONSENT_KINDS.join(', ')}` })
  kind!: ConsentKind;
}

export class ConsentView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CONSENT_KINDS, example: 'health_data' }) kind!: ConsentKind;
  @ApiProperty({ example: '2026-01' }) policyVersion!: string;
  @ApiProperty({ enum: LOCALES, example: 'en' }) locale!: Locale;
  @ApiProperty({ example: '2026-03-02T09:15:00.000Z' }) grantedAt!: Date;
  @ApiProperty({ nullable: true, type: Date, example: null }) withdrawnAt!: Date | null;
}

export class MyConsentsView {
  @ApiProperty({ type: [ConsentView], description: 'Every consent ever given, newest first' })
  consents!: ConsentView[];
  @ApiProperty({
    enum: CONSENT_KINDS,
    isArray: true,
    description: 'Kinds currently in force',
    example: ['health_data'],
  })
  active!: ConsentKind[];
  @ApiProperty({
    enum: CONSENT_KINDS,
    isArray: true,
    description: 'Kinds still needed before medical data can be submitted',
    example: ['cross_border_transfer'],
  })
  missing!: ConsentKind[];
}
