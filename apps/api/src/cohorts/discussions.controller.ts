import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto, type Actor } from '@app/core';
import { CohortAction, CohortPolicy, DiscussionReader, DiscussionWriter } from '@app/cohorts';
import { Authenticated, Authorize, CurrentActor, VerifiedEmailRequired } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import {
  NewThreadDto,
  PostBodyDto,
  PostDto,
  ThreadChangesDto,
  ThreadDto,
  ThreadListQueryDto,
  ThreadPageDto,
  ThreadWithPostsDto,
} from './discussions.dto';

const ThreadId = uuidParam('threadId');
const PostId = uuidParam('postId');

/**
 * A cohort's conversations: cohort-wide threads (its active learners and facilitators) and each group's threads
 * (that group's active members and the cohort's facilitators; anyone else gets 404). Bodies are Markdown,
 * returned with their sanitized HTML.
 */
@ApiTags('cohort discussions')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({
  type: ProblemDto,
  description: 'No such cohort, thread or post here (`group_not_in_cohort`: not one of your groups of this cohort)',
})
@Controller('cohorts/:cohortId/threads')
export class DiscussionsController {
  constructor(
    private readonly reader: DiscussionReader,
    private readonly writer: DiscussionWriter,
  ) {}

  @Post()
  @VerifiedEmailRequired()
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiCreatedResponse({ type: ThreadDto, description: 'The thread; its opening post is its first post' })
  start(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Body() body: NewThreadDto,
  ): Promise<ThreadDto> {
    return this.writer.startThread(actor, cohortId, body);
  }

  @Get()
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: ThreadPageDto, description: 'Pinned first, then the most recently active' })
  list(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Query() query: ThreadListQueryDto,
  ): Promise<ThreadPageDto> {
    return this.reader.listThreads(actor, cohortId, query);
  }

  @Get(':threadId')
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: ThreadWithPostsDto })
  get(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('threadId', ThreadId) threadId: string,
    @Query() query: PageQueryDto,
  ): Promise<ThreadWithPostsDto> {
    return this.reader.getThread(actor, cohortId, threadId, query);
  }

  @Patch(':threadId')
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: ThreadDto, description: 'The author retitles; facilitators pin and lock' })
  update(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('threadId', ThreadId) threadId: string,
    @Body() body: ThreadChangesDto,
  ): Promise<ThreadDto> {
    return this.writer.updateThread(actor, cohortId, threadId, body);
  }

  @Post(':threadId/posts')
  @VerifiedEmailRequired()
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiCreatedResponse({ type: PostDto })
  @ApiConflictResponse({ type: ProblemDto, description: '`thread_locked` (facilitators may still reply)' })
  reply(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('threadId', ThreadId) threadId: string,
    @Body() body: PostBodyDto,
  ): Promise<PostDto> {
    return this.writer.reply(actor, cohortId, threadId, body.body);
  }

  @Patch(':threadId/posts/:postId')
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: PostDto, description: 'Your own post only (`not_author` otherwise)' })
  @ApiConflictResponse({ type: ProblemDto, description: '`thread_locked`' })
  edit(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('threadId', ThreadId) threadId: string,
    @Param('postId', PostId) postId: string,
    @Body() body: PostBodyDto,
  ): Promise<PostDto> {
    return this.writer.editPost(actor, cohortId, threadId, postId, body.body);
  }

  @Delete(':threadId/posts/:postId')
  @HttpCode(204)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiNoContentResponse({
    description: 'Your own post, or any post for facilitators. It keeps its place in the thread, shown as deleted.',
  })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('threadId', ThreadId) threadId: string,
    @Param('postId', PostId) postId: string,
  ): Promise<void> {
    await this.writer.deletePost(actor, cohortId, threadId, postId);
  }
}
