import { Controller, Get, Header, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UnsubscribePage, UnsubscribeService } from '@app/notifications';
import { Public } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { WithoutWriteLimit } from '../http/write-rate-limit.interceptor';
import { UnsubscribedDto } from './notifications.dto';

/** `?token=a&token=b` arrives as an array: not a token. */
const tokenOf = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The link in every notification email's List-Unsubscribe header (RFC 2369). Mail clients POST to it with
 * `List-Unsubscribe=One-Click` (RFC 8058; the form body is not read, the signed token says everything); people
 * who open it get a confirmation page whose button POSTs. No login, no cookies: the token is the credential.
 */
@ApiTags('notifications')
@Public()
@ApiQuery({ name: 'token', description: 'The signed token from the email' })
@ApiBadRequestResponse({ type: ProblemDto, description: 'A forged, damaged or missing token (`errors` names `token`)' })
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly unsubscribes: UnsubscribeService,
    private readonly page: UnsubscribePage,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'A confirmation page in the person’s language; changes nothing (link scanners)' })
  async confirm(@Query('token') token: unknown): Promise<string> {
    const request = await this.unsubscribes.describe(tokenOf(token));
    return this.page.confirm(tokenOf(token)!, request.category, request.locale);
  }

  @Post()
  @WithoutWriteLimit()
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiOkResponse({
    type: UnsubscribedDto,
    description: 'The category is off (also when it already was). Browsers (Accept: text/html) get a page.',
  })
  async unsubscribe(
    @Query('token') token: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UnsubscribedDto | string> {
    const { category } = await this.unsubscribes.unsubscribe(tokenOf(token));
    if (req.accepts(['json', 'html']) === 'html') {
      const { locale } = await this.unsubscribes.describe(tokenOf(token));
      res.type('html').setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
      return this.page.done(category, locale);
    }
    return { category, unsubscribed: true };
  }
}
