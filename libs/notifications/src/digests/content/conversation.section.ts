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

interface PostRow {
  user_id: string;
  cohort_id: string;
  cohort_title: string;
  thread_id: string;
  thread_title: string;
  author: string;
  body: string;
}

export interface ConversationItem {
  cohortTitle: string;
  threadTitle: string;
  author: string;
  excerpt: string;
  link: string;
}

/**
 * New posts and replies by others, in threads the person can read: their cohorts' cohort-wide threads, and
 * the threads of their own groups (facilitators: every group of the cohorts they run).
 */
@Injectable()
export class ConversationSection implements DigestSection<{ items: ConversationItem[]; more: number }> {
  readonly key = 'conversation';

  constructor(private readonly config: AppConfig) {}

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    const rows = await manager.query<PostRow[]>(
      `${RECIPIENTS_CTE}
       SELECT r.user_id, c.id AS cohort_id, c.title AS cohort_title, t.id AS thread_id, t.title AS thread_title,
              a.display_name AS author, p.body
         FROM r
         JOIN cohort_members cm ON cm.user_id = r.user_id AND cm.status = 'active'
         JOIN cohorts c ON c.id = cm.cohort_id
         JOIN discussion_threads t ON t.cohort_id = cm.cohort_id
         JOIN discussion_posts p ON p.thread_id = t.id
         JOIN users a ON a.id = p.author_id
        WHERE p.created_at > r.since AND p.created_at <= r.until
          AND p.deleted_at IS NULL AND p.author_id <> r.user_id
          AND (t.group_id IS NULL OR cm.role = 'facilitator' OR EXISTS (
                SELECT 1 FROM group_members gm
                 WHERE gm.group_id = t.group_id AND gm.user_id = r.user_id AND gm.status = 'active'))
        ORDER BY r.user_id, p.created_at`,
      windowParams(recipients),
    );
    const sections = new Map<string, { items: ConversationItem[]; more: number }>();
    for (const [userId, posts] of byUser(rows)) {
      sections.set(
        userId,
        capped(
          posts.map((p) => ({
            cohortTitle: p.cohort_title,
            threadTitle: p.thread_title,
            author: p.author,
            excerpt: excerpt(p.body),
            link: new URL(`/cohorts/${p.cohort_id}/threads/${p.thread_id}`, this.config.PUBLIC_URL).toString(),
          })),
        ),
      );
    }
    return sections;
  }
}
