import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { NotificationMetrics } from '@app/notifications';
import { Public } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { MetricsAccessGuard } from './metrics-access.guard';

/** Prometheus scrape target: queue depths, the email ledger, the schedule and the outbox backlog. */
@ApiTags('admin')
@ApiBearerAuth()
// Public to the global guard only: MetricsAccessGuard also accepts the scraper's METRICS_TOKEN.
@Public()
@UseGuards(MetricsAccessGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: NotificationMetrics) {}

  @Get()
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format (0.0.4)' })
  @ApiUnauthorizedResponse({ type: ProblemDto, description: 'No admin access token nor METRICS_TOKEN' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'Signed in, but not an administrator' })
  async scrape(@Res({ passthrough: true }) res: Response): Promise<string> {
    const text = await this.metrics.render();
    res.type(this.metrics.contentType);
    return text;
  }
}
