import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@app/core';
import {
  byUser,
  capped,
  excerpt,
  RECIPIENTS_CTE,
  windowParams,
  type DigestRecipient,
  type DigestSection,
} from './digest-section';

interface AnnouncementRow {
  user_id: string;
  cohort_id: string;
  cohort_title: string;
  title: string;
  body: string;
}

export interface AnnouncementItem {
  cohortTitle: string;
  title: string;
  excerpt: string;
  link: string;
}

/** Facilitators' announcements in the person's cohorts (also emailed at once; the digest keeps the record). */
@Injectable()
export class AnnouncementsSection implements DigestSection<{ items: AnnouncementItem[]; more: number }> {
  readonly key = 'announcements';

  constructor(private readonly config: AppConfig) {}

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    const rows = await manager.query<AnnouncementRow[]>(
      `${RECIPIENTS_CTE}
       SELECT r.user_id, c.id AS cohort_id, c.title AS cohort_title, a.title, a.body
         FROM r
         JOIN cohort_members cm ON cm.user_id = r.user_id AND cm.status = 'active'
         JOIN cohorts c ON c.id = cm.cohort_id
         JOIN cohort_announcements a ON a.cohort_id = cm.cohort_id
        WHERE a.published_at > r.since AND a.published_at <= r.until AND a.author_id <> r.user_id
        ORDER BY r.user_id, a.published_at`,
      windowParams(recipients),
    );
    const sections = new Map<string, { items: AnnouncementItem[]; more: number }>();
    for (const [userId, list] of byUser(rows)) {
      sections.set(
        userId,
        capped(
          list.map((a) => ({
            cohortTitle: a.cohort_title,
            title: a.title,
            excerpt: excerpt(a.body),
            link: new URL(`/cohorts/${a.cohort_id}`, this.config.PUBLIC_URL).toString(),
          })),
        ),
      );
    }
    return sections;
  }
}
