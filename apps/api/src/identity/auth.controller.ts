import { applyDecorators, Body, Controller, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiExtraModels,
  ApiHeader,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Actor } from '@app/core';
import {
  IdentityError,
  PasswordResetService,
  ProfileService,
  RegistrationService,
  SessionService,
  type SessionTokens,
} from '@app/identity';
import { Authenticated, CurrentActor, Public } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import {
  BrowserSessionTokensDto,
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
import {
  BrowserSessions,
  CSRF_COOKIE,
  CSRF_HEADER,
  REFRESH_COOKIE,
  SESSION_TRANSPORT_HEADER,
  type BrowserSessionTokens,
} from './browser-sessions';
import { OwnProfileDto } from './profile.dto';

const CROSS_SITE = "csrf_rejected: browser mode asked for from another site's page (Origin, Sec-Fetch-Site)";

/**
 * Browser mode, asked for per request (documented here, shown on each route that honours it). `forbidden`
 * describes every 403 of the route: one status has one description.
 */
const SessionTransport = (forbidden = CROSS_SITE) =>
  applyDecorators(
    ApiHeader({
      name: SESSION_TRANSPORT_HEADER,
      required: false,
      enum: ['cookie', 'body'],
      description:
        `\`cookie\` (browser mode): the refresh token is set as the HttpOnly \`${REFRESH_COOKIE}\` cookie ` +
        `(SameSite=Strict, Path=/api/v1/auth, Max-Age its lifetime, Secure unless PUBLIC_URL is http://localhost) ` +
        `instead of answered in the body, with a \`${CSRF_COOKIE}\` cookie (Path=/) the page's scripts read and ` +
        `send back as \`${CSRF_HEADER}\` when the refresh cookie is used; if the request sends Origin or ` +
        `Sec-Fetch-Site, they must name our own origin. \`body\` or absent: tokens in the body, as for any API client.`,
    }),
    ApiForbiddenResponse({ type: ProblemDto, description: forbidden }),
  );

/** Refresh and logout: they read the refresh cookie when the body has no refreshToken. */
const RefreshCookie = () =>
  applyDecorators(
    SessionTransport(`${CROSS_SITE}; or the refresh cookie came without the right ${CSRF_HEADER}. Nothing changes.`),
    ApiHeader({
      name: CSRF_HEADER,
      required: false,
      description:
        `Required when the refresh token comes from the \`${REFRESH_COOKIE}\` cookie (no \`refreshToken\` in the ` +
        `body): the value of the \`${CSRF_COOKIE}\` cookie.`,
    }),
    ApiBody({ type: RefreshDto, required: false }),
  );

const SessionTokensResponse = (description?: string) =>
  applyDecorators(
    ApiExtraModels(SessionTokensDto, BrowserSessionTokensDto),
    ApiOkResponse({
      description: `${description ? `${description}. ` : ''}In browser mode, without refreshToken (it is in the cookie).`,
      schema: { oneOf: [{ $ref: getSchemaPath(SessionTokensDto) }, { $ref: getSchemaPath(BrowserSessionTokensDto) }] },
    }),
  );

type SessionAnswer = SessionTokens | BrowserSessionTokens;

@ApiTags('auth')
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly sessions: SessionService,
    private readonly passwordReset: PasswordResetService,
    private readonly profiles: ProfileService,
    private readonly browser: BrowserSessions,
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
  @SessionTokensResponse()
  @SessionTransport()
  @ApiUnauthorizedResponse({ type: ProblemDto, description: 'invalid_credentials (same answer for unknown emails)' })
  @ApiTooManyRequestsResponse({ type: ProblemDto })
  async login(
    @Body() body: LoginDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionAnswer> {
    const cookies = this.browser.wantsCookies(req);
    return this.browser.respond(res, await this.sessions.login(body.email, body.password, ip), cookies);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @SessionTokensResponse('New tokens; the one sent is now used')
  @RefreshCookie()
  @ApiUnauthorizedResponse({
    type: ProblemDto,
    description: 'Invalid, expired or reused (the session is revoked); a refresh cookie that failed is deleted',
  })
  async refresh(
    @Body() body: RefreshDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionAnswer> {
    const presented = this.browser.presented(req, body.refreshToken);
    try {
      return this.browser.respond(res, await this.sessions.refresh(presented.token), presented.cookies);
    } catch (error) {
      // invalid_refresh_token, the one domain error of a refresh: a cookie that can no longer refresh is of no use
      // to the page, so it is deleted and the page asks the person to log in.
      if (presented.viaCookie && error instanceof IdentityError) this.browser.clear(res);
      throw error;
    }
  }

  @Authenticated()
  @Post('logout')
  @HttpCode(204)
  @RefreshCookie()
  @ApiNoContentResponse({
    description:
      'The session of this refresh token is ended, its access tokens at once. Idempotent for your own token ' +
      '(used, expired or already revoked): 204 again, if the access token sent is still live (that of the ' +
      'session ended is not). In browser mode both cookies are deleted.',
  })
  @ApiUnauthorizedResponse({
    type: ProblemDto,
    description:
      'unauthenticated (the access token is invalid or its session ended), or invalid_refresh_token: the ' +
      'refresh token is unknown or belongs to someone else (the same answer for both; nothing is changed)',
  })
  async logout(
    @CurrentActor() actor: Actor,
    @Body() body: RefreshDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const presented = this.browser.presented(req, body.refreshToken);
    try {
      await this.sessions.logout(actor.userId, presented.token);
    } finally {
      // Once the request has proven it comes from our pages, the browser forgets the session whatever the outcome.
      if (presented.cookies) this.browser.clear(res);
    }
  }

  @Authenticated()
  @Post('password')
  @HttpCode(200)
  @SessionTokensResponse(
    'Password changed: every session is ended, its access tokens at once; these tokens start a new one',
  )
  @SessionTransport(`password_incorrect: currentPassword is wrong; or ${CROSS_SITE}`)
  @ApiTooManyRequestsResponse({ type: ProblemDto, description: 'Too many wrong passwords (the login budget)' })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SessionAnswer> {
    const cookies = this.browser.wantsCookies(req);
    return this.browser.respond(res, await this.sessions.changePassword(actor.userId, body, ip), cookies);
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
