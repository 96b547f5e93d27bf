import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppConfig } from '@app/core';
import { AdminAccess, bearerToken } from './admin-access';

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * A scraper presents `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time: hashing both sides
 * first hides the length too); a person presents an administrator's access token.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly scrapeToken: Buffer | undefined;

  constructor(
    config: AppConfig,
    private readonly admins: AdminAccess,
  ) {
    this.scrapeToken = config.METRICS_TOKEN ? digest(config.METRICS_TOKEN) : undefined;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const headers = context.switchToHttp().getRequest<Request>().headers;
    const token = bearerToken(headers);
    if (this.scrapeToken && token && timingSafeEqual(digest(token), this.scrapeToken)) return true;
    await this.admins.authenticate(headers);
    return true;
  }
}
