import { Body, Get, Headers, HttpCode, Param, Patch, Post, Put, Req, UseInterceptors } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Clock, type Actor } from '@app/core';
import { AchievementPolicy, AchievementsService, BadgeAction } from '@app/badges';
import { CohortAction, CohortPolicy } from '@app/cohorts';
import { GroupAction, GroupPolicy } from '@app/groups';
import { Authorize, CurrentActor } from '../auth/auth.decorators';
import { uuidParam } from '../http/uuid-param';
import { BadgeRoutes } from './badge-routes';
import { AchievementChangesDto, AchievementDto, AchievementInputDto } from './badges.dto';
import { ImageBodyInterceptor } from './image-body.interceptor';

const ACHIEVEMENT = 'badges/achievements/:achievementId';

/**
 * Achievements (badge classes) of a cohort, a study group or the platform: made, edited and archived by their
 * managers (the scope's facilitators, the issuer's admins), listed for the scope's members. The public Achievement
 * document lives at GET /badges/achievements/:id (public-badges.controller.ts).
 */
@BadgeRoutes({
  notFound: 'achievement_not_found; no such cohort or group (or a private one you are not in)',
  forbidden: 'Not a facilitator of the badge’s cohort or group, nor an admin of its issuer (or, to read, not a member)',
})
export class AchievementsController {
  constructor(
    private readonly achievements: AchievementsService,
    private readonly clock: Clock,
  ) {}

  @Post('cohorts/:cohortId/badges')
  @Authorize(CohortPolicy, CohortAction.Facilitate, 'cohortId')
  @ApiCreatedResponse({ type: AchievementDto })
  createForCohort(
    @CurrentActor() actor: Actor,
    @Param('cohortId') cohortId: string,
    @Body() body: AchievementInputDto,
  ): Promise<AchievementDto> {
    return this.achievements.create(actor, { type: 'cohort', id: cohortId }, body);
  }

  @Get('cohorts/:cohortId/badges')
  @Authorize(CohortPolicy, CohortAction.Participate, 'cohortId')
  @ApiOkResponse({ type: [AchievementDto], description: 'The cohort’s badges, archived ones last' })
  listForCohort(@Param('cohortId') cohortId: string): Promise<AchievementDto[]> {
    return this.achievements.list({ type: 'cohort', id: cohortId });
  }

  @Post('groups/:groupId/badges')
  @Authorize(GroupPolicy, GroupAction.Facilitate, 'groupId')
  @ApiCreatedResponse({ type: AchievementDto })
  createForGroup(
    @CurrentActor() actor: Actor,
    @Param('groupId') groupId: string,
    @Body() body: AchievementInputDto,
  ): Promise<AchievementDto> {
    return this.achievements.create(actor, { type: 'group', id: groupId }, body);
  }

  @Get('groups/:groupId/badges')
  @Authorize(GroupPolicy, GroupAction.ViewAsMember, 'groupId')
  @ApiOkResponse({ type: [AchievementDto], description: 'The group’s badges, archived ones last' })
  listForGroup(@Param('groupId') groupId: string): Promise<AchievementDto[]> {
    return this.achievements.list({ type: 'group', id: groupId });
  }

  @Post('badges/achievements')
  @ApiCreatedResponse({ type: AchievementDto, description: 'A platform badge (the platform issuer’s admins)' })
  createForPlatform(@CurrentActor() actor: Actor, @Body() body: AchievementInputDto): Promise<AchievementDto> {
    return this.achievements.create(actor, { type: 'platform', id: null }, body);
  }

  @Get('badges/achievements')
  @ApiOkResponse({ type: [AchievementDto], description: 'The platform’s badges' })
  listForPlatform(): Promise<AchievementDto[]> {
    return this.achievements.list({ type: 'platform', id: null });
  }

  @Get(`${ACHIEVEMENT}/details`)
  @Authorize(AchievementPolicy, BadgeAction.View, 'achievementId')
  @ApiOkResponse({ type: AchievementDto, description: 'With its rule and nomination setting' })
  get(@Param('achievementId') achievementId: string): Promise<AchievementDto> {
    return this.achievements.get(achievementId);
  }

  @Patch(ACHIEVEMENT)
  @Authorize(AchievementPolicy, BadgeAction.Manage, 'achievementId')
  @ApiOkResponse({ type: AchievementDto, description: 'Credentials already issued keep what they said' })
  update(@Param('achievementId') achievementId: string, @Body() body: AchievementChangesDto): Promise<AchievementDto> {
    return this.achievements.update(achievementId, body);
  }

  @Post(`${ACHIEVEMENT}/archive`)
  @HttpCode(200)
  @Authorize(AchievementPolicy, BadgeAction.Manage, 'achievementId')
  @ApiOkResponse({ type: AchievementDto, description: 'No longer awarded; issued credentials stay valid' })
  archive(@Param('achievementId') achievementId: string): Promise<AchievementDto> {
    return this.achievements.archive(achievementId, this.clock.now());
  }

  @Put(`${ACHIEVEMENT}/image`)
  @Authorize(AchievementPolicy, BadgeAction.Manage, 'achievementId')
  @UseInterceptors(ImageBodyInterceptor)
  @ApiConsumes('image/png', 'image/svg+xml')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({
    type: AchievementDto,
    description: 'PNG or SVG (checked from the bytes; no scripts or external references), 256 KiB at most',
  })
  setImage(
    @Param('achievementId', uuidParam('achievementId')) achievementId: string,
    @Req() req: Request,
    @Headers('content-type') contentType: string | undefined,
  ): Promise<AchievementDto> {
    return this.achievements.setImage(achievementId, req.body as Buffer, contentType);
  }
}
