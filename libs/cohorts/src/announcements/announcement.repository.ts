import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@app/core';
import { AnnouncementDelivery, type Locale } from '@app/identity';

export interface AnnouncementView {
  id: string;
  cohortId: string;
  title: string;
  /** Markdown source. */
  body: string;
  /** Sanitized HTML. */
  bodyHtml: string;
  author: { id: string; displayName: string };
  publishedAt: Date;
}

/** Someone an announcement is emailed to. */
export interface AnnouncementRecipient {
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

interface AnnouncementRow extends Omit<AnnouncementView, 'author'> {
  authorId: string;
  authorName: string;
  cursorAt: string;
}

const SELECT = `
  SELECT a.id, a.cohort_id AS "cohortId", a.title, a.body, a.body_html AS "bodyHtml", a.published_at AS "publishedAt",
         a.author_id AS "authorId", u.display_name AS "authorName", a.published_at::text AS "cursorAt"
    FROM cohort_announcements a
    JOIN users u ON u.id = a.author_id`;

const toView = ({ authorId, authorName, cursorAt: _, ...row }: AnnouncementRow): AnnouncementView => ({
  ...row,
  author: { id: authorId, displayName: authorName },
});

// Who is emailed an announcement at once: every active member (learners, and facilitators other than its author)
// with an address, who has announcements on and has not chosen to read them only in the digest (no preferences
// row: the defaults, which say on, at once). Digest-only members get it in their digest instead.
const WANTS_ANNOUNCEMENT_EMAILS = `
  m.status = 'active' AND u.deleted_at IS NULL AND u.email IS NOT NULL AND coalesce(np.announcements, true)
  AND coalesce(np.announcement_delivery, '${AnnouncementDelivery.Immediate}') = '${AnnouncementDelivery.Immediate}'`;

@Injectable()
export class AnnouncementRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    row: { cohortId: string; authorId: string; title: string; body: string; bodyHtml: string; publishedAt: Date },
  ): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO cohort_announcements (cohort_id, author_id, title, body, body_html, published_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id`,
      [row.cohortId, row.authorId, row.title, row.body, row.bodyHtml, row.publishedAt],
    );
    if (!rows[0]) throw new Error('announcement insert returned nothing');
    return rows[0].id;
  }

  /** Everyone to email at once, in one query whatever the cohort's size. */
  findRecipients(manager: EntityManager, cohortId: string, authorId: string): Promise<AnnouncementRecipient[]> {
    return manager.query<AnnouncementRecipient[]>(
      `SELECT u.id AS "userId", u.email, u.locale
         FROM cohort_members m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN notification_preferences np ON np.user_id = m.user_id
        WHERE m.cohort_id = $1 AND m.user_id <> $2 AND ${WANTS_ANNOUNCEMENT_EMAILS}`,
      [cohortId, authorId],
    );
  }

  /**
   * The email's content, or null when the recipient no longer is an active member or no longer wants it now:
   * announcements turned off, or switched to digest-only since it was queued (their digest carries it instead).
   */
  async findEmailFacts(announcementId: string, userId: string): Promise<AnnouncementEmailFacts | null> {
    const rows = await this.dataSource.query<AnnouncementEmailFacts[]>(
      `SELECT c.id AS "cohortId", c.title AS "cohortTitle", a.title, a.body, a.body_html AS "bodyHtml",
              author.display_name AS "authorName"
         FROM cohort_announcements a
         JOIN cohorts c ON c.id = a.cohort_id
         JOIN users author ON author.id = a.author_id
         JOIN cohort_members m ON m.cohort_id = a.cohort_id AND m.user_id = $2
         JOIN users u ON u.id = m.user_id
         LEFT JOIN notification_preferences np ON np.user_id = m.user_id
        WHERE a.id = $1 AND ${WANTS_ANNOUNCEMENT_EMAILS}`,
      [announcementId, userId],
    );
    return rows[0] ?? null;
  }

  async findView(announcementId: string): Promise<AnnouncementView | null> {
    const rows = await this.dataSource.query<AnnouncementRow[]>(`${SELECT} WHERE a.id = $1`, [announcementId]);
    return rows[0] ? toView(rows[0]) : null;
  }

  /** Newest first. */
  async page(cohortId: string, limit: number, cursor?: string): Promise<Page<AnnouncementView>> {
    const position = cursor ? decodeCursor(cursor) : null;
    const rows = await this.dataSource.query<AnnouncementRow[]>(
      `${SELECT}
        WHERE a.cohort_id = $1
          AND ($2::timestamptz IS NULL OR (a.published_at, a.id) < ($2::timestamptz, $3::uuid))
        ORDER BY a.published_at DESC, a.id DESC
        LIMIT $4`,
      [cohortId, position?.after ?? null, position?.id ?? null, limit + 1],
    );
    const page = toPage(rows, limit, (row) => ({ after: row.cursorAt, id: row.id }));
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }
}
