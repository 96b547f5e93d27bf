import { Body, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { PageQueryDto, type Actor } from '@app/core';
import { CohortAction, CohortPolicy } from '@app/cohorts';
import { ScoresService } from '@app/peer-review';
import { Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { ASSIGNMENT_ROUTE, PeerReviewRoutes } from './peer-review-routes';
import {
  AssignmentScoringDto,
  AssignmentScoringInputDto,
  FacilitatorScoreDto,
  FacilitatorScorePageDto,
  MyScoreDto,
  ScoreOverrideInputDto,
} from './scores.dto';

/**
 * Scores of a peer-reviewed assignment: the aggregation method and early release (facilitators), every score with its
 * uncertainty and overrides (facilitators), and the learner's own score once released.
 */
@PeerReviewRoutes({
  notFound: 'No such cohort (or an invite-only one you are not in), assignment_not_found, no such submission',
  forbidden: 'Not a participant (or facilitator) of the cohort',
})
export class ScoresController {
  constructor(private readonly scores: ScoresService) {}

  @Get(`${ASSIGNMENT_ROUTE}/scoring`)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: AssignmentScoringDto, description: 'The method (model by default) and the release' })
  getScoring(
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<AssignmentScoringDto> {
    return this.scores.settings(cohortId, assignmentId);
  }

  @Put(`${ASSIGNMENT_ROUTE}/scoring`)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: AssignmentScoringDto })
  putScoring(
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Body() body: AssignmentScoringInputDto,
  ): Promise<AssignmentScoringDto> {
    return this.scores.setMethod(cohortId, assignmentId, body.aggregationMethod);
  }

  @Post(`${ASSIGNMENT_ROUTE}/scores/release`)
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: AssignmentScoringDto, description: 'Every learner now sees their reviews and score' })
  release(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<AssignmentScoringDto> {
    return this.scores.release(actor, cohortId, assignmentId);
  }

  @Get(`${ASSIGNMENT_ROUTE}/scores`)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({
    type: FacilitatorScorePageDto,
    description: 'One page of scores (submissions oldest first; 20 by default, 100 at most), uncertainty and overrides',
  })
  allScores(
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Query() query: PageQueryDto,
  ): Promise<FacilitatorScorePageDto> {
    return this.scores.forFacilitators(cohortId, assignmentId, { limit: query.limit ?? 20, cursor: query.cursor });
  }

  @Get(`${ASSIGNMENT_ROUTE}/scores/mine`)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: MyScoreDto, description: 'My score once released (fields null before)' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'submission_not_found: nothing submitted yet' })
  myScore(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
  ): Promise<MyScoreDto> {
    return this.scores.mine(actor, cohortId, assignmentId);
  }

  @Post(`${ASSIGNMENT_ROUTE}/submissions/:submissionId/score-overrides`)
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: FacilitatorScoreDto, description: 'The submission’s score, now the override' })
  overrideScore(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('assignmentId', uuidParam('assignmentId')) assignmentId: string,
    @Param('submissionId', uuidParam('submissionId')) submissionId: string,
    @Body() body: ScoreOverrideInputDto,
  ): Promise<FacilitatorScoreDto> {
    return this.scores.override(actor, cohortId, assignmentId, submissionId, body);
  }
}
