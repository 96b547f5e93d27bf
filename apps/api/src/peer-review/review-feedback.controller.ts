import { Body, Param, Put } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { CohortAction, CohortPolicy } from '@app/cohorts';
import { ReviewFeedbackService } from '@app/peer-review';
import { Authorize, CurrentActor } from '../auth/auth.decorators';
import { uuidParam } from '../http/uuid-param';
import { ASSIGNMENT_ROUTE, PeerReviewRoutes } from './peer-review-routes';
import { ReceivedReviewFeedbackDto, ReviewFlagInputDto, ReviewRatingInputDto } from './review-feedback.dto';

const RECEIVED = `${ASSIGNMENT_ROUTE}/submissions/mine/reviews/:reviewId`;

/**
 * The author's feedback on a review of their submission: a helpfulness rating and a flag for facilitators. Only
 * reviews released to the author (as `submissions/mine` shows them); anyone else's is review_not_found.
 */
@PeerReviewRoutes({
  notFound: 'review_not_found: not a released review of my submission',
  forbidden: 'Not a participant of the cohort',
})
export class ReviewFeedbackController {
  constructor(private readonly feedback: ReviewFeedbackService) {}

  @Put(`${RECEIVED}/rating`)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: ReceivedReviewFeedbackDto, description: 'Rated; a new rating replaces the last' })
  rate(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('reviewId', uuidParam('reviewId')) reviewId: string,
    @Body() body: ReviewRatingInputDto,
  ): Promise<ReceivedReviewFeedbackDto> {
    return this.feedback.rate(actor, cohortId, assignmentId, reviewId, body.helpfulness);
  }

  @Put(`${RECEIVED}/flag`)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: ReceivedReviewFeedbackDto, description: 'Flagged for the facilitators' })
  flag(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('reviewId', uuidParam('reviewId')) reviewId: string,
    @Body() body: ReviewFlagInputDto,
  ): Promise<ReceivedReviewFeedbackDto> {
    return this.feedback.flag(actor, cohortId, assignmentId, reviewId, { reason: body.reason, note: body.note });
  }
}
