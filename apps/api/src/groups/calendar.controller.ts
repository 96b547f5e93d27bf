import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AppConfig, type Actor } from '@app/core';
import { CalendarFeedService, GroupAction, GroupPolicy } from '@app/groups';
import { Authenticated, Authorize, CurrentActor, Public } from '../auth/auth.decorators';
import { API_PREFIX } from '../bootstrap';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import { CalendarFeedLinkDto, RevokedCountDto } from './calendar.dto';

const GroupId = uuidParam('groupId');

/**
 * iCalendar feeds: a link per group (any active member may get theirs) and a personal link listing all of
 * one's groups. Calendar apps fetch them without logging in, so the link itself is the secret.
 */
@ApiTags('calendar')
@ApiNotFoundResponse({ type: ProblemDto })
@Controller()
export class CalendarController {
  constructor(
    private readonly feeds: CalendarFeedService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('calendar/:token.ics')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-cache')
  @ApiProduces('text/calendar')
  @ApiOkResponse({ description: 'The feed, as iCalendar (RFC 5545). Revoked or unknown links: 404.' })
  feed(@Param('token') token: string): Promise<string> {
    return this.feeds.render(token);
  }

  @Post('groups/:groupId/calendar-feed')
  @Authenticated()
  @Authorize(GroupPolicy, GroupAction.ViewAsMember, 'groupId')
  @ApiCreatedResponse({
    type: CalendarFeedLinkDto,
    description: "Your link to the group's feed; the previous one stops",
  })
  async createGroupFeed(
    @CurrentActor() actor: Actor,
    @Param('groupId', GroupId) groupId: string,
  ): Promise<CalendarFeedLinkDto> {
    return this.links(await this.feeds.createGroupFeed(actor, groupId));
  }

  @Delete('groups/:groupId/calendar-feed')
  @HttpCode(204)
  @Authenticated()
  @Authorize(GroupPolicy, GroupAction.ViewAsMember, 'groupId')
  @ApiNoContentResponse({ description: "Your link to the group's feed stops working" })
  async revokeGroupFeed(@CurrentActor() actor: Actor, @Param('groupId', GroupId) groupId: string): Promise<void> {
    await this.feeds.revokeGroupFeed(actor, groupId);
  }

  @Delete('groups/:groupId/calendar-feeds')
  @Authenticated()
  @Authorize(GroupPolicy, GroupAction.Facilitate, 'groupId')
  @ApiOkResponse({ type: RevokedCountDto, description: "Every member's link to the group's feed stops working" })
  async revokeAllGroupFeeds(@Param('groupId', GroupId) groupId: string): Promise<RevokedCountDto> {
    return { revoked: await this.feeds.revokeAllGroupFeeds(groupId) };
  }

  @Post('calendar/me')
  @Authenticated()
  @ApiCreatedResponse({ type: CalendarFeedLinkDto, description: 'Your personal feed; the previous link stops' })
  async createPersonalFeed(@CurrentActor() actor: Actor): Promise<CalendarFeedLinkDto> {
    return this.links(await this.feeds.createPersonalFeed(actor));
  }

  @Delete('calendar/me')
  @HttpCode(204)
  @Authenticated()
  @ApiNoContentResponse({ description: 'Your personal feed link stops working' })
  async revokePersonalFeed(@CurrentActor() actor: Actor): Promise<void> {
    await this.feeds.revokePersonalFeed(actor);
  }

  private links(token: string): CalendarFeedLinkDto {
    const url = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/${API_PREFIX}/calendar/${token}.ics`;
    return { url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
  }
}
