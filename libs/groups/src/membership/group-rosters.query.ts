import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { AvailabilityWindow } from '@app/identity';

/** An active member as an organizer placing people sees them: who, where, and when they are free. */
export interface RosterMember {
  userId: string;
  displayName: string;
  timeZone: string;
  availability: AvailabilityWindow[];
}

/** A group's seats and its active members (facilitators included), by display name. */
export interface GroupRoster {
  groupId: string;
  name: string;
  language: string;
  timeZone: string;
  memberCount: number;
  capacity: number;
  members: RosterMember[];
}

/** Rosters of several groups at once, for the libraries that place people in groups (cohorts). */
@Injectable()
export class GroupRostersQuery {
  constructor(private readonly dataSource: DataSource) {}

  /** The rosters of `groupIds` (unknown ids left out), in no particular order: one query. */
  async activeRosters(groupIds: readonly string[], manager?: EntityManager): Promise<GroupRoster[]> {
    if (groupIds.length === 0) return [];
    return (manager ?? this.dataSource.manager).query<GroupRoster[]>(
      `SELECT g.id AS "groupId", g.name, g.language, g.time_zone AS "timeZone",
              g.member_count AS "memberCount", g.capacity,
              COALESCE(json_agg(json_build_object('userId', u.id, 'displayName', u.display_name,
                         'timeZone', u.time_zone, 'availability', u.availability)
                       ORDER BY u.display_name, u.id) FILTER (WHERE u.id IS NOT NULL), '[]') AS members
         FROM study_groups g
         LEFT JOIN group_members gm ON gm.group_id = g.id AND gm.status = 'active'
         LEFT JOIN identity_people u ON u.id = gm.user_id
        WHERE g.id = ANY($1::uuid[])
        GROUP BY g.id`,
      [[...groupIds]],
    );
  }
}
