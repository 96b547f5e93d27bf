import { Get, Param } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { CohortAction, CohortPolicy } from '@app/cohorts';
import { ReviewerStandingService } from '@app/peer-review';
import { Authorize, CurrentActor } from '../auth/auth.decorators';
import { uuidParam } from '../http/uuid-param';
import { ASSIGNMENT_ROUTE, PeerReviewRoutes } from './peer-review-routes';
import {
  AssignmentReviewerStandingDto,
  CohortReviewerStandingSummaryDto,
  MyReviewerStandingDto,
} from './reviewer-standing.dto';

/**
 * Reviewer standing in an assignment: facilitators see every reviewer's bias, reliability, helpfulness and
 * timeliness; each reviewer sees their own, as feedback on their reviewing, naming nobody.
 */
@PeerReviewRoutes({
  notFound: 'No such cohort (or an invite-only one you are not in), assignment_not_found',
  forbidden: 'Not a participant (or facilitator) of the cohort',
})
export class ReviewerStandingController {
  constructor(private readonly standing: ReviewerStandingService) {}

  @Get('cohorts/:cohortId/reviewer-standing')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({
    type: CohortReviewerStandingSummaryDto,
    description: 'Every reviewer over the cohort’s assignments, and each assignment’s summary',
  })
  cohort(@Param('cohortId') cohortId: string): Promise<CohortReviewerStandingSummaryDto> {
    return this.standing.cohortSummary(cohortId);
  }

  @Get(`${ASSIGNMENT_ROUTE}/reviewer-standing`)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: AssignmentReviewerStandingDto, description: 'Every reviewer, by name, and a summary' })
  all(
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<AssignmentReviewerStandingDto> {
    return this.standing.forFacilitators(cohortId, assignmentId);
  }

  @Get(`${ASSIGNMENT_ROUTE}/reviewer-standing/mine`)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: MyReviewerStandingDto, description: 'My own reviewing: figures and sentences for me' })
  mine(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<MyReviewerStandingDto> {
    return this.standing.mine(actor, cohortId, assignmentId);
  }
}
