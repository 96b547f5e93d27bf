import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CohortEvent } from '@app/cohorts';
import { AppConfig } from '@app/core';
import { AnnouncementDelivery } from '@app/identity';
import { DeliveryStatus } from '@app/mail';
import { announcementDedupeKeySql } from '../../announcements/announcement-mails';
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

const AT_ONCE = `coalesce(np.announcement_delivery, '${AnnouncementDelivery.Immediate}') = '${AnnouncementDelivery.Immediate}'`;

// An announcement's email that reached (or is on its way to) the person. Pending and sending rows count only for
// those who want announcements at once: a digest-only person's pending row will be skipped at send time (the
// composer checks the preference again), so the digest must carry it. So does an announcement whose event the
// relay has not handled yet, for those who want it at once: the relay will request their email (it asks the same).
const EMAILED = `(EXISTS (
  SELECT 1 FROM mail_deliveries d
   WHERE d.dedupe_key = ${announcementDedupeKeySql('a.id', 'r.user_id')}
     AND (d.status = '${DeliveryStatus.Sent}'
          OR (d.status IN ('${DeliveryStatus.Pending}', '${DeliveryStatus.Sending}') AND ${AT_ONCE})))
  OR (${AT_ONCE} AND EXISTS (
  SELECT 1 FROM outbox_events e
   WHERE e.aggregate_id = a.cohort_id AND e.type = '${CohortEvent.AnnouncementPublished}'
     AND e.published_at IS NULL AND e.quarantined_at IS NULL AND e.payload->>'announcementId' = a.id::text)))`;

/**
 * Facilitators' announcements in the person's cohorts in the window that they have not had by email: everything
 * for those who chose digest-only, and for the others only what was not emailed (e.g. they switched to digest-only
 * after it was queued, or back to "at once" after it was skipped). Decided now, from the current preference and the
 * ledger, so nobody gets an announcement twice or not at all. Nothing for those who turned announcements off.
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
             JOIN cohort_enrollments cm ON cm.user_id = r.user_id AND cm.status = 'active'
             JOIN cohort_calendars c ON c.id = cm.cohort_id
             JOIN cohort_published_announcements a ON a.cohort_id = cm.cohort_id
                  AND a.published_at > r.since AND a.published_at <= r.until AND a.author_id <> r.user_id
             LEFT JOIN identity_notification_settings np ON np.user_id = r.user_id
            WHERE coalesce(np.announcements, true) AND NOT ${EMAILED}
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
