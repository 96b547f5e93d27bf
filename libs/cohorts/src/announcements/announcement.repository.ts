import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@app/core';

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

interface AnnouncementRow extends Omit<AnnouncementView, 'author'> {
  authorId: string;
  authorName: string;
  cursorAt: string;
}

const SELECT = `
  SELECT a.id, a.cohort_id AS "cohortId", a.title, a.body, a.body_html AS "bodyHtml", a.published_at AS "publishedAt",
         a.author_id AS "authorId", u.display_name AS "authorName", a.published_at::text AS "cursorAt"
    FROM cohort_announcements a
    JOIN identity_people u ON u.id = a.author_id`;

const toView = ({ authorId, authorName, cursorAt: _, ...row }: AnnouncementRow): AnnouncementView => ({
  ...row,
  author: { id: authorId, displayName: authorName },
});

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
