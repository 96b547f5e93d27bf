import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, fromRepoRoot } from '@app/core';
import {
  EmailComposerRegistry,
  TemplateRenderer,
  type ComposedEmail,
  type DeliveryToCompose,
  type EmailComposer,
  type TemplateSet,
} from '@app/mail';
import { NotificationMailKind } from '../schedule/notification-kind';
import { AnnouncementsSection } from './content/announcements.section';
import { ConversationSection } from './content/conversation.section';
import type { DigestRecipient, DigestSection } from './content/digest-section';
import { DueSoonSection } from './content/due-soon.section';
import { NewMembersSection } from './content/new-members.section';
import { UpcomingMeetingsSection } from './content/upcoming-meetings.section';

const TEMPLATES: TemplateSet = { dir: fromRepoRoot('libs', 'notifications', 'templates') };

interface Reader {
  id: string;
  display_name: string;
  time_zone: string;
  digest: string;
}

/**
 * Composes digests at send time, from what happened in the person's groups and cohorts since their previous
 * digest and what is coming for them. No news, no email: a digest with every section empty is not sent (null:
 * the ledger row is skipped), nor one for someone who turned digests off or left since it was planned.
 *
 * Works on batches (`composeMany`): each section costs one or two queries per batch, whatever its size.
 */
@Injectable()
export class DigestComposer implements EmailComposer, OnModuleInit {
  readonly kind = NotificationMailKind.Digest;
  private readonly sections: readonly DigestSection[];

  constructor(
    private readonly registry: EmailComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    conversation: ConversationSection,
    announcements: AnnouncementsSection,
    newMembers: NewMembersSection,
    dueSoon: DueSoonSection,
    meetings: UpcomingMeetingsSection,
  ) {
    // The order they appear in the email: what is due first, then what people said, then who came.
    this.sections = [dueSoon, meetings, announcements, conversation, newMembers];
  }

  onModuleInit(): void {
    this.registry.register(this);
  }

  async compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null> {
    const composed = await this.composeMany([delivery]);
    return composed.get(delivery.id) ?? null;
  }

  async composeMany(deliveries: readonly DeliveryToCompose[]): Promise<Map<string, ComposedEmail | null>> {
    const result = new Map<string, ComposedEmail | null>();
    const manager = this.dataSource.manager;
    const readers = await this.readers(
      manager,
      deliveries.flatMap((d) => (d.userId ? [d.userId] : [])),
    );
    const recipients: (DigestRecipient & { delivery: DeliveryToCompose; reader: Reader })[] = [];
    for (const delivery of deliveries) {
      const reader = delivery.userId ? readers.get(delivery.userId) : undefined;
      const window = digestWindow(delivery.payload);
      if (!reader || reader.digest === 'off' || !window) {
        result.set(delivery.id, null);
        continue;
      }
      recipients.push({ ...window, userId: reader.id, timeZone: reader.time_zone, delivery, reader });
    }
    if (recipients.length === 0) return result;

    const collected = await Promise.all(this.sections.map((section) => section.collect(manager, recipients)));
    for (const recipient of recipients) {
      const sections: Record<string, object> = {};
      this.sections.forEach((section, i) => {
        const content = collected[i]!.get(recipient.userId);
        if (content) sections[section.key] = content;
      });
      if (Object.keys(sections).length === 0) {
        result.set(recipient.delivery.id, null);
        continue;
      }
      result.set(
        recipient.delivery.id,
        this.renderer.render(TEMPLATES, 'digest', recipient.delivery.locale, {
          displayName: recipient.reader.display_name,
          frequency: recipient.frequency,
          weekly: recipient.frequency === 'weekly',
          timeZone: recipient.timeZone,
          dueAt: recipient.until.toISOString(),
          sections,
          preferencesUrl: new URL('/settings/notifications', this.config.PUBLIC_URL).toString(),
        }),
      );
    }
    return result;
  }

  private async readers(manager: EntityManager, userIds: string[]): Promise<Map<string, Reader>> {
    const rows = await manager.query<Reader[]>(
      `SELECT u.id, u.display_name, u.time_zone, p.digest
         FROM users u JOIN notification_preferences p ON p.user_id = u.id
        WHERE u.id = ANY($1::uuid[]) AND u.deleted_at IS NULL AND u.email IS NOT NULL`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}

/** The window a digest row covers, from its payload (written by the planner and the releaser). */
function digestWindow(payload: Record<string, unknown>): Pick<DigestRecipient, 'frequency' | 'since' | 'until'> | null {
  const { frequency, since, dueAt } = payload;
  if ((frequency !== 'daily' && frequency !== 'weekly') || typeof since !== 'string' || typeof dueAt !== 'string') {
    return null;
  }
  return { frequency, since: new Date(since), until: new Date(dueAt) };
}
