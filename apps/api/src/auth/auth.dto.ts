import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LOCALES, ROLES, type Locale, type Role } from '@yiqiao/domain';
import { NormalizeNfc } from '../common/unicode';

export class LoginDto {
  @ApiProperty({ example: 'coordinator@minhang.yiqiao.test', maxLength: 254 })
  @NormalizeNfc()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email!: string;

  @ApiProperty({ example: 'Yiqiao-demo-2026', maxLength: 200 })
  @IsString({ message: 'password must be text' })
  @MinLength(1, { message: 'password must not be empty' })
  @MaxLength(200, { message: 'password must be at most 200 characters' })
  password!: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'The refresh token from the last login or refresh', example: 'q3v…base64url' })
  @IsString({ message: 'refreshToken must be text (the refresh token from the last login or refresh)' })
  @MinLength(20, { message: 'refreshToken must be at least 20 characters' })
  @MaxLength(200, { message: 'refreshToken must be at most 200 characters' })
  refreshToken!: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'End every session of this user, not only this one', example: false })
  @IsOptional()
  @IsBoolean({ message: 'allSessions must be true or false' })
  allSessions?: boolean;
}

export class MeView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'patient@example.com' }) email!: string;
  @ApiProperty({ example: 'Anna Schmidt' }) fullName!: string;
  @ApiProperty({ enum: ROLES, example: 'patient' }) role!: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) institutionId!: string | null;
  @ApiProperty({ enum: LOCALES, example: 'en' }) preferredLanguage!: Locale;
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone!: string;
  @ApiProperty({ example: ['en', 'de'] }) spokenLanguages!: string[];
  @ApiProperty({ example: 'DE', nullable: true, type: String }) country!: string | null;
}

export class TokensView {
  @ApiProperty({ description: 'JWT to send as "Authorization: Bearer …"' }) accessToken!: string;
  @ApiProperty({ description: 'Opaque; exchange at POST /auth/refresh (single use)' }) refreshToken!: string;
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 }) expiresIn!: number;
  @ApiProperty({ description: 'Refresh token lifetime in seconds', example: 2592000 })
  refreshExpiresIn!: number;
}

export class LoginView extends TokensView {
  @ApiProperty({ type: MeView }) user!: MeView;
}
