import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  AppConfig,
  Clock,
  OutboxHandlerRegistry,
  type HandlerOutcome,
  type OutboxEventHandler,
  type RelayedEvent,
} from '@app/core';
import { AnnouncementRecipients, CohortEvent } from '@app/cohorts';
import { EmailLedger } from '@app/mail';
import { NotificationMailKind } from '../schedule/notification-kind';
import { announcementDedupeKey, type AnnouncementMailPayload } from './announcement-mails';
import { AnnouncementMailRepository } from './announcement-mail.repository';

const DAY_MS = 24 * 3600_000;

/**
 * Emails a published announcement at once to every member who wants it so (the others read it in their digest, or
 * not at all), in the relay's transaction: the ledger rows commit with the event's "published" mark, and the relay
 * enqueues them after commit. Not held for quiet hours, as before: a facilitator's announcement is for now.
 * It also tells the cohorts domain how many people that is when an announcement is published.
 */
@Injectable()
export class AnnouncementMailer implements OutboxEventHandler, OnModuleInit {
  readonly name = 'announcement-emails';
  readonly handles = [CohortEvent.AnnouncementPublished];

  constructor(
    private readonly ledger: EmailLedger,
    private readonly mails: AnnouncementMailRepository,
    private readonly registry: OutboxHandlerRegistry,
    private readonly recipients: AnnouncementRecipients,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
    this.recipients.register((manager, cohortId, authorId) => this.mails.countRecipients(manager, cohortId, authorId));
  }

  async handle(manager: EntityManager, events: RelayedEvent[]): Promise<HandlerOutcome> {
    const announcementIds = events.flatMap((event) => {
      const { announcementId } = event.payload as Partial<Record<string, unknown>>;
      return typeof announcementId === 'string' ? [announcementId] : [];
    });
    if (announcementIds.length === 0) return {};
    // An announcement's key (`announcement:<id>:<user>`) is held by its ledger row only for RETENTION_EMAIL_DAYS
    // after the email: an event replayed later (restored from a backup, sent round again) must not email it twice,
    // so only announcements younger than that window are emailed at all.
    const publishedAfter = new Date(this.clock.now().getTime() - this.config.RETENTION_EMAIL_DAYS * DAY_MS);
    const recipients = await this.mails.findRecipients(manager, announcementIds, publishedAfter);
    const requested = await this.ledger.requestMany(
      manager,
      recipients.map((r) => {
        const payload: AnnouncementMailPayload = { announcementId: r.announcementId };
        return {
          kind: NotificationMailKind.Announcement,
          dedupeKey: announcementDedupeKey(r.announcementId, r.userId),
          userId: r.userId,
          to: r.email,
          locale: r.locale,
          payload: { ...payload },
        };
      }),
    );
    return { deliveryIds: requested.map((email) => email.id) };
  }
}
