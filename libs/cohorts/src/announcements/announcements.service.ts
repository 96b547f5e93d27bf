import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, ResourceNotFoundError, type Actor, type Page } from '@app/core';
import { renderMarkdown } from '@app/courses';
import { VerifiedEmailPolicy } from '@app/identity';
import { CohortActivity } from '../activity/cohort-activity';
import { AnnouncementRecipients } from './announcement-recipients';
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
 * A facilitator's announcements: kept in the cohort, and published as an outbox event on which the notifications
 * domain emails every member who wants them at once and shows them in the digest of those who chose digest-only.
 */
@Injectable()
export class AnnouncementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly announcements: AnnouncementRepository,
    private readonly recipients: AnnouncementRecipients,
    private readonly activity: CohortActivity,
    private readonly verifiedEmails: VerifiedEmailPolicy,
  ) {}

  /**
   * One transaction: the announcement and its outbox event, which the worker relays to the notifications domain
   * to email it; the count of people it goes to at once is read in the same transaction.
   */
  async publish(actor: Actor, cohortId: string, input: NewAnnouncement): Promise<PublishedAnnouncement> {
    await this.verifiedEmails.require(actor.userId);
    const { announcementId, recipientCount } = await this.dataSource.transaction(async (manager) => {
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
      const count = await this.recipients.count(manager, cohortId, actor.userId);
      await this.activity.touch(cohortId, actor.userId, manager);
      return { announcementId: id, recipientCount: count };
    });
    const view = await this.announcements.findView(announcementId);
    if (!view) throw new ResourceNotFoundError('announcement');
    return { ...view, recipientCount };
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
