import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, fromRepoRoot } from '@app/core';
import {
  DEFAULT_LOCALE,
  EmailComposerRegistry,
  TemplateRenderer,
  type ComposedEmail,
  type DeliveryToCompose,
  type EmailComposer,
  type TemplateSet,
} from '@app/mail';
import { PreviewSamples } from '../preview/preview-samples';
import { NotificationCategory, NotificationMailKind } from '../schedule/notification-kind';
import { UNSUBSCRIBE_PATH, UnsubscribeLinks } from '../unsubscribe/unsubscribe-links';
import { shortDate } from './content/digest-format';
import type { DigestFrequency, DigestRecipient, DigestSection } from './content/digest-section';
import { DIGEST_SECTIONS } from './content/digest-sections';
import { sampleDigestView } from './digest-sample';

export const DIGEST_TEMPLATES: TemplateSet = { dir: fromRepoRoot('libs', 'notifications', 'templates') };

/** What the digest templates read. */
export interface DigestView {
  displayName: string;
  timeZone: string;
  weekly: boolean;
  /** "Tue 3 Mar", the reader's day the digest is for. */
  dateLabel: string;
  /** Non-empty sections in email order; each is rendered by the partial named after its `key`. */
  sections: ({ key: string } & Record<string, unknown>)[];
  preferencesUrl: string;
  unsubscribeUrl: string;
}

interface Reader {
  id: string;
  display_name: string;
  time_zone: string;
  digest: string;
}

type Batch = (DigestRecipient & { delivery: DeliveryToCompose; reader: Reader })[];

/**
 * Composes digests at send time, from what happened in the person's groups and cohorts since their previous
 * digest and what is coming for them. No news, no email: a digest with every section empty is not sent (null:
 * the ledger row is skipped), nor one for someone deleted or who turned digests off since it was planned.
 *
 * Works on batches (`composeMany`): each section costs one or two queries per batch, whatever its size; the
 * dispatcher's single `compose` is a batch of one.
 */
@Injectable()
export class DigestComposer implements EmailComposer, OnModuleInit {
  readonly kind = NotificationMailKind.Digest;

  constructor(
    private readonly registry: EmailComposerRegistry,
    private readonly renderer: TemplateRenderer,
    private readonly dataSource: DataSource,
    private readonly links: UnsubscribeLinks,
    private readonly previews: PreviewSamples,
    private readonly config: AppConfig,
    @Inject(DIGEST_SECTIONS) private readonly sections: readonly DigestSection[],
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
    this.previews.register({
      kind: this.kind,
      templates: DIGEST_TEMPLATES,
      template: 'digest',
      // Sample token: the links in a preview lead nowhere.
      sample: (locale) => ({
        ...sampleDigestView(locale, {
          publicUrl: this.config.PUBLIC_URL,
          preferencesUrl: this.links.preferencesUrl(),
          unsubscribeUrl: new URL(`${UNSUBSCRIBE_PATH}?token=sample-token`, this.config.PUBLIC_URL).toString(),
        }),
      }),
    });
  }

  async compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null> {
    const composed = await this.composeMany([delivery]);
    return composed.get(delivery.id) ?? null;
  }

  /** Emails by delivery id; null for those not to send. */
  async composeMany(deliveries: readonly DeliveryToCompose[]): Promise<Map<string, ComposedEmail | null>> {
    const result = new Map<string, ComposedEmail | null>(deliveries.map((d) => [d.id, null]));
    const manager = this.dataSource.manager;
    const readers = await this.readers(
      manager,
      deliveries.flatMap((d) => (d.userId ? [d.userId] : [])),
    );
    const batch: Batch = [];
    for (const delivery of deliveries) {
      const reader = delivery.userId ? readers.get(delivery.userId) : undefined;
      const window = digestWindow(delivery.payload);
      if (!reader || reader.digest === 'off' || !window) continue;
      batch.push({
        ...window,
        userId: reader.id,
        timeZone: reader.time_zone,
        locale: intlLocale(delivery.locale),
        delivery,
        reader,
      });
    }
    if (batch.length === 0) return result;

    // Sequential: one connection per batch, and the pool is shared with the dispatcher's claims.
    const collected: Map<string, object | null>[] = [];
    for (const section of this.sections) collected.push(await section.collect(manager, batch));

    for (const recipient of batch) {
      const sections = this.sections.flatMap((section, i) => {
        const content = collected[i]?.get(recipient.userId);
        return content ? [{ ...content, key: section.key }] : [];
      });
      if (sections.length === 0) continue;
      const { unsubscribeUrl, headers } = this.links.forEmail(recipient.userId, NotificationCategory.Digest);
      const view: DigestView = {
        displayName: recipient.reader.display_name,
        timeZone: recipient.timeZone,
        weekly: recipient.frequency === 'weekly',
        dateLabel: shortDate(recipient.until, recipient.timeZone, recipient.locale),
        sections,
        preferencesUrl: this.links.preferencesUrl(),
        unsubscribeUrl,
      };
      result.set(recipient.delivery.id, {
        ...this.renderer.render(DIGEST_TEMPLATES, 'digest', recipient.delivery.locale, { ...view }),
        headers,
      });
    }
    return result;
  }

  /** Readers still there (not deleted, an address) with their current digest preference. */
  private async readers(manager: EntityManager, userIds: string[]): Promise<Map<string, Reader>> {
    if (userIds.length === 0) return new Map();
    const rows = await manager.query<Reader[]>(
      `SELECT u.id, u.display_name, u.time_zone, COALESCE(p.digest, 'daily') AS digest
         FROM identity_people u LEFT JOIN identity_notification_settings p ON p.user_id = u.id
        WHERE u.id = ANY($1::uuid[]) AND u.deleted_at IS NULL AND u.email IS NOT NULL`,
      [userIds],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }
}

/** The window a digest row covers, from its payload (written by the planner and the releaser). */
export function digestWindow(
  payload: Record<string, unknown>,
): { frequency: DigestFrequency; since: Date; until: Date } | null {
  const { frequency, since, dueAt } = payload;
  if ((frequency !== 'daily' && frequency !== 'weekly') || typeof since !== 'string' || typeof dueAt !== 'string') {
    return null;
  }
  const window = { frequency, since: new Date(since), until: new Date(dueAt) } as const;
  const valid = !Number.isNaN(window.since.getTime()) && !Number.isNaN(window.until.getTime());
  return valid && window.since < window.until ? window : null;
}

/** A language tag `Intl` accepts, for dates rendered in code; English when the ledger holds anything else. */
function intlLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0 ? locale : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}
