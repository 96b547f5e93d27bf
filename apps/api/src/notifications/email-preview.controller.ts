import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DEFAULT_LOCALE } from '@app/mail';
import { EmailPreview } from '@app/notifications';
import { AdminOnly, Authenticated } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { EmailPreviewDto, EmailPreviewKindsDto, EmailPreviewQueryDto } from './notifications.dto';

/** Any email the platform sends, rendered with sample data in any language, for people to look at. */
@ApiTags('admin')
@Authenticated()
@AdminOnly()
@Controller('admin/email-preview')
export class EmailPreviewController {
  constructor(private readonly preview: EmailPreview) {}

  @Get()
  @ApiOkResponse({ type: EmailPreviewKindsDto, description: 'The email kinds that can be previewed' })
  kinds(): EmailPreviewKindsDto {
    return { kinds: this.preview.kinds() };
  }

  @Get(':kind')
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: EmailPreviewDto, description: 'Subject, HTML and text parts; `?format=html`: the HTML' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'An unsupported `locale` (named in `errors`)' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No email of that kind (or none with a sample)' })
  show(
    @Param('kind') kind: string,
    @Query() query: EmailPreviewQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): EmailPreviewDto | string {
    const { subject, html, text } = this.preview.render(kind, query.locale ?? DEFAULT_LOCALE);
    if (query.format === 'html') {
      // Sample data only, but still an email's HTML: no scripts, nothing fetched but images.
      res.type('html').setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src *");
      return html;
    }
    return { subject, html, text };
  }
}
