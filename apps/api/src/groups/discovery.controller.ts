import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { GroupDiscoveryService, type DiscoveredGroup } from '@app/groups';
import { OptionalActor, Public } from '../auth/auth.decorators';
import { OptionalActorGuard } from '../auth/optional-actor.guard';
import { ProblemDto } from '../http/problem.dto';
import { uuidParam } from '../http/uuid-param';
import {
  DiscoveredGroupDto,
  GroupTownListDto,
  GroupTownQueryDto,
  GroupSearchPageDto,
  GroupSearchQueryDto,
  PublicGroupQueryDto,
} from './discovery.dto';

export const DEFAULT_SEARCH_PAGE_SIZE = 20;

/**
 * Finding groups to join, with or without an account: public groups are the first page a newcomer sees.
 * Registered before the controller of `groups/:groupId`, so "search" is never read as a group id.
 */
@ApiTags('groups')
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@Controller('groups')
export class DiscoveryController {
  constructor(private readonly discovery: GroupDiscoveryService) {}

  @Get('search')
  @Public()
  @UseGuards(OptionalActorGuard)
  @ApiBearerAuth()
  @ApiUnauthorizedResponse({ type: ProblemDto, description: 'A token was sent and is not valid' })
  @ApiOkResponse({
    type: GroupSearchPageDto,
    description:
      'Public groups matching every filter given. With `q`: best match first; otherwise by first meeting ' +
      '(groups with no meeting yet last). Never private groups, never meeting links. No account needed; with a ' +
      "token, your profile's zone, locale and available hours are the defaults.",
  })
  async search(
    @OptionalActor() actor: Actor | undefined,
    @Query() query: GroupSearchQueryDto,
  ): Promise<GroupSearchPageDto> {
    const near =
      query.lat !== undefined && query.lon !== undefined && query.radiusKm !== undefined
        ? { latitude: query.lat, longitude: query.lon, radiusKm: query.radiusKm }
        : undefined;
    const page = await this.discovery.search(actor?.userId ?? null, {
      text: query.q,
      topic: query.topic,
      language: query.language,
      mode: query.mode,
      near,
      withOpenSeats: query.openSeats,
      startsFrom: query.startsFrom,
      startsTo: query.startsTo,
      fitsMyDay: query.fitsMyDay,
      availability: query.availability,
      timeZone: query.timeZone,
      limit: query.limit ?? DEFAULT_SEARCH_PAGE_SIZE,
      cursor: query.cursor,
    });
    return { items: page.items.map(toDto), nextCursor: page.nextCursor };
  }

  /** Towns where public groups meet, by the start of their name: "near a place" without sharing one's location. */
  @Get('towns')
  @Public()
  @ApiOkResponse({
    type: GroupTownListDto,
    description: 'Up to 10 towns of public in-person groups whose name starts with q, most groups first',
  })
  async towns(@Query() query: GroupTownQueryDto): Promise<GroupTownListDto> {
    return { items: await this.discovery.townsStartingWith(query.q) };
  }

  /** What a shared link shows before anyone logs in: the group as search shows it. */
  @Get(':groupId/public')
  @Public()
  @UseGuards(OptionalActorGuard)
  @ApiBearerAuth()
  @ApiUnauthorizedResponse({ type: ProblemDto, description: 'A token was sent and is not valid' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No such group, or a private one' })
  @ApiOkResponse({ type: DiscoveredGroupDto, description: 'A public group as search shows it; no account needed' })
  async publicGroup(
    @OptionalActor() actor: Actor | undefined,
    @Param('groupId', uuidParam('groupId')) groupId: string,
    @Query() query: PublicGroupQueryDto,
  ): Promise<DiscoveredGroupDto> {
    return toDto(await this.discovery.publicGroup(actor?.userId ?? null, groupId, query.timeZone));
  }
}

function toDto({ nextMeeting: next, ...group }: DiscoveredGroup): DiscoveredGroupDto {
  return {
    ...group,
    nextMeeting: next && {
      utc: next.startsAt.toISOString(),
      viewer: next.viewer,
      group: next.group,
      durationMinutes: next.durationMinutes,
    },
  };
}
