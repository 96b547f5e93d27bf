import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { poolQuery, preparedQuery } from '@app/core';
import type { AvailabilityWindow } from '@app/identity';
import type { GroupTown } from './group-discovery.types';
import {
  buildGroupSearchQuery,
  type GroupSearchFilter,
  type GroupSearchPageRequest,
  type GroupSearchRow,
} from './group-search.query';

/** What a search needs to know about the person searching. */
export interface Searcher {
  timeZone: string;
  locale: string;
  /** Local to `timeZone`. */
  availability: AvailabilityWindow[];
}

/** Reads for group discovery. */
@Injectable()
export class GroupSearchRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Read on every search by someone signed in: prepared, through the pool. */
  async findSearcher(userId: string): Promise<Searcher | null> {
    const rows = await preparedQuery<Searcher>(
      this.dataSource.manager,
      'groups-searcher',
      `SELECT time_zone AS "timeZone", locale, availability FROM identity_people WHERE id = $1 AND deleted_at IS NULL`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /**
   * Up to `limit + 1` public groups matching `filter` after `page.after`, in the filter's order, each with its
   * next scheduled meeting: one statement (see buildGroupSearchQuery), through the pool. Not prepared: its shape
   * varies with the filter, and a generic plan would ignore how selective each search's words are.
   */
  findPublicGroupsPage(filter: GroupSearchFilter, page: GroupSearchPageRequest): Promise<GroupSearchRow[]> {
    return poolQuery<GroupSearchRow>(this.dataSource, buildGroupSearchQuery(filter, page));
  }

  /**
   * Towns of public groups with a place whose name starts with `prefix` (any case), most groups first. A scan of
   * the public groups with a point: places are few and typing is debounced, so no index of its own.
   */
  findTownsStartingWith(prefix: string, limit: number): Promise<GroupTown[]> {
    const pattern = `${prefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.dataSource.query<GroupTown[]>(
      `SELECT min(g.city) AS city, g.country, avg(g.latitude)::float8 AS latitude, avg(g.longitude)::float8 AS longitude,
              count(*)::int AS groups
         FROM study_groups g
        WHERE g.visibility = 'public' AND g.latitude IS NOT NULL AND lower(g.city) LIKE $1
        GROUP BY lower(g.city), g.country
        ORDER BY count(*) DESC, min(g.city), g.country
        LIMIT $2`,
      [pattern, limit],
    );
  }
}
