import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { HeldBadges } from '@app/badges';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { BadgeVisibilityDto, HeldBadgeDto, HeldBadgeListDto } from './my-badges.dto';

/**
 * The badges a person holds: all of their own (with revoked and expired ones, and the links to share and download
 * each), and anyone's public ones for whoever is signed in, as profiles are.
 */
@ApiTags('badges')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto })
@ApiNotFoundResponse({ type: ProblemDto })
@Controller()
export class MyBadgesController {
  constructor(private readonly held: HeldBadges) {}

  @Get('users/me/badges')
  @ApiOkResponse({ type: HeldBadgeListDto, description: 'My badges, newest first, whatever their state' })
  async mine(@CurrentActor() actor: Actor): Promise<HeldBadgeListDto> {
    return { items: await this.held.mine(actor.userId) };
  }

  @Patch('users/me/badges/:awardId')
  @ApiOkResponse({ type: HeldBadgeDto, description: 'Hidden from (or shown again on) my public profile' })
  setHidden(
    @CurrentActor() actor: Actor,
    @Param('awardId', uuidParam('awardId')) awardId: string,
    @Body() body: BadgeVisibilityDto,
  ): Promise<HeldBadgeDto> {
    return this.held.setHidden(actor.userId, awardId, body.hidden);
  }

  @Get('users/:userId/badges')
  @ApiOkResponse({ type: HeldBadgeListDto, description: 'A person’s public badges: not hidden, revoked or expired' })
  async publicOf(@Param('userId', uuidParam('userId')) userId: string): Promise<HeldBadgeListDto> {
    return { items: await this.held.publicOf(userId) };
  }
}
