import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fromRepoRoot } from '@app/core';
import { AwardNotices } from '@app/badges';
import { IDENTITY_READ_VIEWS } from '@app/identity';
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

export const BADGE_TEMPLATES: TemplateSet = { dir: fromRepoRoot('libs', 'notifications', 'templates') };

/** What the `badge-awarded` templates read, beside the footer links. */
export interface BadgeAwardedView {
  displayName: string;
  badgeName: string;
  issuerName: string;
  link: string;
}

/**
 * "You earned a badge: <name>", linking to the credential's public page (where it is shared and downloaded). It is
 * re-checked at send time: an award revoked, or no longer the reader's (erased), sends nothing.
 */
@Injectable()
export class BadgeAwardedComposer implements EmailComposer, OnModuleInit {
  readonly kind = NotificationMailKind.BadgeAwarded;

  constructor(
    private readonly registry: EmailComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly links: UnsubscribeLinks,
    private readonly dataSource: DataSource,
    private readonly awards: AwardNotices,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null> {
    const { userId } = delivery;
    const { awardId } = delivery.payload;
    if (!userId || typeof awardId !== 'string') return null;
    const award = (await this.awards.find(this.dataSource.manager, [awardId])).get(awardId);
    if (!award || award.revoked || award.recipientId !== userId) return null;
    const [reader] = await this.dataSource.query<{ display_name: string }[]>(
      `SELECT display_name FROM ${IDENTITY_READ_VIEWS.people} WHERE id = $1 AND deleted_at IS NULL`,
      [userId],
    );
    if (!reader) return null;
    const view: BadgeAwardedView = {
      displayName: reader.display_name,
      badgeName: award.achievementName,
      issuerName: award.issuerName,
      link: award.credentialUrl,
    };
    const { unsubscribeUrl, headers } = this.links.forEmail(userId, NotificationCategory.Badges);
    const rendered = this.renderer.render(BADGE_TEMPLATES, 'badge-awarded', delivery.locale, {
      ...view,
      preferencesUrl: this.links.preferencesUrl(),
      unsubscribeUrl,
    });
    return { ...rendered, headers };
  }
}
