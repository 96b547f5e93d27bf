import type { Page } from '@app/core';

/** Limits of what people write; the columns allow exactly these. */
export const DISCUSSION_LIMITS = { title: 200, body: 20_000 } as const;

export interface AuthorView {
  id: string;
  displayName: string;
}

export interface ThreadView {
  id: string;
  cohortId: string;
  /** Null: a cohort-wide thread. */
  groupId: string | null;
  title: string;
  author: AuthorView;
  pinned: boolean;
  locked: boolean;
  /** Replies not deleted (the opening post excluded). */
  replyCount: number;
  /** When the newest post still there was written. */
  lastActivityAt: Date;
  createdAt: Date;
}

/** A post as listed. A deleted post keeps its place but shows neither its text nor its author. */
export interface PostView {
  id: string;
  threadId: string;
  author: AuthorView | null;
  /** Markdown source; null once deleted. */
  body: string | null;
  /** Sanitized HTML; null once deleted. */
  bodyHtml: string | null;
  /** False for the thread's opening post. */
  reply: boolean;
  deleted: boolean;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
}

export interface ThreadWithPosts {
  thread: ThreadView;
  /** Oldest first, the opening post first of all. */
  posts: Page<PostView>;
}

export interface NewThread {
  title: string;
  body: string;
  /** A group of the cohort; absent for a cohort-wide thread. */
  groupId?: string;
}

export interface ThreadChanges {
  /** The author only. */
  title?: string;
  /** Facilitators only. */
  pinned?: boolean;
  locked?: boolean;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}
