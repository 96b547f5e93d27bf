import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResourceNotFoundError, type Actor, type Page } from '@app/core';
import { CohortActivity } from '../activity/cohort-activity';
import { DiscussionAccess } from './discussion-access';
import type { PageRequest, ThreadView, ThreadWithPosts } from './discussion-views';
import { DiscussionRepository } from './discussion.repository';

const DEFAULT_PAGE = 20;

/** Reading a cohort's conversations. Opening them counts as activity in the cohort. */
@Injectable()
export class DiscussionReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly discussions: DiscussionRepository,
    private readonly access: DiscussionAccess,
    private readonly activity: CohortActivity,
  ) {}

  /** Cohort-wide threads, or those of one group (`groupId`): pinned first, then the most recently active. */
  async listThreads(
    actor: Actor,
    cohortId: string,
    query: PageRequest & { groupId?: string },
  ): Promise<Page<ThreadView>> {
    if (query.groupId) await this.access.group(actor, cohortId, query.groupId);
    const page = await this.discussions.pageThreads(
      cohortId,
      query.groupId ?? null,
      query.limit ?? DEFAULT_PAGE,
      query.cursor,
    );
    await this.activity.touch(cohortId, actor.userId);
    return page;
  }

  /** A thread with a page of its posts, oldest first. */
  async getThread(actor: Actor, cohortId: string, threadId: string, query: PageRequest): Promise<ThreadWithPosts> {
    await this.access.thread(this.dataSource.manager, actor, cohortId, threadId, { lock: false });
    const [thread, posts] = await Promise.all([
      this.discussions.findThreadView(threadId),
      this.discussions.pagePosts(threadId, query.limit ?? DEFAULT_PAGE, query.cursor),
    ]);
    // Gone between the check and the read (its cohort or group was deleted).
    if (!thread) throw new ResourceNotFoundError('thread');
    await this.activity.touch(cohortId, actor.userId);
    return { thread, posts };
  }
}
