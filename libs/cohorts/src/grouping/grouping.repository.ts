import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { GroupRostersQuery, type PlacedGroup } from '@app/groups';
import type { AvailabilityWindow } from '@app/identity';
import type { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import type { CohortGroupRecord } from './group-explanation';

/** What grouping needs of a cohort. */
export interface GroupingCohort {
  id: string;
  title: string;
  timeZone: string;
  startDate: string;
  courseVersionId: string;
  groupMinSize: number | null;
  groupMaxSize: number | null;
  groupsFormedAt: Date | null;
  createdBy: string;
}

/** A learner as the grouping sees them: zone, weekly availability, languages (and locale as the fallback). */
export interface LearnerForGrouping {
  userId: string;
  timeZone: string;
  availability: AvailabilityWindow[];
  languages: string[];
  locale: string;
}

export interface GroupingMembership extends LearnerForGrouping {
  role: CohortRole;
  status: EnrollmentStatus;
  groupingOptIn: boolean;
  moveRequestedAt: Date | null;
  /** The cohort group the person is in, if any. */
  groupId: string | null;
}

/** A study group to create for a cohort, with its number in the cohort and its first members. */
export interface NewCohortGroup extends PlacedGroup {
  number: number;
}

export interface UnplacedLearnerRecord {
  userId: string;
  displayName: string;
  timeZone: string;
  languages: string[];
}

export interface MoveRequestRecord {
  userId: string;
  displayName: string;
  groupId: string | null;
  requestedAt: Date;
  note: string | null;
}

const COHORT_COLUMNS = `id, title, time_zone AS "timeZone", to_char(start_date, 'YYYY-MM-DD') AS "startDate",
  course_version_id AS "courseVersionId", group_min_size AS "groupMinSize", group_max_size AS "groupMaxSize",
  groups_formed_at AS "groupsFormedAt", created_by AS "createdBy"`;

/** The cohort group a learner is in (a learner is in at most one: every writer holds the cohort's lock). */
const GROUP_OF = `(SELECT gm.group_id FROM group_active_members gm JOIN cohort_groups cg ON cg.group_id = gm.group_id
   WHERE cg.cohort_id = m.cohort_id AND gm.user_id = m.user_id LIMIT 1)`;

/** Queries of the cohort grouping. Writers lock the cohort row first, so placements never race each other. */
@Injectable()
export class GroupingRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rosters: GroupRostersQuery,
  ) {}

  async lockCohort(manager: EntityManager, cohortId: string, mode: 'update' | 'share'): Promise<GroupingCohort | null> {
    const rows = await manager.query<GroupingCohort[]>(
      `SELECT ${COHORT_COLUMNS} FROM cohorts WHERE id = $1 FOR ${mode === 'update' ? 'UPDATE' : 'SHARE'}`,
      [cohortId],
    );
    return rows[0] ?? null;
  }

  async findCohort(cohortId: string): Promise<GroupingCohort | null> {
    const rows = await this.dataSource.query<GroupingCohort[]>(`SELECT ${COHORT_COLUMNS} FROM cohorts WHERE id = $1`, [
      cohortId,
    ]);
    return rows[0] ?? null;
  }

  /** Active learners who opted in and are in none of the cohort's groups, in enrollment order. */
  findUngroupedOptedIn(manager: EntityManager, cohortId: string): Promise<LearnerForGrouping[]> {
    return manager.query<LearnerForGrouping[]>(
      `SELECT u.id AS "userId", u.time_zone AS "timeZone", u.availability, u.languages, u.locale
         FROM cohort_members m JOIN identity_people u ON u.id = m.user_id
        WHERE m.cohort_id = $1 AND m.role = 'learner' AND m.status = 'active' AND m.grouping_opt_in
          AND ${GROUP_OF} IS NULL
        ORDER BY m.requested_at, m.user_id`,
      [cohortId],
    );
  }

  /**
   * A person's enrollment with what grouping needs. With `lock`, the enrollment row is locked first, in its own
   * statement, so the group read after it is the one as of the lock (not of a snapshot taken before waiting).
   */
  async findMembership(
    manager: EntityManager,
    cohortId: string,
    userId: string,
    lock = false,
  ): Promise<GroupingMembership | null> {
    if (lock) {
      await manager.query(`SELECT 1 FROM cohort_members WHERE cohort_id = $1 AND user_id = $2 FOR UPDATE`, [
        cohortId,
        userId,
      ]);
    }
    const rows = await manager.query<GroupingMembership[]>(
      `SELECT m.role, m.status, m.grouping_opt_in AS "groupingOptIn", m.move_requested_at AS "moveRequestedAt",
              u.id AS "userId", u.time_zone AS "timeZone", u.availability, u.languages, u.locale,
              ${GROUP_OF} AS "groupId"
         FROM cohort_members m JOIN identity_people u ON u.id = m.user_id
        WHERE m.cohort_id = $1 AND m.user_id = $2`,
      [cohortId, userId],
    );
    return rows[0] ?? null;
  }

  /**
   * The cohort's groups (or one of them) with their active members, in group order: the cohort's numbering, then
   * the rosters from the groups library, two queries whatever the number of groups.
   */
  async findGroups(
    cohortId: string,
    options: { groupId?: string; manager?: EntityManager } = {},
  ): Promise<CohortGroupRecord[]> {
    const manager = options.manager ?? this.dataSource.manager;
    const numbered = await manager.query<{ groupId: string; number: number }[]>(
      `SELECT group_id AS "groupId", number FROM cohort_groups
        WHERE cohort_id = $1 AND ($2::uuid IS NULL OR group_id = $2) ORDER BY number`,
      [cohortId, options.groupId ?? null],
    );
    const rosters = new Map(
      (
        await this.rosters.activeRosters(
          numbered.map((g) => g.groupId),
          options.manager,
        )
      ).map((r) => [r.groupId, r]),
    );
    return numbered.flatMap(({ groupId, number }) => {
      const roster = rosters.get(groupId);
      return roster ? [{ ...roster, number }] : [];
    });
  }

  async isCohortGroup(manager: EntityManager, cohortId: string, groupId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM cohort_groups WHERE group_id = $1 AND cohort_id = $2`, [
      groupId,
      cohortId,
    ]);
    return rows.length > 0;
  }

  async lastGroupNumber(manager: EntityManager, cohortId: string): Promise<number> {
    const rows = await manager.query<{ n: number }[]>(
      `SELECT COALESCE(max(number), 0)::int AS n FROM cohort_groups WHERE cohort_id = $1`,
      [cohortId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Links new study groups to the cohort, numbered, in one statement whatever their number. */
  async linkGroups(
    manager: EntityManager,
    cohortId: string,
    groups: readonly { id: string; number: number }[],
    now: Date,
  ): Promise<void> {
    if (groups.length === 0) return;
    await manager.query(
      `INSERT INTO cohort_groups (group_id, cohort_id, number, formed_at)
       SELECT t.group_id, $3, t.number, $4 FROM unnest($1::uuid[], $2::int[]) AS t(group_id, number)`,
      [groups.map((g) => g.id), groups.map((g) => g.number), cohortId, now],
    );
  }

  /** The ids of the cohort's study groups, in group order. */
  async groupIds(manager: EntityManager, cohortId: string): Promise<string[]> {
    const rows = await manager.query<{ group_id: string }[]>(
      `SELECT group_id FROM cohort_groups WHERE cohort_id = $1 ORDER BY number`,
      [cohortId],
    );
    return rows.map((r) => r.group_id);
  }

  /** Keeps the sizes of this run for late enrollers and moves, and stamps the first run. */
  async recordFormation(
    manager: EntityManager,
    cohortId: string,
    sizes: { minSize: number; maxSize: number },
    now: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE cohorts SET group_min_size = $2, group_max_size = $3, groups_formed_at = COALESCE(groups_formed_at, $4)
        WHERE id = $1`,
      [cohortId, sizes.minSize, sizes.maxSize, now],
    );
  }

  async setOptIn(manager: EntityManager, cohortId: string, userId: string, optIn: boolean): Promise<void> {
    await manager.query(`UPDATE cohort_members SET grouping_opt_in = $3 WHERE cohort_id = $1 AND user_id = $2`, [
      cohortId,
      userId,
      optIn,
    ]);
  }

  async setMoveRequest(
    manager: EntityManager,
    cohortId: string,
    userId: string,
    request: { at: Date; note: string | null } | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE cohort_members SET move_requested_at = $3, move_request_note = $4 WHERE cohort_id = $1 AND user_id = $2`,
      [cohortId, userId, request?.at ?? null, request?.note ?? null],
    );
  }

  /** Active learners who opted in and have no group yet: the facilitator's "still to place" list. */
  findUnplaced(cohortId: string): Promise<UnplacedLearnerRecord[]> {
    return this.dataSource.query<UnplacedLearnerRecord[]>(
      `SELECT u.id AS "userId", u.display_name AS "displayName", u.time_zone AS "timeZone", u.languages
         FROM cohort_members m JOIN identity_people u ON u.id = m.user_id
        WHERE m.cohort_id = $1 AND m.role = 'learner' AND m.status = 'active' AND m.grouping_opt_in
          AND ${GROUP_OF} IS NULL
        ORDER BY m.requested_at, m.user_id`,
      [cohortId],
    );
  }

  /** Pending move requests of active learners, oldest first, with the group each is in now. */
  findMoveRequests(cohortId: string): Promise<MoveRequestRecord[]> {
    return this.dataSource.query<MoveRequestRecord[]>(
      `SELECT u.id AS "userId", u.display_name AS "displayName", ${GROUP_OF} AS "groupId",
              m.move_requested_at AS "requestedAt", m.move_request_note AS note
         FROM cohort_members m JOIN identity_people u ON u.id = m.user_id
        WHERE m.cohort_id = $1 AND m.role = 'learner' AND m.status = 'active' AND m.move_requested_at IS NOT NULL
        ORDER BY m.move_requested_at, m.user_id`,
      [cohortId],
    );
  }
}
