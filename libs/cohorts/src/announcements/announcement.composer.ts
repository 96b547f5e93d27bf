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
import { CohortsMailKind } from './announcement-mails';
import { AnnouncementRepository } from './announcement.repository';

const TEMPLATES: TemplateSet = { dir: fromRepoRoot('libs', 'cohorts', 'templates') };

/**
 * Renders an announcement for one member, in their language. Checked again at send time: someone who left the
 * cohort, turned announcements off or chose digest-only since it was published gets nothing (null: the row is
 * skipped; a digest-only member's digest carries it, as the ledger row was not sent).
 */
@Injectable()
export class AnnouncementComposer implements EmailComposer, OnModuleInit {
  readonly kind = CohortsMailKind.Announcement;

  constructor(
    private readonly registry: EmailComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly announcements: AnnouncementRepository,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null> {
    const announcementId = delivery.payload.announcementId;
    if (typeof announcementId !== 'string' || !delivery.userId) return null;
    const facts = await this.announcements.findEmailFacts(announcementId, delivery.userId);
    if (!facts) return null;
    return this.renderer.render(TEMPLATES, 'announcement', delivery.locale, {
      ...facts,
      link: new URL(`/cohorts/${facts.cohortId}`, this.config.PUBLIC_URL).toString(),
    });
  }
}
