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
import type { DiscoveredGroup, GroupDiscoveryQuery, GroupTown } from './group-discovery.types';
import { searchOrderOf, type GroupSearchFilter, type GroupSearchRow } from './group-search.query';
import { GroupSearchRepository, type Searcher } from './group-search.repository';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor';
import { toPrefixTsquery } from './search-text';
import { parseWeeklyHours } from './weekly-hours';
import { toMultirangeLiteral, WeekSpansCache, type WeekSpan } from './weekly-slots';
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

  /** `searcherId` null: someone without an account, whose zone and hours come only from the query. */
  async search(searcherId: string | null, query: GroupDiscoveryQuery): Promise<Page<DiscoveredGroup>> {
    const searcher = searcherId === null ? null : await this.groups.findSearcher(searcherId);
    if (searcherId !== null && !searcher) throw new ResourceNotFoundError('user');
    const now = this.clock.now();
    const viewZone = query.timeZone ?? searcher?.timeZone ?? 'UTC';
    const locale = searcher?.locale ?? 'en';
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
    if (query.fitsMyDay || query.availability !== undefined) {
      const week = this.availableWeek(query, searcher, now);
      if (!Array.isArray(week)) problems.push(week);
      else if (query.fitsMyDay) filter.fitsWithin = toMultirangeLiteral(week);
    }
    if (problems.length > 0) throw new InvalidInputError(problems);

    const order = searchOrderOf(filter);
    const after = query.cursor ? decodeSearchCursor(query.cursor, order) : undefined;
    const rows = await this.groups.findPublicGroupsPage(filter, { limit: query.limit, after, now });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((row) => this.toDiscoveredGroup(row, viewZone, locale)),
      nextCursor:
        rows.length > query.limit && last ? encodeSearchCursor(order, { key: last.sort_key, id: last.id }) : null,
    };
  }

  /**
   * One public group as a search shows it (seats, next meeting in `timeZone` or the profile's zone), for people
   * who follow a shared link without an account. Private groups are not found, as in search.
   */
  async publicGroup(searcherId: string | null, groupId: string, timeZone?: string): Promise<DiscoveredGroup> {
    const searcher = searcherId === null ? null : await this.groups.findSearcher(searcherId);
    const rows = await this.groups.findPublicGroupsPage({ groupId }, { limit: 1, now: this.clock.now() });
    const row = rows[0];
    if (!row) throw new ResourceNotFoundError('group');
    return this.toDiscoveredGroup(row, timeZone ?? searcher?.timeZone ?? 'UTC', searcher?.locale ?? 'en');
  }

  /** Towns where public groups meet whose name starts with `prefix`, to search near one by name. */
  townsStartingWith(prefix: string, limit = 10): Promise<GroupTown[]> {
    return this.groups.findTownsStartingWith(prefix.trim(), limit);
  }

  /**
   * The week of hours "fits my day" reads: those in the query, local to its timeZone (or the profile's zone), or
   * else the profile's, local to the profile's zone (whatever zone the results are shown in).
   */
  private availableWeek(query: GroupDiscoveryQuery, searcher: Searcher | null, now: Date): WeekSpan[] | FieldProblem {
    if (query.availability !== undefined) {
      const hours = parseWeeklyHours(query.availability, 'availability');
      if (!Array.isArray(hours)) return hours;
      const zone = query.timeZone ?? searcher?.timeZone;
      if (!zone)
        return { field: 'timeZone', message: 'timeZone is required with availability: the zone of those hours' };
      return this.weekSpans.spansFor(hours, zone, now);
    }
    if (!searcher) {
      return {
        field: 'availability',
        message: 'fitsMyDay without an account needs availability (e.g. mon:08:00-12:00) and timeZone',
      };
    }
    const spans = this.weekSpans.spansFor(searcher.availability, searcher.timeZone, now);
    if (spans.length > 0) return spans;
    return {
      field: 'fitsMyDay',
      message: 'fitsMyDay needs your available hours: add availability windows to your profile first',
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
