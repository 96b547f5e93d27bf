import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@app/core';
import { capped, excerpt, SHOWN_PER_SECTION, type Capped } from './digest-format';
import { byUser, RECIPIENTS_CTE, recipientParams, type DigestRecipient, type DigestSection } from './digest-section';

interface AnnouncementRow {
  user_id: string;
  cohort_id: string;
  cohort_title: string;
  title: string;
  body: string;
  total: number;
}

export interface AnnouncementItem {
  cohortTitle: string;
  title: string;
  excerpt: string;
  link: string;
}

/**
 * Facilitators' announcements in the person's cohorts in the window. They were also emailed at once (unless the
 * person chose digest-only); the digest keeps the record of the day.
 */
@Injectable()
export class AnnouncementsSection implements DigestSection<Capped<AnnouncementItem>> {
  readonly key = 'announcements';

  constructor(private readonly config: AppConfig) {}

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    const rows = await manager.query<AnnouncementRow[]>(
      `${RECIPIENTS_CTE}
       SELECT user_id, cohort_id, cohort_title, title, body, total::int AS total
         FROM (
           SELECT r.user_id, c.id AS cohort_id, c.title AS cohort_title, a.title, a.body, a.published_at,
                  row_number() OVER (PARTITION BY r.user_id ORDER BY a.published_at DESC, a.id) AS rank,
                  count(*) OVER (PARTITION BY r.user_id) AS total
             FROM r
             JOIN cohort_members cm ON cm.user_id = r.user_id AND cm.status = 'active'
             JOIN cohorts c ON c.id = cm.cohort_id
             JOIN cohort_announcements a ON a.cohort_id = cm.cohort_id
                  AND a.published_at > r.since AND a.published_at <= r.until AND a.author_id <> r.user_id
         ) announcements
        WHERE rank <= $6
        ORDER BY user_id, published_at`,
      [...recipientParams(recipients), SHOWN_PER_SECTION],
    );
    const sections = new Map<string, Capped<AnnouncementItem>>();
    for (const [userId, list] of byUser(rows)) {
      const items = list.map((a) => ({
        cohortTitle: a.cohort_title,
        title: a.title,
        excerpt: excerpt(a.body),
        link: new URL(`/cohorts/${a.cohort_id}`, this.config.PUBLIC_URL).toString(),
      }));
      sections.set(userId, capped(items, list[0]?.total));
    }
    return sections;
  }
}
