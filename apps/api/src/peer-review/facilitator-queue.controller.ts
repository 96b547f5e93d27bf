import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { CohortAction, CohortPolicy } from '@app/cohorts';
import { ReviewQueueService } from '@app/peer-review';
import { Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { ASSIGNMENT_ROUTE, PeerReviewRoutes } from './peer-review-routes';
import { ReviewViewDto } from './peer-review.dto';
import { AssignReviewerInputDto, RemoveReviewInputDto, ReviewQueueDto } from './review-queue.dto';

const QUEUE = `${ASSIGNMENT_ROUTE}/review-queue`;

/**
 * The facilitators' review queue of an assignment: submissions whose window closed short of k reviews, and
 * flagged reviews (reviewer named). Facilitators remove a review from scoring, dismiss a flag, hand a submission
 * to a learner, or review it themselves.
 */
@PeerReviewRoutes({
  notFound: 'assignment_not_found, review_not_found, submission_not_found',
  forbidden: 'Not a facilitator of the cohort',
})
export class FacilitatorQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Get(QUEUE)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: ReviewQueueDto })
  list(
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<ReviewQueueDto> {
    return this.queue.list(cohortId, assignmentId);
  }

  @Post(`${QUEUE}/reviews/:reviewId/removal`)
  @HttpCode(204)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiNoContentResponse({ description: 'Out of scoring; kept with the reason, who and when' })
  @ApiConflictResponse({ type: ProblemDto, description: 'review_already_removed' })
  async remove(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('reviewId', uuidParam('reviewId')) reviewId: string,
    @Body() body: RemoveReviewInputDto,
  ): Promise<void> {
    await this.queue.remove(actor, cohortId, assignmentId, reviewId, body.reason);
  }

  @Post(`${QUEUE}/reviews/:reviewId/flag-dismissal`)
  @HttpCode(204)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiNoContentResponse({ description: 'The review stays counted; the flag leaves the queue' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'flag_not_found' })
  async dismissFlag(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('reviewId', uuidParam('reviewId')) reviewId: string,
  ): Promise<void> {
    await this.queue.dismissFlag(actor, cohortId, assignmentId, reviewId);
  }

  @Post(`${QUEUE}/submissions/:submissionId/reviewers`)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiCreatedResponse({ type: ReviewViewDto, description: 'A lease for the learner, or for me when `staff`' })
  @ApiConflictResponse({ type: ProblemDto, description: 'reviewer_not_eligible: not a learner, the author, or twice' })
  assign(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('submissionId', uuidParam('submissionId')) submissionId: string,
    @Body() body: AssignReviewerInputDto,
  ): Promise<ReviewViewDto> {
    const staff = body.staff === true;
    return this.queue.assign(actor, cohortId, assignmentId, submissionId, {
      reviewerId: staff ? actor.userId : body.reviewerId!,
      staff,
    });
  }
}
