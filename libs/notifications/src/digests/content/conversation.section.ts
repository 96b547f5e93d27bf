import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppConfig } from '@app/core';
import { excerpt, SHOWN_PER_SECTION, SHOWN_PER_THREAD } from './digest-format';
import { byUser, RECIPIENTS_CTE, recipientParams, type DigestRecipient, type DigestSection } from './digest-section';

/** One post shown in a person's digest (the query returns only those), with the counts of what was left out. */
interface ShownPostRow {
  user_id: string;
  cohort_id: string;
  thread_id: string;
  post_id: string;
  /** New posts in this thread for this person in the window. */
  thread_total: number;
  /** New posts for this person in the window, all threads together. */
  total: number;
}

interface PostDetails {
  cohort_title: string;
  thread_title: string;
  group_name: string | null;
  author: string;
  excerpt: string;
}

/** A shown post with what it says and where. */
export type ConversationPostRow = ShownPostRow & PostDetails;

export interface ConversationPost {
  author: string;
  excerpt: string;
}

export interface ConversationThread {
  title: string;
  /** The study group's name for a group thread, null for a cohort-wide one. */
  groupName: string | null;
  link: string;
  posts: ConversationPost[];
  /** New posts of this thread left out. */
  more: number;
}

export interface ConversationCohort {
  title: string;
  threads: ConversationThread[];
}

export interface ConversationContent {
  cohorts: ConversationCohort[];
  /** New posts in threads not shown at all. */
  more: number;
}

/**
 * New posts and replies by others in threads the person can read (the discussions' own rule): their cohorts'
 * cohort-wide threads, the threads of their own study groups, and for facilitators every group's threads. Deleted
 * posts never show. The latest `SHOWN_PER_THREAD` posts of a thread and `SHOWN_PER_SECTION` in all are shown,
 * grouped by cohort then thread, with how many more there were.
 */
@Injectable()
export class ConversationSection implements DigestSection<ConversationContent> {
  readonly key = 'conversation';

  constructor(private readonly config: AppConfig) {}

  async collect(manager: EntityManager, recipients: readonly DigestRecipient[]) {
    const shown = await this.shownPosts(manager, recipients);
    const details = await this.postDetails(manager, [...new Set(shown.map((row) => row.post_id))]);
    // A thread shows in many digests of a batch: its link is made once.
    const links = new Map<string, string>();
    const link = (cohortId: string, threadId: string): string => {
      let url = links.get(threadId);
      if (url === undefined) links.set(threadId, (url = this.threadLink(cohortId, threadId)));
      return url;
    };
    const sections = new Map<string, ConversationContent>();
    for (const [userId, rows] of byUser(shown)) {
      const posts: ConversationPostRow[] = [];
      for (const row of rows) {
        const post = details.get(row.post_id);
        if (post) posts.push(withDetails(row, post));
      }
      sections.set(userId, groupConversation(posts, link));
    }
    return sections;
  }

  /**
   * Which posts each person's digest shows, with the counts of those left out: ids only. A post shows in many
   * digests of a batch; its text and names are read once, by `postDetails`, not carried through the ranking.
   */
  private shownPosts(manager: EntityManager, recipients: readonly DigestRecipient[]): Promise<ShownPostRow[]> {
    // Window functions run before WHERE at one level: the per-thread cap, then the overall cap, each one level up.
    return manager.query<ShownPostRow[]>(
      `${RECIPIENTS_CTE}
       SELECT user_id, cohort_id, thread_id, post_id, thread_total::int AS thread_total, total::int AS total
         FROM (
           SELECT kept.*, row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, post_id) AS rank
             FROM (
               SELECT r.user_id, cm.cohort_id, t.id AS thread_id, p.id AS post_id, p.created_at,
                      row_number() OVER (PARTITION BY r.user_id, t.id ORDER BY p.created_at DESC, p.id) AS thread_rank,
                      count(*) OVER (PARTITION BY r.user_id, t.id) AS thread_total,
                      count(*) OVER (PARTITION BY r.user_id) AS total
                 FROM r
                 JOIN cohort_enrollments cm ON cm.user_id = r.user_id AND cm.status = 'active'
                 JOIN cohort_threads t ON t.cohort_id = cm.cohort_id AND t.last_activity_at > r.since
                 JOIN cohort_posts p ON p.thread_id = t.id
                      AND p.created_at > r.since AND p.created_at <= r.until
                      AND p.deleted_at IS NULL AND p.author_id <> r.user_id
                WHERE t.group_id IS NULL OR cm.role = 'facilitator' OR EXISTS (
                        SELECT 1 FROM group_active_members gm
                         WHERE gm.group_id = t.group_id AND gm.user_id = r.user_id)
             ) kept
            WHERE thread_rank <= $7
         ) ranked
        WHERE rank <= $6
        ORDER BY user_id, created_at, post_id`,
      [...recipientParams(recipients), SHOWN_PER_SECTION, SHOWN_PER_THREAD],
    );
  }

