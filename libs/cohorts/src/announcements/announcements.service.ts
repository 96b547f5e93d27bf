import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, ResourceNotFoundError, type Actor, type Page } from '@app/core';
import { renderMarkdown } from '@app/courses';
import { EmailLedger } from '@app/mail';
import { CohortActivity } from '../activity/cohort-activity';
import { announcementDedupeKey, CohortsMailKind, type AnnouncementMailPayload } from './announcement-mails';
import { AnnouncementRepository, type AnnouncementView } from './announcement.repository';
import { CohortEvent } from '../cohorts.events';

export interface NewAnnouncement {
  title: string;
  body: string;
}

export interface PublishedAnnouncement extends AnnouncementView {
  /** How many people it is being emailed to at once (digest-only members read it in their digest). */
  recipientCount: number;
}

const DEFAULT_PAGE = 20;

/**
 * A facilitator's announcements: kept in the cohort, emailed through the worker to every member who wants them at
 * once, and shown in the digest of those who chose digest-only.
 */
@Injectable()
export class AnnouncementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly ledger: EmailLedger,
    private readonly announcements: AnnouncementRepository,
    private readonly activity: CohortActivity,
  ) {}

  /**
   * One transaction: the announcement, its outbox event and one ledger row per recipient (selected in one
   * query, inserted in bulk). The worker gets the rows after commit; a crash before that loses nothing, the
   * reconciler finds them.
   */
  async publish(actor: Actor, cohortId: string, input: NewAnnouncement): Promise<PublishedAnnouncement> {
    const { announcementId, deliveryIds } = await this.dataSource.transaction(async (manager) => {
      const id = await this.announcements.insert(manager, {
        cohortId,
        authorId: actor.userId,
        title: input.title.trim(),
        body: input.body,
        bodyHtml: renderMarkdown(input.body),
        publishedAt: this.clock.now(),
      });
      await this.outbox.record(manager, CohortEvent.AnnouncementPublished, cohortId, {
        cohortId,
        announcementId: id,
        authorId: actor.userId,
      });
      const recipients = await this.announcements.findRecipients(manager, cohortId, actor.userId);
      const payload: AnnouncementMailPayload = { announcementId: id };
      const ids = await this.ledger.requestMany(
        manager,
        recipients.map((r) => ({
          kind: CohortsMailKind.Announcement,
          dedupeKey: announcementDedupeKey(id, r.userId),
          userId: r.userId,
          to: r.email,
          locale: r.locale,
          payload: { ...payload },
        })),
      );
      await this.activity.touch(cohortId, actor.userId, manager);
      return { announcementId: id, deliveryIds: ids };
    });
    await this.ledger.enqueue(deliveryIds);
    const view = await this.announcements.findView(announcementId);
    if (!view) throw new ResourceNotFoundError('announcement');
    return { ...view, recipientCount: deliveryIds.length };
  }

  /** Newest first. */
  async list(
    actor: Actor,
    cohortId: string,
    query: { limit?: number; cursor?: string },
  ): Promise<Page<AnnouncementView>> {
    const page = await this.announcements.page(cohortId, query.limit ?? DEFAULT_PAGE, query.cursor);
    await this.activity.touch(cohortId, actor.userId);
    return page;
  }
}
