import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { IsIanaTimeZone } from '@app/core';
import { SUPPORTED_LOCALES, type Locale } from '@app/identity';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export class RegisterDto {
  @ApiProperty({ example: 'ana@example.org', maxLength: 254 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  password!: string;

  @ApiProperty({ example: 'Ana Quispe', minLength: 1, maxLength: 80 })
  @IsString()
  @MinLength(1)
  @MaxLength(80)
  displayName!: string;

  @ApiProperty({ example: 'America/La_Paz', description: 'IANA time zone' })
  @IsIanaTimeZone()
  timeZone!: string;

  @ApiProperty({ enum: SUPPORTED_LOCALES, example: 'es' })
  @IsIn(SUPPORTED_LOCALES)
  locale!: Locale;
}

export class LoginDto {
  @ApiProperty({ example: 'ana@example.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  password!: string;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description:
      'The refresh token from login or the previous refresh; each works once. Required, unless the browser sends ' +
      'it in the cp_refresh cookie (browser mode).',
  })
  // Absent is allowed (the cookie may carry it); null is not a token and is refused like any other wrong type.
  @ValidateIf((_dto: RefreshDto, value: unknown) => value !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken?: string;
}

export class TokenDto {
  @ApiProperty({ description: 'The code from the email.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;
}

export class EmailDto {
  @ApiProperty({ example: 'ana@example.org' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;
}

export class ResetPasswordDto extends TokenDto {
  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassword!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password in use now.', maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX })
  @IsString()
  @MinLength(PASSWORD_MIN)
  @MaxLength(PASSWORD_MAX)
  newPassword!: string;
}

export class SessionTokensDto {
  @ApiProperty({ description: 'JWT for the Authorization: Bearer header.' })
  accessToken!: string;

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires.' })
  expiresIn!: number;

  @ApiProperty({ description: 'Exchange at /auth/refresh for new tokens; works once.' })
  refreshToken!: string;
}

/** What browser mode answers: the refresh token went into the HttpOnly cp_refresh cookie instead. */
export class BrowserSessionTokensDto {
  @ApiProperty({ description: 'JWT for the Authorization: Bearer header; keep it in memory only.' })
  accessToken!: string;

  @ApiProperty({ example: 900, description: 'Seconds until the access token expires: refresh before then.' })
  expiresIn!: number;
}

export class ResendResultDto {
  @ApiProperty({ description: 'False when the address is already verified.' })
  sent!: boolean;
}