  /** What a shown post says and where, by post id; its excerpt made once for every digest showing it. */
  private async postDetails(manager: EntityManager, postIds: string[]): Promise<Map<string, PostDetails>> {
    if (postIds.length === 0) return new Map();
    const rows = await manager.query<(Omit<PostDetails, 'excerpt'> & { id: string; body: string })[]>(
      `SELECT p.id, p.body, a.display_name AS author, t.title AS thread_title, c.title AS cohort_title,
              (SELECT g.name FROM group_summaries g WHERE g.group_id = t.group_id) AS group_name
         FROM unnest($1::uuid[]) AS shown(id)
         JOIN cohort_posts p ON p.id = shown.id AND p.deleted_at IS NULL
         JOIN cohort_threads t ON t.id = p.thread_id
         JOIN cohort_calendars c ON c.id = t.cohort_id
         JOIN identity_people a ON a.id = p.author_id`,
      [postIds],
    );
    return new Map(rows.map(({ id, body, ...post }) => [id, { ...post, excerpt: excerpt(body) }]));
  }

  private threadLink(cohortId: string, threadId: string): string {
    return new URL(`/cohorts/${cohortId}/threads/${threadId}`, this.config.PUBLIC_URL).toString();
  }
}

/** Field by field, not by spreading: one object of one shape for each post of each digest. */
function withDetails(row: ShownPostRow, post: PostDetails): ConversationPostRow {
  return {
    user_id: row.user_id,
    cohort_id: row.cohort_id,
    thread_id: row.thread_id,
    post_id: row.post_id,
    thread_total: row.thread_total,
    total: row.total,
    cohort_title: post.cohort_title,
    thread_title: post.thread_title,
    group_name: post.group_name,
    author: post.author,
    excerpt: post.excerpt,
  };
}

/**
 * One person's posts (oldest first) grouped by cohort then thread, the most recently active first at each level;
 * posts stay oldest first inside a thread, as people read a conversation.
 */
export function groupConversation(
  posts: readonly ConversationPostRow[],
  link: (cohortId: string, threadId: string) => string,
): ConversationContent {
  const cohorts = new Map<string, { title: string; threads: Map<string, ConversationThread> }>();
  const totals = new Map<string, number>();
  for (const post of posts) {
    const cohort = cohorts.get(post.cohort_id) ?? {
      title: post.cohort_title,
      threads: new Map<string, ConversationThread>(),
    };
    const thread = cohort.threads.get(post.thread_id) ?? {
      title: post.thread_title,
      groupName: post.group_name,
      link: link(post.cohort_id, post.thread_id),
      posts: [],
      more: 0,
    };
    thread.posts.push({ author: post.author, excerpt: post.excerpt });
    thread.more = post.thread_total - thread.posts.length;
    totals.set(post.thread_id, post.thread_total);
    // Re-inserting moves an entry to the end: the last one is the most recently active.
    cohort.threads.delete(post.thread_id);
    cohort.threads.set(post.thread_id, thread);
    cohorts.delete(post.cohort_id);
    cohorts.set(post.cohort_id, cohort);
  }
  const shownThreads = [...totals.values()].reduce((sum, n) => sum + n, 0);
  return {
    cohorts: [...cohorts.values()]
      .reverse()
      .map((c) => ({ title: c.title, threads: [...c.threads.values()].reverse() })),
    more: Math.max(0, (posts[0]?.total ?? 0) - shownThreads),
  };
}
