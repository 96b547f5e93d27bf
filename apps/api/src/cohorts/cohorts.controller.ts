import { Body, Controller, Get, Param, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { CohortAction, CohortPolicy, CohortReader, CreateCohortUseCase, UpdateCohortUseCase } from '@app/cohorts';
import { Authenticated, Authorize, CurrentActor, VerifiedEmailRequired } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { CohortDetailDto, CreateCohortDto, ModuleOffsetsDto, UpdateCohortDto } from './cohorts.dto';

/**
 * Cohorts: a published course version run together on a calendar. Anyone signed in may start one. What a cohort
 * shows depends on who asks: its public face, plus the viewer's own enrollment, plus the invite link and the
 * completion rules to facilitators. Invite-only cohorts are 404 to outsiders.
 */
@ApiTags('cohorts')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto, description: 'No such cohort, or an invite-only one you are not in' })
@Controller('cohorts')
export class CohortsController {
  constructor(
    private readonly creating: CreateCohortUseCase,
    private readonly updating: UpdateCohortUseCase,
    private readonly reader: CohortReader,
  ) {}

  @Post()
  @VerifiedEmailRequired()
  @ApiCreatedResponse({ type: CohortDetailDto, description: 'The cohort, as its facilitator (the creator) sees it' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateCohortDto): Promise<CohortDetailDto> {
    return this.creating.execute(actor, body);
  }

  @Get(':cohortId')
  @Authorize(CohortPolicy, CohortAction.View, 'cohortId')
  @ApiOkResponse({ type: CohortDetailDto })
  detail(@CurrentActor() actor: Actor, @Param('cohortId') cohortId: string): Promise<CohortDetailDto> {
    return this.reader.detail(actor, cohortId);
  }

  @Patch(':cohortId')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: CohortDetailDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Body() body: UpdateCohortDto,
  ): Promise<CohortDetailDto> {
    return this.updating.execute(actor, cohortId, body);
  }

  @Put(':cohortId/modules/:moduleId/schedule')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiOkResponse({ type: CohortDetailDto, description: "The cohort with the module's new dates" })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'module_not_in_cohort' })
  reschedule(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Param('moduleId', uuidParam('moduleId')) moduleId: string,
    @Body() body: ModuleOffsetsDto,
  ): Promise<CohortDetailDto> {
    return this.updating.reschedule(actor, cohortId, { moduleId, ...body });
  }
}
