import { Body, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { CohortAction, CohortPolicy } from '@app/cohorts';
import { CalibrationItemsService, CalibrationReviewsService } from '@app/peer-review';
import { Authorize, CurrentActor, VerifiedEmailRequired } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { ASSIGNMENT_ROUTE, PeerReviewRoutes } from './peer-review-routes';
import { ReviewDraftDto } from './peer-review.dto';
import {
  CalibrationItemDto,
  CalibrationItemInputDto,
  CalibrationResultDto,
  CalibrationReviewDto,
} from './calibration.dto';

const ITEMS = `${ASSIGNMENT_ROUTE}/calibration-items`;
const REVIEWS = `${ASSIGNMENT_ROUTE}/calibration-reviews`;

/**
 * Calibration: facilitators write example submissions with a reference review; `reviews/next` hands them to each
 * learner first, and the learner's review of one is compared with the reference as soon as it is submitted.
 */
@PeerReviewRoutes({
  notFound: 'assignment_not_found, calibration_item_not_found, review_not_found',
  forbidden: 'Not a participant (learner routes) or facilitator (item and result routes) of the cohort',
})
export class CalibrationController {
  constructor(
    private readonly items: CalibrationItemsService,
    private readonly reviews: CalibrationReviewsService,
  ) {}

  @Get(ITEMS)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: [CalibrationItemDto], description: 'In the order learners get them' })
  list(
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<CalibrationItemDto[]> {
    return this.items.list(cohortId, assignmentId);
  }

  @Post(ITEMS)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiCreatedResponse({ type: CalibrationItemDto, description: 'Added last' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'The reference misses or misscores a criterion, named' })
  add(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Body() body: CalibrationItemInputDto,
  ): Promise<CalibrationItemDto> {
    return this.items.add(actor, cohortId, assignmentId, body);
  }

  @Put(`${ITEMS}/:itemId`)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: CalibrationItemDto, description: 'Replaced (its place in the order stays)' })
  @ApiConflictResponse({ type: ProblemDto, description: 'calibration_item_reviewed: a learner already reviewed it' })
  update(
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('itemId', uuidParam('itemId')) itemId: string,
    @Body() body: CalibrationItemInputDto,
  ): Promise<CalibrationItemDto> {
    return this.items.update(cohortId, assignmentId, itemId, body);
  }

  @Delete(`${ITEMS}/:itemId`)
  @HttpCode(204)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiNoContentResponse({ description: 'Deleted, with learners’ drafts of it' })
  @ApiConflictResponse({ type: ProblemDto, description: 'calibration_item_reviewed: a learner already reviewed it' })
  async remove(
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('itemId', uuidParam('itemId')) itemId: string,
  ): Promise<void> {
    await this.items.remove(cohortId, assignmentId, itemId);
  }

  @Get(`${ASSIGNMENT_ROUTE}/calibration-results`)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({
    type: [CalibrationResultDto],
    description: 'Each learner’s submitted calibration reviews, compared',
  })
  results(
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<CalibrationResultDto[]> {
    return this.items.results(cohortId, assignmentId);
  }

  @Get(`${REVIEWS}/mine`)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: [CalibrationReviewDto], description: 'My calibration reviews, compared once submitted' })
  mine(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<CalibrationReviewDto[]> {
    return this.reviews.mine(actor, cohortId, assignmentId);
  }

  @Put(`${REVIEWS}/:reviewId`)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: CalibrationReviewDto, description: 'The draft, saved' })
  @ApiConflictResponse({ type: ProblemDto, description: 'review_already_submitted' })
  saveDraft(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('reviewId', uuidParam('reviewId')) reviewId: string,
    @Body() body: ReviewDraftDto,
  ): Promise<CalibrationReviewDto> {
    return this.reviews.saveDraft(actor, { cohortId, assignmentId, reviewId }, body);
  }

  @Post(`${REVIEWS}/:reviewId/submit`)
  @HttpCode(200)
  @VerifiedEmailRequired()
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: CalibrationReviewDto, description: 'Submitted, with the comparison with the reference' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'The draft misses scores or comments, each criterion named' })
  @ApiConflictResponse({ type: ProblemDto, description: 'review_already_submitted' })
  submit(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('reviewId', uuidParam('reviewId')) reviewId: string,
  ): Promise<CalibrationReviewDto> {
    return this.reviews.submit(actor, { cohortId, assignmentId, reviewId });
  }
}
