import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { PasswordResetService, ProfileService, RegistrationService, SessionService } from '@app/identity';
import { Authenticated, CurrentActor, Public } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import {
  ChangePasswordDto,
  EmailDto,
  LoginDto,
  RefreshDto,
  RegisterDto,
  ResendResultDto,
  ResetPasswordDto,
  SessionTokensDto,
  TokenDto,
} from './auth.dto';
import { OwnProfileDto } from './profile.dto';

@ApiTags('auth')
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly sessions: SessionService,
    private readonly passwordReset: PasswordResetService,
    private readonly profiles: ProfileService,
  ) {}

  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: OwnProfileDto, description: 'Account created; a verification email is on its way' })
  @ApiConflictResponse({ type: ProblemDto, description: 'email_taken' })
  @ApiTooManyRequestsResponse({ type: ProblemDto })
  async register(@Body() body: RegisterDto, @Ip() ip: string): Promise<OwnProfileDto> {
    const user = await this.registration.register(body, ip);
    return this.profiles.own(user.id);
  }

  @Public()
  @Post('verify-email')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Email address verified' })
  async verifyEmail(@Body() body: TokenDto): Promise<void> {
    await this.registration.verifyEmail(body.token);
  }

  @Authenticated()
  @Post('verify-email/resend')
  @HttpCode(200)
  @ApiOkResponse({ type: ResendResultDto })
  @ApiTooManyRequestsResponse({ type: ProblemDto })
  resendVerification(@CurrentActor() actor: Actor): Promise<ResendResultDto> {
    return this.registration.resendVerification(actor.userId);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionTokensDto })
  @ApiUnauthorizedResponse({ type: ProblemDto, description: 'invalid_credentials (same answer for unknown emails)' })
  @ApiTooManyRequestsResponse({ type: ProblemDto })
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<SessionTokensDto> {
    return this.sessions.login(body.email, body.password, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionTokensDto, description: 'New tokens; the one sent is now used' })
  @ApiUnauthorizedResponse({ type: ProblemDto, description: 'Invalid, expired or reused (the session is revoked)' })
  refresh(@Body() body: RefreshDto): Promise<SessionTokensDto> {
    return this.sessions.refresh(body.refreshToken);
  }

  @Authenticated()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({
    description:
      'The session of this refresh token is ended, its access tokens at once. Idempotent for your own token ' +
      '(used, expired or already revoked): 204 again, if the access token sent is still live (that of the ' +
      'session ended is not).',
  })
  @ApiUnauthorizedResponse({
    type: ProblemDto,
    description:
      'unauthenticated (the access token is invalid or its session ended), or invalid_refresh_token: the ' +
      'refresh token is unknown or belongs to someone else (the same answer for both; nothing is changed)',
  })
  async logout(@CurrentActor() actor: Actor, @Body() body: RefreshDto): Promise<void> {
    await this.sessions.logout(actor.userId, body.refreshToken);
  }

  @Authenticated()
  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({
    type: SessionTokensDto,
    description: 'Password changed: every session is ended, its access tokens at once; these tokens start a new one',
  })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'password_incorrect: currentPassword is wrong' })
  @ApiTooManyRequestsResponse({ type: ProblemDto, description: 'Too many wrong passwords (the login budget)' })
  changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @Ip() ip: string,
  ): Promise<SessionTokensDto> {
    return this.sessions.changePassword(actor.userId, body, ip);
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'If the address has an account, a reset link is on its way' })
  @ApiTooManyRequestsResponse({ type: ProblemDto })
  async requestPasswordReset(@Body() body: EmailDto): Promise<void> {
    await this.passwordReset.request(body.email);
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Password changed; every session is signed out, its access tokens at once' })
  async resetPassword(@Body() body: ResetPasswordDto): Promise<void> {
    await this.passwordReset.reset(body.token, body.newPassword);
  }
}
