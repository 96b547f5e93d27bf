import { Injectable } from '@nestjs/common';
import {
  addLocalDays,
  Clock,
  InvalidInputError,
  ResourceNotFoundError,
  zonedInstant,
  type FieldProblem,
  type Page,
} from '@app/core';
import type { DiscoveredGroup, GroupDiscoveryQuery } from './group-discovery.types';
import { searchOrderOf, type GroupSearchFilter, type GroupSearchRow } from './group-search.query';
import { GroupSearchRepository } from './group-search.repository';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { toPrefixTsquery } from './search-text';
import { toMultirangeLiteral, WeekSpansCache } from './weekly-slots';
import { ZonedTimeViews } from './zoned-time-views';

/** Finding public groups that fit a person: their words, language, place, and the hours they have. */
@Injectable()
export class GroupDiscoveryService {
  private readonly weekSpans = new WeekSpansCache();
  private readonly views = new ZonedTimeViews();

  constructor(
    private readonly groups: GroupSearchRepository,
    private readonly clock: Clock,
  ) {}

  async search(searcherId: string, query: GroupDiscoveryQuery): Promise<Page<DiscoveredGroup>> {
    const searcher = await this.groups.findSearcher(searcherId);
    if (!searcher) throw new ResourceNotFoundError('user');
    const now = this.clock.now();
    const viewZone = query.timeZone ?? searcher.timeZone;
    const problems: FieldProblem[] = [];

    const filter: GroupSearchFilter = {
      topic: query.topic,
      language: query.language,
      mode: query.mode,
      near: query.near,
      withOpenSeats: query.withOpenSeats,
    };
    if (query.text !== undefined) {
      filter.textQuery = toPrefixTsquery(query.text) ?? undefined;
      if (!filter.textQuery) problems.push({ field: 'q', message: 'q must contain at least one word' });
    }
    // Dates are days in the searcher's calendar: from its first instant, up to (not including) the next day's.
    if (query.startsFrom) filter.startsFrom = zonedInstant(query.startsFrom, '00:00', viewZone);
    if (query.startsTo) filter.startsBefore = zonedInstant(addLocalDays(query.startsTo, 1), '00:00', viewZone);
    if (query.startsFrom && query.startsTo && query.startsTo < query.startsFrom) {
      problems.push({ field: 'startsTo', message: 'startsTo must not be before startsFrom' });
    }
    if (query.fitsMyDay) {
      // Windows are local to the profile's zone (whatever zone the results are shown in).
      const spans = this.weekSpans.spansFor(searcher.availability, searcher.timeZone, now);
      if (spans.length === 0) {
        problems.push({
          field: 'fitsMyDay',
          message: 'fitsMyDay needs your available hours: add availability windows to your profile first',
        });
      }
      filter.fitsWithin = toMultirangeLiteral(spans);
    }
    if (problems.length > 0) throw new InvalidInputError(problems);

    const order = searchOrderOf(filter);
    const after = query.cursor ? decodeSearchCursor(query.cursor, order) : undefined;
    const rows = await this.groups.findPublicGroupsPage(filter, { limit: query.limit, after, now });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((row) => this.toDiscoveredGroup(row, viewZone, searcher.locale)),
      nextCursor:
        rows.length > query.limit && last ? encodeSearchCursor(order, { key: last.sort_key, id: last.id }) : null,
    };
  }

  private toDiscoveredGroup(row: GroupSearchRow, viewZone: string, locale: string): DiscoveredGroup {
    const next = row.next_starts_at;
    return {
      id: row.id,
      name: row.name,
      summary: row.summary,
      topic: row.topic,
      course: row.course_version_id ? { versionId: row.course_version_id, title: row.course_title ?? '' } : null,
      language: row.language,
      timeZone: row.time_zone,
      mode: row.mode,
      city: row.city,
      country: row.country,
      capacity: row.capacity,
      memberCount: row.member_count,
      seatsLeft: Math.max(0, row.capacity - row.member_count),
      signupOpen: row.signup_open,
      firstMeetingAt: row.first_meeting_at,
      nextMeeting: next
        ? {
            startsAt: next,
            durationMinutes: row.next_duration_minutes ?? 0,
            viewer: this.views.view(next, viewZone, locale),
            group: this.views.view(next, row.time_zone, locale),
          }
        : null,
      distanceKm: row.distance_m === null ? null : Math.round(row.distance_m / 100) / 10,
    };
  }
}
