import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { CONSULTATION_STATUSES, LOCALES, type ConsultationStatus, type Locale } from '@yiqiao/domain';
import { IsIanaTimeZone } from '../common/validators';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Optional text fields: surrounding blanks go, and an empty field counts as not given. */
const trimmedOrAbsent = ({ value }: { value: unknown }) => {
  if (value === null) return undefined;
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return text === '' ? undefined : text;
};

export class InviteGuestDto {
  @ApiProperty({ example: 'Maria Smith', description: 'Shown to the others in the call; 1–120 characters' })
  @Transform(trimmed)
  @IsString({ message: 'name must be text' })
  @Length(1, 120, { message: 'name must be 1 to 120 characters (after trimming spaces)' })
  name!: string;

  @ApiPropertyOptional({
    example: 'maria@example.org',
    description: 'Where to send the invitation; without it, share the link yourself',
  })
  @Transform(trimmedOrAbsent)
  @IsOptional()
  @IsEmail({}, { message: 'email must be an e-mail address such as maria@example.org' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email?: string;

  @ApiPropertyOptional({ enum: LOCALES, description: "Language of the invitation; default: the patient's" })
  @IsOptional()
  @IsIn(LOCALES, { message: `language must be one of ${LOCALES.join(', ')}` })
  language?: Locale;

  @ApiPropertyOptional({
    example: 'Europe/Madrid',
    description: "The guest's IANA time zone; default: the patient's",
  })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({
    example: 'daughter',
    description: 'Relationship to the patient; up to 60 characters',
  })
  @Transform(trimmedOrAbsent)
  @IsOptional()
  @IsString({ message: 'relationship must be text' })
  @MaxLength(60, { message: 'relationship must be at most 60 characters' })
  relationship?: string;
}

export const EMAIL_STATUSES = ['none', 'pending', 'sent', 'failed'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export class GuestInviterDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Anna Smith' }) name!: string;
  @ApiProperty({ example: 'patient' }) role!: string;
}

export class GuestViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Maria Smith' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: LOCALES }) language!: Locale;
  @ApiProperty({ example: 'Europe/Madrid' }) timeZone!: string;
  @ApiProperty({ type: String, nullable: true, example: 'daughter' }) relationship!: string | null;
  @ApiProperty({ type: GuestInviterDto }) invitedBy!: GuestInviterDto;
  @ApiProperty({ example: '2026-03-01T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) revokedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastJoinedAt!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The personal link to give the guest; null once withdrawn',
  })
  inviteUrl!: string | null;
  @ApiProperty({ enum: EMAIL_STATUSES, description: 'Delivery of the invitation e-mail' })
  emailStatus!: EmailStatus;
}

export class GuestEnvelopeDto {
  @ApiProperty({ type: GuestViewDto }) guest!: GuestViewDto;
}

export class GuestListDto {
  @ApiProperty({ type: [GuestViewDto] }) guests!: GuestViewDto[];
}

export class PublicGuestDto {
  @ApiProperty({ example: 'Maria Smith' }) name!: string;
  @ApiProperty({ enum: LOCALES }) language!: Locale;
  @ApiProperty({ example: 'Europe/Madrid' }) timeZone!: string;
}

export class PublicConsultationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: CONSULTATION_STATUSES }) status!: ConsultationStatus;
  @ApiProperty({ example: '2026-03-09T01:00:00.000Z' }) startsAt!: string;
  @ApiProperty({ example: '2026-03-09T01:30:00.000Z' }) endsAt!: string;
  @ApiProperty({ example: 'Dr. Li Wei' }) specialistName!: string;
  @ApiProperty({ example: 'Urology' }) departmentName!: string;
  @ApiProperty({ type: String, nullable: true, example: '泌尿外科' }) departmentNameZh!: string | null;
  @ApiProperty({ example: 'Minhang Hospital' }) institutionName!: string;
  @ApiProperty({ type: String, nullable: true, example: '闵行医院' }) institutionNameZh!: string | null;
}

/** What an invite link shows: who is invited to what, and nothing medical. */
export class GuestJoinWindowDto {
  @ApiProperty({ description: 'The guest may join from this instant (UTC)' }) opensAt!: string;
  @ApiProperty({ description: 'Nobody can join from this instant (UTC)' }) closesAt!: string;
}

export class GuestInvitationDto {
  @ApiProperty({ type: PublicGuestDto }) guest!: PublicGuestDto;
  @ApiProperty({ type: PublicConsultationDto }) consultation!: PublicConsultationDto;
  @ApiProperty({ type: GuestJoinWindowDto }) joinWindow!: GuestJoinWindowDto;
  @ApiProperty({ description: 'The call can be joined now (the guest then waits to be let in)' })
  joinable!: boolean;
}
