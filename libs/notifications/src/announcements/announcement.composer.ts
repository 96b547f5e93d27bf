import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig, fromRepoRoot } from '@app/core';
import {
  EmailComposerRegistry,
  TemplateRenderer,
  type ComposedEmail,
  type DeliveryToCompose,
  type EmailComposer,
  type TemplateSet,
} from '@app/mail';
import { NotificationCategory, NotificationMailKind } from '../schedule/notification-kind';
import { UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { AnnouncementMailRepository } from './announcement-mail.repository';

export const ANNOUNCEMENT_TEMPLATES: TemplateSet = { dir: fromRepoRoot('libs', 'notifications', 'templates') };

/**
 * Renders an announcement for one member, in their language, with the Announcements category's one-click
 * unsubscribe headers and footer link. Checked again at send time: someone who left the cohort, turned
 * announcements off or chose digest-only since it was published gets nothing (null: the row is skipped; a
 * digest-only member's digest carries it, as the ledger row was not sent).
 */
@Injectable()
export class AnnouncementComposer implements EmailComposer, OnModuleInit {
  readonly kind = NotificationMailKind.Announcement;

  constructor(
    private readonly registry: EmailComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly mails: AnnouncementMailRepository,
    private readonly links: UnsubscribeLinks,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null> {
    const announcementId = delivery.payload.announcementId;
    if (typeof announcementId !== 'string' || !delivery.userId) return null;
    const facts = await this.mails.findEmailFacts(announcementId, delivery.userId);
    if (!facts) return null;
    const { unsubscribeUrl, headers } = this.links.forEmail(delivery.userId, NotificationCategory.Announcements);
    const rendered = this.renderer.render(ANNOUNCEMENT_TEMPLATES, 'announcement', delivery.locale, {
      ...facts,
      link: new URL(`/cohorts/${facts.cohortId}`, this.config.PUBLIC_URL).toString(),
      preferencesUrl: this.links.preferencesUrl(),
      unsubscribeUrl,
    });
    return { ...rendered, headers };
  }
}
