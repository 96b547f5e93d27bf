import { Body, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { AchievementPolicy, BadgeAction, NominationPolicy, NominationsService } from '@app/badges';
import { CohortAction, CohortPolicy } from '@app/cohorts';
import { GroupAction, GroupPolicy } from '@app/groups';
import { Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { BadgeRoutes } from './badge-routes';
import { EndorsementInputDto, NominationDto, NominationInputDto, NominationQueryDto, ReasonDto } from './badges.dto';

const NOMINATION = 'badges/nominations/:nominationId';

/**
 * Peer nomination: members nominate and endorse peers for badges open to it; enough endorsements award the badge,
 * and the badge's managers approve or decline. Members see their scope's nominations.
 */
@BadgeRoutes({
  notFound: 'achievement_not_found, nomination_not_found (or a private cohort or group you are not in)',
  forbidden: 'Not a member of the badge’s cohort or group (to decide: not its facilitator nor its issuer’s admin)',
})
export class NominationsController {
  constructor(private readonly nominations: NominationsService) {}

  @Post('badges/achievements/:achievementId/nominations')
  @Authorize(AchievementPolicy, BadgeAction.View, 'achievementId')
  @ApiCreatedResponse({ type: NominationDto })
  @ApiConflictResponse({
    type: ProblemDto,
    description:
      '`already_nominated` (endorse that nomination instead), `already_awarded`, `self_nomination`, ' +
      '`recipient_not_member`, `nominations_closed`, `achievement_archived`',
  })
  nominate(
    @CurrentActor() actor: Actor,
    @Param('achievementId') achievementId: string,
    @Body() body: NominationInputDto,
  ): Promise<NominationDto> {
    return this.nominations.nominate(actor, achievementId, body.nomineeId, body.comment);
  }

  @Get('badges/achievements/:achievementId/nominations')
  @Authorize(AchievementPolicy, BadgeAction.View, 'achievementId')
  @ApiOkResponse({ type: [NominationDto], description: 'Open ones unless `status` says otherwise, oldest first' })
  listOfAchievement(
    @CurrentActor() actor: Actor,
    @Param('achievementId') achievementId: string,
    @Query() query: NominationQueryDto,
  ): Promise<NominationDto[]> {
    return this.nominations.list(actor, { achievementId, status: query.status });
  }

  @Get('cohorts/:cohortId/badges/nominations')
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: [NominationDto], description: 'Nominations for the cohort’s badges (open by default)' })
  listOfCohort(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Query() query: NominationQueryDto,
  ): Promise<NominationDto[]> {
    return this.nominations.list(actor, { scope: { type: 'cohort', id: cohortId }, status: query.status });
  }

  @Get('groups/:groupId/badges/nominations')
  @Authorize(GroupPolicy, GroupAction.ViewAsMember, 'groupId')
  @ApiOkResponse({ type: [NominationDto], description: 'Nominations for the group’s badges (open by default)' })
  listOfGroup(
    @CurrentActor() actor: Actor,
    @Param('groupId') groupId: string,
    @Query() query: NominationQueryDto,
  ): Promise<NominationDto[]> {
    return this.nominations.list(actor, { scope: { type: 'group', id: groupId }, status: query.status });
  }

  @Post(`${NOMINATION}/endorsements`)
  @HttpCode(200)
  @Authorize(NominationPolicy, BadgeAction.View, 'nominationId')
  @ApiOkResponse({ type: NominationDto, description: 'Endorsed; `awarded` when this endorsement was the last needed' })
  @ApiConflictResponse({
    type: ProblemDto,
    description: '`already_endorsed`, `self_nomination` (nominee or nominator), `nomination_decided`',
  })
  endorse(
    @CurrentActor() actor: Actor,
    @Param('nominationId') nominationId: string,
    @Body() body: EndorsementInputDto,
  ): Promise<NominationDto> {
    return this.nominations.endorse(actor, nominationId, body.comment ?? '');
  }

  @Post(`${NOMINATION}/approve`)
  @HttpCode(200)
  @Authorize(NominationPolicy, BadgeAction.Manage, 'nominationId')
  @ApiOkResponse({ type: NominationDto, description: 'Awarded at once' })
  @ApiConflictResponse({ type: ProblemDto, description: '`nomination_decided`' })
  approve(@CurrentActor() actor: Actor, @Param('nominationId') nominationId: string): Promise<NominationDto> {
    return this.nominations.approve(actor, nominationId);
  }

  @Post(`${NOMINATION}/decline`)
  @HttpCode(200)
  @Authorize(NominationPolicy, BadgeAction.Manage, 'nominationId')
  @ApiOkResponse({ type: NominationDto })
  @ApiConflictResponse({ type: ProblemDto, description: '`nomination_decided`' })
  decline(
    @CurrentActor() actor: Actor,
    @Param('nominationId') nominationId: string,
    @Body() body: ReasonDto,
  ): Promise<NominationDto> {
    return this.nominations.decline(actor, nominationId, body.reason);
  }
}
