import { Body, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiExtraModels,
  ApiOkResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { PageQueryDto, ResourceNotFoundError, type Actor } from '@app/core';
import { CohortAction, CohortPolicy } from '@app/cohorts';
import {
  NextReviewUseCase,
  PeerReviewSettingsService,
  ReviewsReader,
  ReviewWriter,
  SubmissionsReader,
  SubmitWorkUseCase,
} from '@app/peer-review';
import { Authorize, CurrentActor, VerifiedEmailRequired } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { CalibrationReviewDto, PeerNextReviewDto } from './calibration.dto';
import { ASSIGNMENT_ROUTE, PeerReviewRoutes } from './peer-review-routes';
import {
  FacilitatorSubmissionPageDto,
  MySubmissionDto,
  PeerReviewSettingsDto,
  PeerReviewSettingsInputDto,
  ReviewAssignmentDto,
  ReviewDraftDto,
  SubmissionInputDto,
  SubmittedVersionDto,
} from './peer-review.dto';

/**
 * Peer review in a cohort: learners submit work for an assignment, ask for the next submission to review (a lease),
 * draft and submit reviews; facilitators set the cohort's rules and see everything. Who may see whom follows the
 * assignment's anonymity.
 */
@PeerReviewRoutes({
  notFound: 'No such cohort (or an invite-only one you are not in), assignment_not_found, review_not_found',
  forbidden: 'Not a participant (or facilitator) of the cohort',
})
export class PeerReviewController {
  constructor(
    private readonly settings: PeerReviewSettingsService,
    private readonly submitting: SubmitWorkUseCase,
    private readonly submissions: SubmissionsReader,
    private readonly next: NextReviewUseCase,
    private readonly reviews: ReviewsReader,
    private readonly writer: ReviewWriter,
  ) {}

  @Get('cohorts/:cohortId/peer-review-settings')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: PeerReviewSettingsDto, description: 'The defaults until a facilitator sets them' })
  getSettings(@Param('cohortId') cohortId: string): Promise<PeerReviewSettingsDto> {
    return this.settings.get(cohortId);
  }

  @Put('cohorts/:cohortId/peer-review-settings')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: PeerReviewSettingsDto })
  putSettings(
    @Param('cohortId') cohortId: string,
    @Body() body: PeerReviewSettingsInputDto,
  ): Promise<PeerReviewSettingsDto> {
    return this.settings.put(cohortId, body);
  }

  @Post(`${ASSIGNMENT_ROUTE}/submissions`)
  @VerifiedEmailRequired()
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiCreatedResponse({ type: SubmittedVersionDto, description: 'A new version of my submission' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'learners_only, email_not_verified' })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'module_not_released, late_submission_refused, resubmission_closed (past my due date)',
  })
  @ApiBadRequestResponse({
    type: ProblemDto,
    description: 'Invalid fields; `attachmentIds.<i>` for an id that is not my unbound upload for this assignment',
  })
  submit(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Body() body: SubmissionInputDto,
  ): Promise<SubmittedVersionDto> {
    return this.submitting.execute(actor, cohortId, assignmentId, {
      body: body.body,
      links: body.links ?? [],
      attachmentIds: body.attachmentIds ?? [],
    });
  }

  @Get(`${ASSIGNMENT_ROUTE}/submissions/mine`)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: MySubmissionDto, description: 'My versions, review counts, and reviews once released' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'submission_not_found: nothing submitted yet' })
  async mySubmission(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<MySubmissionDto> {
    const mine = await this.submissions.mine(actor, cohortId, assignmentId);
    if (!mine) throw new ResourceNotFoundError('submission');
    return mine;
  }

  @Get(`${ASSIGNMENT_ROUTE}/submissions`)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({
    type: FacilitatorSubmissionPageDto,
    description:
      'One page of submissions (oldest first; 20 by default, 100 at most), each with every review and reviewer',
  })
  allSubmissions(
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Query() query: PageQueryDto,
  ): Promise<FacilitatorSubmissionPageDto> {
    return this.submissions.forFacilitators(cohortId, assignmentId, { limit: query.limit ?? 20, cursor: query.cursor });
  }

  @Post(`${ASSIGNMENT_ROUTE}/reviews/next`)
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiExtraModels(PeerNextReviewDto, CalibrationReviewDto)
  @ApiOkResponse({
    description:
      'A submission to review under a lease, or my open one (`kind: peer`); while the assignment has calibration ' +
      'items I have not reviewed, the first of them (`kind: calibration`)',
    schema: { oneOf: [{ $ref: getSchemaPath(PeerNextReviewDto) }, { $ref: getSchemaPath(CalibrationReviewDto) }] },
  })
  @ApiNoContentResponse({ description: 'Nothing to review right now' })
  @ApiForbiddenResponse({ type: ProblemDto, description: 'learners_only' })
  @ApiConflictResponse({ type: ProblemDto, description: 'submission_required: submit my own work first' })
  async nextReview(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<PeerNextReviewDto | CalibrationReviewDto | undefined> {
    const review = await this.next.execute(actor, cohortId, assignmentId);
    if (!review) response.status(204);
    return review ?? undefined;
  }

  @Get(`${ASSIGNMENT_ROUTE}/reviews/mine`)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: [ReviewAssignmentDto], description: 'My reviews: leased, submitted and expired' })
  myReviews(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<ReviewAssignmentDto[]> {
    return this.reviews.mine(actor, cohortId, assignmentId);
  }

  @Put(`${ASSIGNMENT_ROUTE}/reviews/:reviewId`)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: ReviewAssignmentDto, description: 'The draft, saved' })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'review_already_submitted, review_window_closed, lease_expired',
  })
  saveDraft(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('reviewId', uuidParam('reviewId')) reviewId: string,
    @Body() body: ReviewDraftDto,
  ): Promise<ReviewAssignmentDto> {
    return this.writer.saveDraft(actor, { cohortId, assignmentId, reviewId }, body);
  }

  @Post(`${ASSIGNMENT_ROUTE}/reviews/:reviewId/submit`)
  @HttpCode(200)
  @VerifiedEmailRequired()
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: ReviewAssignmentDto, description: 'Submitted: final from now on' })
  @ApiBadRequestResponse({ type: ProblemDto, description: 'The draft misses scores or comments, each criterion named' })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'review_already_submitted, lease_expired, review_window_closed',
  })
  submitReview(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('reviewId', uuidParam('reviewId')) reviewId: string,
  ): Promise<ReviewAssignmentDto> {
    return this.writer.submit(actor, { cohortId, assignmentId, reviewId });
  }

  @Post(`${ASSIGNMENT_ROUTE}/reviews/:reviewId/lease`)
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: ReviewAssignmentDto, description: 'The lease renewed from now' })
  @ApiConflictResponse({
    type: ProblemDto,
    description: 'review_already_submitted, review_window_closed, lease_expired',
  })
  renewLease(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('reviewId', uuidParam('reviewId')) reviewId: string,
  ): Promise<ReviewAssignmentDto> {
    return this.writer.renewLease(actor, { cohortId, assignmentId, reviewId });
  }
}
