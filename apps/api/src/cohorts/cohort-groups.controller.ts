import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import {
  CohortAction,
  CohortGroupsQuery,
  CohortPolicy,
  FormCohortGroupsUseCase,
  GroupingPreferenceUseCase,
  GroupMovesUseCase,
} from '@app/cohorts';
import { Authenticated, Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import {
  FormationResultDto,
  FormGroupsDto,
  GroupingOverviewDto,
  GroupingPreferenceDto,
  MoveLearnerDto,
  MoveRequestDto,
  MyGroupingDto,
} from './grouping.dto';

/**
 * Grouping learners who can meet: learners opt in and ask to move; facilitators form groups, read them explained
 * (common hours in UTC and in each member's zone) and move people by hand.
 */
@ApiTags('cohorts')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such cohort, or an invite-only one you are not in' })
@Controller('cohorts/:cohortId')
export class CohortGroupsController {
  constructor(
    private readonly preference: GroupingPreferenceUseCase,
    private readonly forming: FormCohortGroupsUseCase,
    private readonly moves: GroupMovesUseCase,
    private readonly groups: CohortGroupsQuery,
  ) {}

  @Put('me/grouping')
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: MyGroupingDto, description: 'Your choice; once groups are formed, your group at once' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'not_enrolled: only active learners are grouped' })
  setGrouping(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Body() body: GroupingPreferenceDto,
  ): Promise<MyGroupingDto> {
    return this.preference.setOptIn(actor, cohortId, body.optIn);
  }

  @Get('me/group')
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: MyGroupingDto, description: 'Your own group with its common hours, or null' })
  myGroup(@CurrentActor() actor: Actor, @Param('cohortId') cohortId: string): Promise<MyGroupingDto> {
    return this.groups.open(cohortId, actor.userId);
  }

  @Post('me/move-request')
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: MyGroupingDto, description: 'Asked the facilitators for another group' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'not_enrolled: only active learners ask to move' })
  requestMove(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Body() body: MoveRequestDto,
  ): Promise<MyGroupingDto> {
    return this.moves.requestMove(actor, cohortId, body.note?.trim() || null);
  }

  @Post('groups/form')
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: FormationResultDto, description: 'Groups formed from opted-in learners not yet grouped' })
  formGroups(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Body() body: FormGroupsDto,
  ): Promise<FormationResultDto> {
    return this.forming.execute(actor, cohortId, body);
  }

  @Get('groups')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: GroupingOverviewDto, description: 'Every group explained, the unplaced, move requests' })
  overview(@Param('cohortId') cohortId: string): Promise<GroupingOverviewDto> {
    return this.groups.overview(cohortId);
  }

  @Post('groups/moves')
  @HttpCode(200)
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: GroupingOverviewDto, description: 'Moved; the cohort’s groups after the move' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'not_enrolled, group_not_in_cohort' })
  @ApiConflictResponse({ type: ProblemDto, description: 'group_full' })
  move(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Body() body: MoveLearnerDto,
  ): Promise<GroupingOverviewDto> {
    return this.moves.move(actor, cohortId, body);
  }
}
