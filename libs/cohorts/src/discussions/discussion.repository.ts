import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type CursorPosition, type Page } from '@app/core';
import type { PostView, ThreadView } from './discussion-views';

/** A thread as access rules see it, with the viewer's standing in its cohort and group. */
export interface ThreadPlace {
  id: string;
  cohortId: string;
  groupId: string | null;
  authorId: string;
  title: string;
  pinned: boolean;
  locked: boolean;
  /** The viewer is an active member (learner or facilitator) of the thread's cohort. */
  participant: boolean;
  /** The viewer is an active facilitator of the thread's cohort. */
  facilitator: boolean;
  /** The viewer is an active member of the thread's group (false for cohort-wide threads). */
  groupMember: boolean;
}

/** The viewer's standing in one group of a cohort. */
export interface GroupStanding {
  participant: boolean;
  facilitator: boolean;
  groupMember: boolean;
}

/** A post as the rules of editing and deleting see it. */
export interface PostFacts {
  id: string;
  authorId: string;
  deleted: boolean;
  /** False for the thread's opening post. */
  reply: boolean;
}

export interface NewPostRow {
  threadId: string;
  authorId: string;
  body: string;
  bodyHtml: string;
}

interface ThreadRow {
  id: string;
  cohortId: string;
  groupId: string | null;
  title: string;
  pinned: boolean;
  locked: boolean;
  replyCount: number;
  lastActivityAt: Date;
  createdAt: Date;
  authorId: string;
  authorName: string;
  cursorAt: string;
}

interface PostRow {
  id: string;
  threadId: string;
  authorId: string;
  authorName: string;
  body: string;
  bodyHtml: string;
  reply: boolean;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  cursorAt: string;
}

const STANDING = `
  coalesce(cm.status = 'active', false) AS participant,
  coalesce(cm.status = 'active' AND cm.role = 'facilitator', false) AS facilitator,
  (gm.user_id IS NOT NULL) AS "groupMember"`;

const THREAD_SELECT = `
  SELECT t.id, t.cohort_id AS "cohortId", t.group_id AS "groupId", t.title, t.pinned, t.locked,
         t.reply_count AS "replyCount", t.last_activity_at AS "lastActivityAt", t.created_at AS "createdAt",
         t.author_id AS "authorId", u.display_name AS "authorName", t.last_activity_at::text AS "cursorAt"
    FROM discussion_threads t
    JOIN identity_people u ON u.id = t.author_id`;

// A post is a reply unless it is the thread's first: posts of a thread get strictly increasing times (see
// insertReply), and the opening post has the thread's own creation time.
const POST_SELECT = `
  SELECT p.id, p.thread_id AS "threadId", p.author_id AS "authorId", u.display_name AS "authorName",
         p.body, p.body_html AS "bodyHtml", p.created_at > t.created_at AS reply,
         p.created_at AS "createdAt", p.edited_at AS "editedAt", p.deleted_at AS "deletedAt",
         p.created_at::text AS "cursorAt"
    FROM discussion_posts p
    JOIN discussion_threads t ON t.id = p.thread_id
    JOIN identity_people u ON u.id = p.author_id`;

/** Thread cursors carry "pinned" too: the listing is ordered by (pinned, last activity, id), all descending. */
const encodeThreadAfter = (row: ThreadRow): string => `${row.pinned ? 1 : 0}|${row.cursorAt}`;
const isThreadPosition = (p: CursorPosition): boolean =>
  /^[01]\|/.test(p.after) && !Number.isNaN(Date.parse(p.after.slice(2))) && isUUID(p.id);

const toThreadView = ({ authorId, authorName, cursorAt: _, ...row }: ThreadRow): ThreadView => ({
  ...row,
  author: { id: authorId, displayName: authorName },
});

const toPostView = ({ authorId, authorName, cursorAt: _, body, bodyHtml, ...row }: PostRow): PostView => {
  const deleted = row.deletedAt !== null;
  return {
    ...row,
    author: deleted ? null : { id: authorId, displayName: authorName },
    body: deleted ? null : body,
    bodyHtml: deleted ? null : bodyHtml,
    deleted,
  };
};

