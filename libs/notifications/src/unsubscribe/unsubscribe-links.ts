import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import type { NotificationCategory } from '../schedule/notification-kind';
import { UnsubscribeTokens } from './unsubscribe-token';

export const UNSUBSCRIBE_PATH = '/api/v1/notifications/unsubscribe';

/**
 * The links every notification email carries: the one-click unsubscribe headers (RFC 2369 List-Unsubscribe with
 * an https URL, RFC 8058 List-Unsubscribe-Post) and the preferences page.
 */
@Injectable()
export class UnsubscribeLinks {
  constructor(
    private readonly config: AppConfig,
    private readonly tokens: UnsubscribeTokens,
  ) {}

  /**
   * Headers for an email of `category` to `userId`; mail clients POST `List-Unsubscribe=One-Click` to the URL.
   * `pageUrl`: that URL when the caller has made it already (for the body), so it is signed once.
   */
  headers(
    userId: string,
    category: NotificationCategory,
    pageUrl = this.pageUrl(userId, category),
  ): Record<string, string> {
    return {
      'List-Unsubscribe': `<${pageUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }

  /** The unsubscribe URL: a GET shows a confirmation page, a POST unsubscribes. */
  pageUrl(userId: string, category: NotificationCategory): string {
    return `${this.base()}${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(this.tokens.sign(userId, category))}`;
  }

  preferencesUrl(): string {
    return `${this.base()}/settings/notifications`;
  }

  private base(): string {
    return this.config.PUBLIC_URL.replace(/\/+$/, '');
  }
}
