import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@app/core';
import { GroupDiscoveryService } from '@app/groups';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ProblemDto } from '../http/problem.dto';
import { GroupSearchPageDto, GroupSearchQueryDto } from './discovery.dto';

export const DEFAULT_SEARCH_PAGE_SIZE = 20;

/**
 * Finding groups to join. Registered before the controller of `groups/:groupId`, so "search" is never read as a
 * group id.
 */
@ApiTags('groups')
@Authenticated()
@ApiBadRequestResponse({ type: ProblemDto, description: 'Invalid fields, each named in `errors`' })
@Controller('groups')
export class DiscoveryController {
  constructor(private readonly discovery: GroupDiscoveryService) {}

  @Get('search')
  @ApiOkResponse({
    type: GroupSearchPageDto,
    description:
      'Public groups matching every filter given. With `q`: best match first; otherwise by first meeting ' +
      '(groups with no meeting yet last). Never private groups, never meeting links.',
  })
  async search(@CurrentActor() actor: Actor, @Query() query: GroupSearchQueryDto): Promise<GroupSearchPageDto> {
    const near =
      query.lat !== undefined && query.lon !== undefined && query.radiusKm !== undefined
        ? { latitude: query.lat, longitude: query.lon, radiusKm: query.radiusKm }
        : undefined;
    const page = await this.discovery.search(actor.userId, {
      text: query.q,
      topic: query.topic,
      language: query.language,
      mode: query.mode,
      near,
      withOpenSeats: query.openSeats,
      startsFrom: query.startsFrom,
      startsTo: query.startsTo,
      fitsMyDay: query.fitsMyDay,
      timeZone: query.timeZone,
      limit: query.limit ?? DEFAULT_SEARCH_PAGE_SIZE,
      cursor: query.cursor,
    });
    return {
      items: page.items.map(({ nextMeeting: next, ...group }) => ({
        ...group,
        nextMeeting: next && {
          utc: next.startsAt.toISOString(),
          viewer: next.viewer,
          group: next.group,
          durationMinutes: next.durationMinutes,
        },
      })),
      nextCursor: page.nextCursor,
    };
  }
}
