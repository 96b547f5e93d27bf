import { Body, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse } from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { AchievementPolicy, AwardPolicy, BadgeAction, FacilitatorAwards } from '@app/badges';
import { Authorize, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { BadgeRoutes } from './badge-routes';
import { AwardDto, AwardInputDto, AwardOutcomesDto, ReasonDto } from './badges.dto';

/** Badges given by hand and taken back: by the facilitators of the badge's cohort or group, or its issuer's admins. */
@BadgeRoutes({
  notFound: 'achievement_not_found, award_not_found (or a private cohort or group you are not in)',
  forbidden: 'Not a facilitator of the badge’s cohort or group, nor an admin of its issuer; nobody revokes their own',
})
export class AwardsController {
  constructor(private readonly awards: FacilitatorAwards) {}

  @Post('badges/achievements/:achievementId/awards')
  @HttpCode(200)
  @Authorize(AchievementPolicy, BadgeAction.Manage, 'achievementId')
  @ApiOkResponse({ type: AwardOutcomesDto, description: 'Per recipient: issued now, or already held' })
  @ApiConflictResponse({
    type: ProblemDto,
    description: '`recipient_not_member` naming each `recipientIds[i]` (nothing is issued), `achievement_archived`',
  })
  async award(
    @CurrentActor() actor: Actor,
    @Param('achievementId') achievementId: string,
    @Body() body: AwardInputDto,
  ): Promise<AwardOutcomesDto> {
    const evidence = (body.evidence ?? []).map((e) => ({ narrative: e.narrative, url: e.url, name: e.name }));
    const outcomes = await this.awards.award(actor, achievementId, body.recipientIds, evidence);
    return {
      results: outcomes.map((o) => ({ recipientId: o.recipientId, awardId: o.awardId, outcome: o.outcome })),
    };
  }

  @Get('badges/achievements/:achievementId/awards')
  @Authorize(AchievementPolicy, BadgeAction.Manage, 'achievementId')
  @ApiOkResponse({ type: [AwardDto], description: 'Every award of the badge, newest first, revoked ones too' })
  list(@Param('achievementId') achievementId: string): Promise<AwardDto[]> {
    return this.awards.list(achievementId);
  }

  @Post('badges/awards/:awardId/revoke')
  @HttpCode(200)
  @Authorize(AwardPolicy, BadgeAction.Manage, 'awardId')
  @ApiOkResponse({ type: AwardDto, description: 'Revoked: the public status list says so from now on' })
  @ApiConflictResponse({ type: ProblemDto, description: '`already_revoked`' })
  revoke(@CurrentActor() actor: Actor, @Param('awardId') awardId: string, @Body() body: ReasonDto): Promise<AwardDto> {
    return this.awards.revoke(actor, awardId, body.reason);
  }
}
