import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { fromRepoRoot } from '@app/core';
import { SUPPORTED_LOCALES } from '@app/identity';
import type { NotificationCategory } from '../schedule/notification-kind';
import { UnsubscribeLinks, UNSUBSCRIBE_PATH } from './unsubscribe-links';

const DIR = fromRepoRoot('libs', 'notifications', 'templates', 'unsubscribe-page');

interface PageMessages {
  category: Record<NotificationCategory, string>;
  confirm: { heading: string; body: string; button: string };
  done: { heading: string; body: string };
  preferences: string;
}

/**
 * The web pages of the unsubscribe link, in the person's language: a confirmation with a button (the GET, which
 * changes nothing) and an acknowledgement (after a browser's POST). Templates and strings are read once.
 */
@Injectable()
export class UnsubscribePage {
  private readonly template = Handlebars.create().compile(readFileSync(join(DIR, 'page.html.hbs'), 'utf8'));
  private readonly messages = new Map<string, PageMessages>(
    SUPPORTED_LOCALES.map((locale) => [
      locale,
      JSON.parse(readFileSync(join(DIR, 'messages', `${locale}.json`), 'utf8')) as PageMessages,
    ]),
  );

  constructor(private readonly links: UnsubscribeLinks) {}

  confirm(token: string, category: NotificationCategory, locale: string): string {
    const m = this.catalog(locale);
    const name = m.category[category];
    return this.render(locale, {
      heading: m.confirm.heading.replace('{category}', name),
      body: m.confirm.body.replace('{category}', name),
      button: m.confirm.button,
      // Relative, so the form posts back to the host that served it.
      actionUrl: `${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}`,
    });
  }

  done(category: NotificationCategory, locale: string): string {
    const m = this.catalog(locale);
    const name = m.category[category];
    return this.render(locale, {
      heading: m.done.heading,
      body: m.done.body.replace('{category}', name),
    });
  }

  private render(locale: string, data: Record<string, string>): string {
    const lang = this.messages.has(locale) ? locale : 'en';
    return this.template({
      ...data,
      lang,
      preferences: this.catalog(locale).preferences,
      preferencesUrl: this.links.preferencesUrl(),
    });
  }

  private catalog(locale: string): PageMessages {
    return this.messages.get(locale) ?? this.messages.get('en')!;
  }
}
