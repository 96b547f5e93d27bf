import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AnnouncementDelivery, type Locale } from '@app/identity';

/** Someone an announcement is emailed to. */
export interface AnnouncementRecipient {
  announcementId: string;
  userId: string;
  email: string;
  locale: Locale;
}

/** What the announcement email shows, as it stands when sent. */
export interface AnnouncementEmailFacts {
  cohortId: string;
  cohortTitle: string;
  title: string;
  body: string;
  bodyHtml: string;
  authorName: string;
}

// Who is emailed an announcement at once: every active member (learners, and facilitators other than its author)
// with an address, who has announcements on and has not chosen to read them only in the digest (no preferences
// row: the defaults, which say on, at once). Digest-only members get it in their digest instead.
const WANTS_ANNOUNCEMENT_EMAILS = `
  m.status = 'active' AND m.user_id <> a.author_id AND u.deleted_at IS NULL AND u.email IS NOT NULL
  AND coalesce(np.announcements, true)
  AND coalesce(np.announcement_delivery, '${AnnouncementDelivery.Immediate}') = '${AnnouncementDelivery.Immediate}'`;

const MEMBERS_OF_ANNOUNCEMENT = `
  FROM cohort_published_announcements a
  JOIN cohort_enrollments m ON m.cohort_id = a.cohort_id
  JOIN identity_people u ON u.id = m.user_id
  LEFT JOIN identity_notification_settings np ON np.user_id = m.user_id`;

/** The announcement emails' queries: who gets one at once, and what it says when it goes. */
@Injectable()
export class AnnouncementMailRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Everyone to email at once about each announcement published after `publishedAfter`, in one query whatever
   * the cohorts' sizes.
   */
  findRecipients(
    manager: EntityManager,
    announcementIds: readonly string[],
    publishedAfter: Date,
  ): Promise<AnnouncementRecipient[]> {
    return manager.query<AnnouncementRecipient[]>(
      `SELECT a.id AS "announcementId", u.id AS "userId", u.email, u.locale
         ${MEMBERS_OF_ANNOUNCEMENT}
        WHERE a.id = ANY($1::uuid[]) AND a.published_at > $2 AND ${WANTS_ANNOUNCEMENT_EMAILS}`,
      [announcementIds, publishedAfter],
    );
  }

  /** How many people a cohort's announcement by `authorId` would be emailed to at once, now. */
  async countRecipients(manager: EntityManager, cohortId: string, authorId: string): Promise<number> {
    const [row] = await manager.query<{ count: number }[]>(
      `SELECT count(*)::int AS count
         FROM (SELECT $1::uuid AS cohort_id, $2::uuid AS author_id) a
         JOIN cohort_enrollments m ON m.cohort_id = a.cohort_id
         JOIN identity_people u ON u.id = m.user_id
         LEFT JOIN identity_notification_settings np ON np.user_id = m.user_id
        WHERE ${WANTS_ANNOUNCEMENT_EMAILS}`,
      [cohortId, authorId],
    );
    return row?.count ?? 0;
  }

  /**
   * The email's content, or null when the recipient no longer is an active member or no longer wants it now:
   * announcements turned off, or switched to digest-only since it was queued (their digest carries it instead).
   */
  async findEmailFacts(announcementId: string, userId: string): Promise<AnnouncementEmailFacts | null> {
    const rows = await this.dataSource.query<AnnouncementEmailFacts[]>(
      `SELECT c.id AS "cohortId", c.title AS "cohortTitle", a.title, a.body, a.body_html AS "bodyHtml",
              author.display_name AS "authorName"
         ${MEMBERS_OF_ANNOUNCEMENT}
         JOIN cohort_calendars c ON c.id = a.cohort_id
         JOIN identity_people author ON author.id = a.author_id
        WHERE a.id = $1 AND m.user_id = $2 AND ${WANTS_ANNOUNCEMENT_EMAILS}`,
      [announcementId, userId],
    );
    return rows[0] ?? null;
  }
}
