import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import {
  CohortAction,
  CohortPolicy,
  CompleteModuleUseCase,
  DeadlineExtensionsService,
  LearnerProgressService,
} from '@app/cohorts';
import { PeerReviewProgressService } from '@app/peer-review';
import { Authenticated, Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { ExtensionDto, LearnerProgressDto, MyCohortProgressDto } from './progress.dto';

/**
 * A learner's way through the cohort's calendar: their own dates (fixed or in their own zone, with their
 * extensions), what is due next, their peer review per assignment (in `me`), and completing modules. Facilitators read anyone's and grant extensions.
 */
@ApiTags('cohorts')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such cohort, or an invite-only one you are not in' })
@Controller('cohorts/:cohortId')
export class ProgressController {
  constructor(
    private readonly progress: LearnerProgressService,
    private readonly completing: CompleteModuleUseCase,
    private readonly extensions: DeadlineExtensionsService,
    private readonly peerReview: PeerReviewProgressService,
  ) {}

  @Get('me')
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({
    type: MyCohortProgressDto,
    description: 'My modules, dates, completions, what is due next, and my peer review per assignment',
  })
  async own(@CurrentActor() actor: Actor, @Param('cohortId') cohortId: string): Promise<MyCohortProgressDto> {
    // Composed here: cohorts sits below peer review and knows nothing of it; each library answers for its part.
    const progress = await this.progress.own(actor, cohortId);
    return { ...progress, peerReview: await this.peerReview.mine(actor, cohortId) };
  }

  @Post('modules/:moduleId/complete')
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: LearnerProgressDto, description: 'Done (again: nothing changes); my progress now' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'not_enrolled (active learners only), module_not_in_cohort' })
  @ApiConflictResponse({ type: ProblemDto, description: 'module_not_released' })
  complete(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('moduleId', uuidParam('moduleId')) moduleId: string,
  ): Promise<LearnerProgressDto> {
    return this.completing.execute(actor, cohortId, moduleId);
  }

  @Get('learners/:userId/progress')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: LearnerProgressDto })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'not_enrolled: not a learner of this cohort' })
  learner(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('userId', uuidParam('userId')) userId: string,
  ): Promise<LearnerProgressDto> {
    return this.progress.ofLearner(actor, cohortId, userId);
  }

  @Put('learners/:userId/extensions/:moduleId')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: LearnerProgressDto, description: "The learner's progress with the new due date" })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'not_enrolled, module_not_in_cohort' })
  grantExtension(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('userId', uuidParam('userId')) userId: string,
    @Param('moduleId', uuidParam('moduleId')) moduleId: string,
    @Body() body: ExtensionDto,
  ): Promise<LearnerProgressDto> {
    return this.extensions.grant(actor, cohortId, userId, moduleId, body.extraDays);
  }

  @Delete('learners/:userId/extensions/:moduleId')
  @HttpCode(204)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiNoContentResponse({ description: 'The cohort’s due date applies again' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'not_enrolled, module_not_in_cohort' })
  async revokeExtension(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('userId', uuidParam('userId')) userId: string,
    @Param('moduleId', uuidParam('moduleId')) moduleId: string,
  ): Promise<void> {
    await this.extensions.revoke(actor, cohortId, userId, moduleId);
  }
}
