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

  /** Headers for an email of `category` to `userId`; mail clients POST `List-Unsubscribe=One-Click` to the URL. */
  headers(userId: string, category: NotificationCategory): Record<string, string> {
    return listHeaders(this.pageUrl(userId, category));
  }

  /** For one email: the unsubscribe URL its footer shows and the headers that carry the same URL, signed once. */
  forEmail(
    userId: string,
    category: NotificationCategory,
  ): { unsubscribeUrl: string; headers: Record<string, string> } {
    const unsubscribeUrl = this.pageUrl(userId, category);
    return { unsubscribeUrl, headers: listHeaders(unsubscribeUrl) };
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

function listHeaders(unsubscribeUrl: string): Record<string, string> {
  return {
    'List-Unsubscribe': `<${unsubscribeUrl}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}
