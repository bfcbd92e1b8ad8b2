import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { LOCALES, ROLES, SPOKEN_LANGUAGE_CODES, type Locale, type Role } from '@yiqiao/domain';
import { NormalizeNfc } from '../common/unicode';
import { IsIanaTimeZone } from '../common/validators';
import { PageQuery } from './organisation.dto';

export class CreateUserDto {
  @ApiProperty({ example: 'li.wei@minhang.example.cn' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase().normalize('NFC') : value))
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @Length(3, 254, { message: 'email must be 3 to 254 characters' })
  email!: string;

  @ApiProperty({
    example: 'A-long-initial-passphrase',
    description: '10–200 characters; stored as an argon2id hash',
  })
  @IsString({ message: 'password must be text' })
  @Length(10, 200, { message: 'password must be between 10 and 200 characters' })
  password!: string;

  @ApiProperty({ example: 'Dr. Li Wei' })
  @IsString({ message: 'fullName must be text' })
  @Length(1, 200, { message: 'fullName must be 1 to 200 characters' })
  fullName!: string;

  @ApiProperty({ enum: ROLES, example: 'specialist' })
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role!: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Required for specialists, interpreters and coordinators',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID('all', { message: 'institutionId must be a UUID' })
  institutionId?: string | null;

  @ApiPropertyOptional({ enum: LOCALES, example: 'zh-CN' })
  @IsOptional()
  @IsIn(LOCALES, { message: `preferredLanguage must be one of ${LOCALES.join(', ')}` })
  preferredLanguage?: Locale;

  @ApiPropertyOptional({ example: 'Asia/Shanghai' })
  @IsOptional()
  @IsIanaTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ example: '+8613800138000', description: 'E.164' })
  @IsOptional()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: 'phone must be in E.164 form, e.g. +8613800138000' })
  phone?: string;

  @ApiPropertyOptional({ example: 'CN' })
  @IsOptional()
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as "CN"' })
  country?: string;

  @ApiPropertyOptional({ enum: SPOKEN_LANGUAGE_CODES, isArray: true, example: ['zh-cmn', 'en'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(12)
  @ArrayUnique()
  @IsIn(SPOKEN_LANGUAGE_CODES, {
    each: true,
    message: `each of spokenLanguages must be one of ${SPOKEN_LANGUAGE_CODES.join(', ')}`,
  })
  spokenLanguages?: string[];
}

export class UpdateUserDto extends PartialType(OmitType(CreateUserDto, ['email'] as const)) {
  @ApiPropertyOptional({ example: false, description: 'false disables the account and ends its sessions' })
  @IsOptional()
  @IsBoolean({ message: 'isActive must be true or false' })
  isActive?: boolean;
}

export class UsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'institutionId must be a UUID' })
  institutionId?: string;

  @ApiPropertyOptional({ description: 'Part of the e-mail or name', example: 'li' })
  @IsOptional()
  @NormalizeNfc()
  @IsString({ message: 'search must be text' })
  @Length(1, 100, { message: 'search must be 1 to 100 characters' })
  search?: string;
}

export class UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'li.wei@minhang.example.cn' }) email!: string;
  @ApiProperty({ example: 'Dr. Li Wei' }) fullName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) institutionId!: string | null;
  @ApiProperty({ enum: LOCALES }) preferredLanguage!: Locale;
  @ApiProperty({ example: 'Asia/Shanghai' }) timeZone!: string;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) country!: string | null;
  @ApiProperty({ example: ['zh-cmn', 'en'] }) spokenLanguages!: string[];
  @ApiProperty() isActive!: boolean;
  @ApiProperty() createdAt!: Date;
}

export class UserPage {
  @ApiProperty({ type: [UserView] }) items!: UserView[];
  @ApiProperty({ example: 120 }) total!: number;
  @ApiProperty({ example: 1 }) page!: number;
  @ApiProperty({ example: 50 }) pageSize!: number;
}
