import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessDeniedError, Clock, Outbox, ResourceNotFoundError, type Actor } from '@app/core';
import { renderMarkdown } from '@app/courses';
import { VerifiedEmailPolicy } from '@app/identity';
import { CohortActivity } from '../activity/cohort-activity';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import { DiscussionAccess, type ReachableThread } from './discussion-access';
import type { NewThread, PostView, ThreadChanges, ThreadView } from './discussion-views';
import { DiscussionRepository } from './discussion.repository';
import { DiscussionEvent } from '../cohorts.events';

/**
 * Writing in a cohort's conversations. Each change, its counters (reply_count, last_activity_at), its outbox
 * event and the author's activity stamp commit together; the thread row is locked first, so replies,
 * deletions and moderation of one thread apply one after the other.
 *
 * Locked threads take no new replies and no edits, except from facilitators (who may explain the lock);
 * anyone may still delete their own post there.
 */
@Injectable()
export class DiscussionWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly discussions: DiscussionRepository,
    private readonly access: DiscussionAccess,
    private readonly activity: CohortActivity,
    private readonly verifiedEmails: VerifiedEmailPolicy,
  ) {}

  async startThread(actor: Actor, cohortId: string, input: NewThread): Promise<ThreadView> {
    await this.verifiedEmails.require(actor.userId);
    if (input.groupId) await this.access.group(actor, cohortId, input.groupId);
    const groupId = input.groupId ?? null;
    const threadId = await this.dataSource.transaction(async (manager) => {
      const ids = await this.discussions.insertThread(
        manager,
        {
          cohortId,
          groupId,
          authorId: actor.userId,
          title: input.title.trim(),
          body: input.body,
          bodyHtml: renderMarkdown(input.body),
        },
        this.clock.now(),
      );
      const place = { cohortId, groupId, threadId: ids.threadId };
      const post = { ...place, postId: ids.postId, authorId: actor.userId };
      await this.outbox.record(manager, DiscussionEvent.ThreadStarted, cohortId, post);
      // Every post, the opening one too, is a post-created event: digests read one event type.
      await this.outbox.record(manager, DiscussionEvent.PostCreated, cohortId, { ...post, reply: false });
      await this.activity.touch(cohortId, actor.userId, manager);
      return ids.threadId;
    });
    return this.threadView(threadId);
  }

  async reply(actor: Actor, cohortId: string, threadId: string, body: string): Promise<PostView> {
    await this.verifiedEmails.require(actor.userId);
    const postId = await this.dataSource.transaction(async (manager) => {
      const thread = await this.access.thread(manager, actor, cohortId, threadId, { lock: true });
      if (thread.locked && !thread.moderator) throw new CohortsError(CohortsErrorCode.ThreadLocked);
      const id = await this.discussions.insertReply(
        manager,
        { threadId, authorId: actor.userId, body, bodyHtml: renderMarkdown(body) },
        this.clock.now(),
      );
      await this.outbox.record(manager, DiscussionEvent.PostCreated, cohortId, {
        ...placeOf(thread),
        postId: id,
        authorId: actor.userId,
        reply: true,
      });
      await this.activity.touch(cohortId, actor.userId, manager);
      return id;
    });
    return this.postView(postId);
  }

  /** The author only, even for facilitators: nobody puts words in someone else's mouth. */
  async editPost(actor: Actor, cohortId: string, threadId: string, postId: string, body: string): Promise<PostView> {
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.access.thread(manager, actor, cohortId, threadId, { lock: true });
      const post = await this.discussions.findPostForUpdate(manager, threadId, postId);
      if (!post || post.deleted) throw new ResourceNotFoundError('post');
      if (post.authorId !== actor.userId) throw new CohortsError(CohortsErrorCode.NotAuthor);
      if (thread.locked && !thread.moderator) throw new CohortsError(CohortsErrorCode.ThreadLocked);
      await this.discussions.updatePostBody(manager, postId, body, renderMarkdown(body), this.clock.now());
      await this.outbox.record(manager, DiscussionEvent.PostEdited, cohortId, {
        ...placeOf(thread),
        postId,
        authorId: actor.userId,
      });
      await this.activity.touch(cohortId, actor.userId, manager);
    });
    return this.postView(postId);
  }

  /** The author, or a facilitator as moderation. Deleting a deleted post changes nothing. */
  async deletePost(actor: Actor, cohortId: string, threadId: string, postId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.access.thread(manager, actor, cohortId, threadId, { lock: true });
      const post = await this.discussions.findPostForUpdate(manager, threadId, postId);
      if (!post) throw new ResourceNotFoundError('post');
      if (post.authorId !== actor.userId && !thread.moderator) throw new CohortsError(CohortsErrorCode.NotAuthor);
      if (post.deleted) return;
      await this.discussions.erasePost(manager, threadId, post, this.clock.now());
      await this.outbox.record(manager, DiscussionEvent.PostDeleted, cohortId, {
        ...placeOf(thread),
        postId,
        deletedBy: actor.userId,
      });
      await this.activity.touch(cohortId, actor.userId, manager);
    });
  }

  /**
   * The author retitles; facilitators pin and lock. Checked for every field given before anything is written.
   * A retitle is an edit of the opening post (post-edited); pin and lock are moderation (thread-moderated).
   */
  async updateThread(actor: Actor, cohortId: string, threadId: string, changes: ThreadChanges): Promise<ThreadView> {
    await this.dataSource.transaction(async (manager) => {
      const thread = await this.access.thread(manager, actor, cohortId, threadId, { lock: true });
      const moderating = changes.pinned !== undefined || changes.locked !== undefined;
      if (changes.title !== undefined && thread.authorId !== actor.userId) {
        throw new CohortsError(CohortsErrorCode.NotAuthor, 'title');
      }
      if (moderating && !thread.moderator) throw new AccessDeniedError('Only facilitators pin or lock threads.');
      const next = {
        title: changes.title?.trim() ?? thread.title,
        pinned: changes.pinned ?? thread.pinned,
        locked: changes.locked ?? thread.locked,
      };
      const retitled = next.title !== thread.title;
      const moderated = next.pinned !== thread.pinned || next.locked !== thread.locked;
      if (!retitled && !moderated) return;
      await this.discussions.updateThread(manager, threadId, next);
      if (retitled) await this.recordRetitle(manager, thread, actor);
      if (moderated) {
        await this.outbox.record(manager, DiscussionEvent.ThreadModerated, cohortId, {
          ...placeOf(thread),
          pinned: next.pinned,
          locked: next.locked,
          by: actor.userId,
        });
      }
      await this.activity.touch(cohortId, actor.userId, manager);
    });
    return this.threadView(threadId);
  }

  private async recordRetitle(manager: EntityManager, thread: ReachableThread, actor: Actor): Promise<void> {
    const postId = await this.discussions.findOpeningPostId(manager, thread.id);
    await this.outbox.record(manager, DiscussionEvent.PostEdited, thread.cohortId, {
      ...placeOf(thread),
      postId,
      authorId: actor.userId,
    });
  }

  private async threadView(threadId: string): Promise<ThreadView> {
    const view = await this.discussions.findThreadView(threadId);
    if (!view) throw new ResourceNotFoundError('thread');
    return view;
  }

  private async postView(postId: string): Promise<PostView> {
    const view = await this.discussions.findPostView(postId);
    if (!view) throw new ResourceNotFoundError('post');
    return view;
  }
}

function placeOf(thread: ReachableThread): { cohortId: string; groupId: string | null; threadId: string } {
  return { cohortId: thread.cohortId, groupId: thread.groupId, threadId: thread.id };
}