/** Threads and posts of cohort discussions: each method one statement. */
@Injectable()
export class DiscussionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The thread if it belongs to `cohortId` (a thread of another cohort is not found under this one), with the
   * viewer's standing, in one query. `lock` takes the thread row for the caller's transaction, so replies,
   * deletions and moderation of one thread apply one after the other.
   */
  async findPlace(
    manager: EntityManager,
    cohortId: string,
    threadId: string,
    userId: string,
    lock: boolean,
  ): Promise<ThreadPlace | null> {
    const rows = await manager.query<ThreadPlace[]>(
      `SELECT t.id, t.cohort_id AS "cohortId", t.group_id AS "groupId", t.author_id AS "authorId", t.title,
              t.pinned, t.locked, ${STANDING}
         FROM discussion_threads t
         LEFT JOIN cohort_members cm ON cm.cohort_id = t.cohort_id AND cm.user_id = $3
         LEFT JOIN group_active_members gm ON gm.group_id = t.group_id AND gm.user_id = $3
        WHERE t.id = $1 AND t.cohort_id = $2
        ${lock ? 'FOR NO KEY UPDATE OF t' : ''}`,
      [threadId, cohortId, userId],
    );
    return rows[0] ?? null;
  }

  /** The viewer's standing in `groupId`, or null when it is not one of the cohort's groups. */
  async findGroupStanding(cohortId: string, groupId: string, userId: string): Promise<GroupStanding | null> {
    const rows = await this.dataSource.query<GroupStanding[]>(
      `SELECT ${STANDING}
         FROM cohort_groups g
         LEFT JOIN cohort_members cm ON cm.cohort_id = g.cohort_id AND cm.user_id = $3
         LEFT JOIN group_active_members gm ON gm.group_id = g.group_id AND gm.user_id = $3
        WHERE g.group_id = $2 AND g.cohort_id = $1`,
      [cohortId, groupId, userId],
    );
    return rows[0] ?? null;
  }

  /** The cohort-wide threads (groupId null) or one group's: pinned first, then the most recently active. */
  async pageThreads(
    cohortId: string,
    groupId: string | null,
    limit: number,
    cursor?: string,
  ): Promise<Page<ThreadView>> {
    const position = cursor ? decodeCursor(cursor, isThreadPosition) : null;
    const rows = await this.dataSource.query<ThreadRow[]>(
      `${THREAD_SELECT}
        WHERE t.cohort_id = $1
          AND ${groupId === null ? 't.group_id IS NULL AND $2::uuid IS NULL' : 't.group_id = $2'}
          AND ($3::boolean IS NULL OR (t.pinned, t.last_activity_at, t.id) < ($3, $4::timestamptz, $5::uuid))
        ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC
        LIMIT $6`,
      [
        cohortId,
        groupId,
        position ? position.after.startsWith('1') : null,
        position?.after.slice(2) ?? null,
        position?.id ?? null,
        limit + 1,
      ],
    );
    const page = toPage(rows, limit, (row) => ({ after: encodeThreadAfter(row), id: row.id }));
    return { items: page.items.map(toThreadView), nextCursor: page.nextCursor };
  }

  async findThreadView(threadId: string): Promise<ThreadView | null> {
    const rows = await this.dataSource.query<ThreadRow[]>(`${THREAD_SELECT} WHERE t.id = $1`, [threadId]);
    return rows[0] ? toThreadView(rows[0]) : null;
  }

  /** A thread's posts in the order they were written. */
  async pagePosts(threadId: string, limit: number, cursor?: string): Promise<Page<PostView>> {
    const position = cursor ? decodeCursor(cursor) : null;
    const rows = await this.dataSource.query<PostRow[]>(
      `${POST_SELECT}
        WHERE p.thread_id = $1
          AND ($2::timestamptz IS NULL OR (p.created_at, p.id) > ($2::timestamptz, $3::uuid))
        ORDER BY p.created_at, p.id
        LIMIT $4`,
      [threadId, position?.after ?? null, position?.id ?? null, limit + 1],
    );
    const page = toPage(rows, limit, (row) => ({ after: row.cursorAt, id: row.id }));
    return { items: page.items.map(toPostView), nextCursor: page.nextCursor };
  }

  async findPostView(postId: string): Promise<PostView | null> {
    const rows = await this.dataSource.query<PostRow[]>(`${POST_SELECT} WHERE p.id = $1`, [postId]);
    return rows[0] ? toPostView(rows[0]) : null;
  }

  /** The post if it is in `threadId`, locked for the caller's transaction. */
  async findPostForUpdate(manager: EntityManager, threadId: string, postId: string): Promise<PostFacts | null> {
    const rows = await manager.query<PostFacts[]>(
      `SELECT p.id, p.author_id AS "authorId", p.deleted_at IS NOT NULL AS deleted, p.created_at > t.created_at AS reply
         FROM discussion_posts p
         JOIN discussion_threads t ON t.id = p.thread_id
        WHERE p.id = $1 AND p.thread_id = $2
        FOR NO KEY UPDATE OF p`,
      [postId, threadId],
    );
    return rows[0] ?? null;
  }

  /** The opening post's id: the first written. */
  async findOpeningPostId(manager: EntityManager, threadId: string): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM discussion_posts WHERE thread_id = $1 ORDER BY created_at, id LIMIT 1`,
      [threadId],
    );
    if (!rows[0]) throw new Error(`thread ${threadId} has no opening post`);
    return rows[0].id;
  }

  /** A new thread and its opening post, both stamped `now`. Returns both ids. */
  async insertThread(
    manager: EntityManager,
    thread: {
      cohortId: string;
      groupId: string | null;
      authorId: string;
      title: string;
      body: string;
      bodyHtml: string;
    },
    now: Date,
  ): Promise<{ threadId: string; postId: string }> {
    const rows = await manager.query<{ threadId: string; postId: string }[]>(
      `WITH thread AS (
         INSERT INTO discussion_threads (cohort_id, group_id, author_id, title, last_activity_at, created_at)
         VALUES ($1, $2, $3, $4, $7, $7)
         RETURNING id, cohort_id
       )
       INSERT INTO discussion_posts (thread_id, cohort_id, author_id, body, body_html, created_at)
       SELECT thread.id, thread.cohort_id, $3, $5, $6, $7 FROM thread
       RETURNING thread_id AS "threadId", id AS "postId"`,
      [thread.cohortId, thread.groupId, thread.authorId, thread.title, thread.body, thread.bodyHtml, now],
    );
    if (!rows[0]) throw new Error('thread insert returned nothing');
    return rows[0];
  }

  /**
   * A reply, counted on its thread. Its time is `now`, or just after the thread's newest post when the clock
   * has not moved past it (two replies in one millisecond): posts of a thread keep the order they were written
   * in, and the opening post stays first. Call with the thread row locked (findPlace with lock).
   */
  async insertReply(manager: EntityManager, post: NewPostRow, now: Date): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `WITH post AS (
         INSERT INTO discussion_posts (thread_id, cohort_id, author_id, body, body_html, created_at)
         SELECT t.id, t.cohort_id, $2, $3, $4,
                greatest($5::timestamptz,
                         (SELECT max(x.created_at) FROM discussion_posts x WHERE x.thread_id = t.id)
                           + interval '1 microsecond')
           FROM discussion_threads t
          WHERE t.id = $1
         RETURNING id, created_at
       ), counted AS (
         UPDATE discussion_threads t
            SET reply_count = t.reply_count + 1, last_activity_at = greatest(t.last_activity_at, post.created_at)
           FROM post
          WHERE t.id = $1
       )
       SELECT id FROM post`,
      [post.threadId, post.authorId, post.body, post.bodyHtml, now],
    );
    if (!rows[0]) throw new Error(`reply insert found no thread ${post.threadId}`);
    return rows[0].id;
  }

  async updatePostBody(
    manager: EntityManager,
    postId: string,
    body: string,
    bodyHtml: string,
    now: Date,
  ): Promise<void> {
    await manager.query(`UPDATE discussion_posts SET body = $2, body_html = $3, edited_at = $4 WHERE id = $1`, [
      postId,
      body,
      bodyHtml,
      now,
    ]);
  }

  /**
   * Erases a post's text and keeps its place; the thread's reply count and last activity follow (the last
   * activity goes back to the newest post still there, or the thread's creation).
   */
  async erasePost(manager: EntityManager, threadId: string, post: PostFacts, now: Date): Promise<void> {
    await manager.query(`UPDATE discussion_posts SET body = '', body_html = '', deleted_at = $2 WHERE id = $1`, [
      post.id,
      now,
    ]);
    await manager.query(
      `UPDATE discussion_threads t
          SET reply_count = t.reply_count - $2::int,
              last_activity_at = coalesce(
                (SELECT max(p.created_at) FROM discussion_posts p WHERE p.thread_id = t.id AND p.deleted_at IS NULL),
                t.created_at)
        WHERE t.id = $1`,
      [threadId, post.reply ? 1 : 0],
    );
  }

  async updateThread(
    manager: EntityManager,
    threadId: string,
    changes: { title: string; pinned: boolean; locked: boolean },
  ): Promise<void> {
    await manager.query(`UPDATE discussion_threads SET title = $2, pinned = $3, locked = $4 WHERE id = $1`, [
      threadId,
      changes.title,
      changes.pinned,
      changes.locked,
    ]);
  }
}
