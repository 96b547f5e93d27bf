import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { PageQueryDto, type Actor } from '@app/core';
import { AnnouncementsService, CohortAction, CohortPolicy } from '@app/cohorts';
import { Authenticated, Authorize, CurrentActor, VerifiedEmailRequired } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { AnnouncementPageDto, NewAnnouncementDto, PublishedAnnouncementDto } from './announcements.dto';

/** Facilitators' announcements: emailed to every member who has not turned them off, and kept in the cohort. */
@ApiTags('cohort announcements')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@ApiNotFoundResponse({ type: ProblemDto })
@Controller('cohorts/:cohortId/announcements')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  @Post()
  @VerifiedEmailRequired()
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiCreatedResponse({
    type: PublishedAnnouncementDto,
    description:
      'Published at once and emailed (through the worker) to every active learner and the other facilitators, ' +
      'in their language, unless they turned announcement emails off',
  })
  publish(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Body() body: NewAnnouncementDto,
  ): Promise<PublishedAnnouncementDto> {
    return this.announcements.publish(actor, cohortId, body);
  }

  @Get()
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: AnnouncementPageDto, description: 'Newest first' })
  list(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Query() query: PageQueryDto,
  ): Promise<AnnouncementPageDto> {
    return this.announcements.list(actor, cohortId, query);
  }
}
