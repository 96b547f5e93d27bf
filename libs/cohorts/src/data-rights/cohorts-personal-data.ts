import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, Outbox, PersonalDataRegistry, type PersonalDataContributor } from '@app/core';
import { DiscussionEvent } from '../cohorts.events';

interface ErasedPost {
  id: string;
  threadId: string;
  cohortId: string;
  groupId: string | null;
}

/**
 * A person's part in cohorts: enrollments, completions, extensions, and what they wrote (threads, posts,
 * announcements).
 *
 * Erasure keeps the cohort rows (the account stays, anonymized, so counts and history hold) and erases the text of
 * their discussion posts the way deleting a post does: the body goes, the place in the thread stays, the thread's
 * reply count and last activity follow, and the outbox hears of each deletion. Their note to facilitators on a
 * move request goes too. Announcements stay: they were sent to every learner and belong to the cohort.
 */
@Injectable()
export class CohortsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'cohorts';

  constructor(
    private readonly registry: PersonalDataRegistry,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async export(manager: EntityManager, userId: string): Promise<unknown> {
    // One after another: the queries share the export transaction's single connection.
    const [memberships, moduleCompletions, extensions, threads, posts, announcements] = await inSequence([
      () =>
        manager.query<unknown[]>(
          `SELECT m.cohort_id AS "cohortId", c.title AS "cohortTitle", m.role, m.status,
                m.requested_at AS "requestedAt", m.status_changed_at AS "statusChangedAt",
                m.grouping_opt_in AS "groupingOptIn", m.move_requested_at AS "moveRequestedAt",
                m.move_request_note AS "moveRequestNote", m.last_active_at AS "lastActiveAt",
                m.completed_at AS "completedAt"
           FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id
          WHERE m.user_id = $1
          ORDER BY m.requested_at, m.cohort_id`,
          [userId],
        ),
      () =>
        manager.query<unknown[]>(
          `SELECT mc.cohort_id AS "cohortId", mc.module_id AS "moduleId", cm.title AS "moduleTitle",
                mc.completed_at AS "completedAt"
           FROM module_completions mc
           LEFT JOIN cohort_modules cm ON cm.cohort_id = mc.cohort_id AND cm.module_id = mc.module_id
          WHERE mc.user_id = $1
          ORDER BY mc.completed_at, mc.module_id`,
          [userId],
        ),
      () =>
        manager.query<unknown[]>(
          `SELECT cohort_id AS "cohortId", module_id AS "moduleId", extra_days AS "extraDays",
                granted_at AS "grantedAt"
           FROM deadline_extensions WHERE user_id = $1
          ORDER BY granted_at, module_id`,
          [userId],
        ),
      () =>
        manager.query<unknown[]>(
          `SELECT id, cohort_id AS "cohortId", group_id AS "groupId", title, created_at AS "createdAt"
           FROM discussion_threads WHERE author_id = $1
          ORDER BY created_at, id`,
          [userId],
        ),
      () =>
        manager.query<unknown[]>(
          `SELECT id, thread_id AS "threadId", cohort_id AS "cohortId", body, created_at AS "createdAt",
                edited_at AS "editedAt", deleted_at AS "deletedAt"
           FROM discussion_posts WHERE author_id = $1
          ORDER BY created_at, id`,
          [userId],
        ),
      () =>
        manager.query<unknown[]>(
          `SELECT id, cohort_id AS "cohortId", title, body, published_at AS "publishedAt"
           FROM cohort_announcements WHERE author_id = $1
          ORDER BY published_at, id`,
          [userId],
        ),
    ]);
    return { memberships, moduleCompletions, extensions, threads, posts, announcements };
  }

  async erase(manager: EntityManager, userId: string): Promise<void> {
    const now = this.clock.now();
    // One statement: the CTE's UPDATE is not visible to the outer query's subquery (same snapshot), hence the
    // author filter when finding each thread's newest remaining post. A reply is any post after the opening one.
    const erased = await manager.query<ErasedPost[]>(
      `WITH erased AS (
         UPDATE discussion_posts SET body = '', body_html = '', deleted_at = $2
          WHERE author_id = $1 AND deleted_at IS NULL
         RETURNING id, thread_id, cohort_id, created_at
       ), replies AS (
         SELECT e.thread_id, count(*) FILTER (WHERE e.created_at > t.created_at)::int AS n
           FROM erased e JOIN discussion_threads t ON t.id = e.thread_id
          GROUP BY e.thread_id
       ), counted AS (
         UPDATE discussion_threads t
            SET reply_count = t.reply_count - r.n,
                last_activity_at = coalesce(
                  (SELECT max(p.created_at) FROM discussion_posts p
                    WHERE p.thread_id = t.id AND p.deleted_at IS NULL AND p.author_id <> $1),
                  t.created_at)
           FROM replies r
          WHERE t.id = r.thread_id
       )
       SELECT e.id, e.thread_id AS "threadId", e.cohort_id AS "cohortId", t.group_id AS "groupId"
         FROM erased e JOIN discussion_threads t ON t.id = e.thread_id
        ORDER BY e.created_at, e.id`,
      [userId, now],
    );
    for (const post of erased) {
      await this.outbox.record(manager, DiscussionEvent.PostDeleted, post.cohortId, {
        cohortId: post.cohortId,
        groupId: post.groupId,
        threadId: post.threadId,
        postId: post.id,
        deletedBy: userId,
      });
    }
    await manager.query(`UPDATE cohort_members SET move_request_note = NULL WHERE user_id = $1`, [userId]);
  }
}

async function inSequence<T>(queries: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const results: T[] = [];
  for (const query of queries) results.push(await query());
  return results;
}
