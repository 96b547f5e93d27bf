import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@app/core';
import { CohortMember, CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import type { DeadlineMode, EnrollmentMode } from '../cohorts/cohort.entity';

/** The cohort facts enrollment decides on, read under the row lock. */
export interface LockedCohort {
  id: string;
  capacity: number;
  enrolledCount: number;
  enrollmentMode: EnrollmentMode;
  inviteCode: string;
}

/** A person's own place in a cohort. */
export interface EnrollmentRecord {
  cohortId: string;
  userId: string;
  role: CohortRole;
  status: EnrollmentStatus;
  requestedAt: Date;
  statusChangedAt: Date;
}

export interface PendingRequestRecord {
  userId: string;
  displayName: string;
  email: string;
  requestedAt: Date;
}

export interface RosterRecord {
  userId: string;
  displayName: string;
  email: string;
  status: EnrollmentStatus;
  requestedAt: Date;
  statusChangedAt: Date;
  groupingOptIn: boolean;
  /** The learner's study group in this cohort, if placed. */
  groupId: string | null;
}

/** What a person holding an invite code sees before enrolling: the cohort's public face, no secrets. */
export interface InvitationRecord {
  cohortId: string;
  title: string;
  description: string;
  courseVersionId: string;
  courseTitle: string;
  startDate: string;
  timeZone: string;
  enrollmentMode: EnrollmentMode;
  deadlineMode: DeadlineMode;
  capacity: number;
  enrolledCount: number;
  facilitators: { userId: string; displayName: string }[];
  /** The viewer's own place, if they have one. */
  ownRole: CohortRole | null;
  ownStatus: EnrollmentStatus | null;
}

const ENROLLMENT_COLUMNS = `cohort_id AS "cohortId", user_id AS "userId", role, status,
  requested_at AS "requestedAt", status_changed_at AS "statusChangedAt"`;

/**
 * Queries of enrollment. Every change to who is in a cohort happens while holding the cohort's row lock
 * (`lockCohort`), which serializes enrollments, approvals, withdrawals and facilitator changes of one cohort,
 * so `enrolled_count` stays equal to the active learners and never passes capacity.
 */
@Injectable()
export class EnrollmentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** SELECT ... FOR UPDATE: held until the caller's transaction ends. */
  async lockCohort(manager: EntityManager, cohortId: string): Promise<LockedCohort | null> {
    const rows = await manager.query<LockedCohort[]>(
      `SELECT id, capacity, enrolled_count AS "enrolledCount", enrollment_mode AS "enrollmentMode",
              invite_code AS "inviteCode"
         FROM cohorts WHERE id = $1 FOR UPDATE`,
      [cohortId],
    );
    return rows[0] ?? null;
  }

  findMember(manager: EntityManager, cohortId: string, userId: string): Promise<CohortMember | null> {
    return manager.findOne(CohortMember, { where: { cohortId, userId } });
  }

  async enrollment(manager: EntityManager, cohortId: string, userId: string): Promise<EnrollmentRecord | null> {
    const rows = await manager.query<EnrollmentRecord[]>(
      `SELECT ${ENROLLMENT_COLUMNS} FROM cohort_members WHERE cohort_id = $1 AND user_id = $2`,
      [cohortId, userId],
    );
    return rows[0] ?? null;
  }

  /**
   * Makes the person a learner with `status`, reusing their row after a withdrawal or decline. A pending request
   * takes its place in the approval queue: max(now, last request + 1 µs), so a stopped or coarse clock still
   * orders requests as the cohort's lock was taken.
   */
  async enrollLearner(
    manager: EntityManager,
    row: { cohortId: string; userId: string; status: EnrollmentStatus.Active | EnrollmentStatus.Pending; now: Date },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at)
       VALUES ($1, $2, 'learner', $3::varchar, CASE WHEN $3::varchar = 'pending' THEN GREATEST($4::timestamptz, (
                SELECT max(requested_at) + interval '1 microsecond' FROM cohort_members
                 WHERE cohort_id = $1 AND status = 'pending')) ELSE $4::timestamptz END,
               $4::timestamptz)
       ON CONFLICT (cohort_id, user_id) DO UPDATE
          SET role = 'learner', status = EXCLUDED.status, requested_at = EXCLUDED.requested_at, grouping_opt_in = false,
              status_changed_at = EXCLUDED.status_changed_at, move_requested_at = NULL, move_request_note = NULL`,
      [row.cohortId, row.userId, row.status, row.now],
    );
  }

  /** A learner's status changes (approved, declined, withdrew); a pending move request goes with it. */
  async setLearnerStatus(
    manager: EntityManager,
    cohortId: string,
    userId: string,
    status: EnrollmentStatus,
    now: Date,
  ): Promise<void> {
    await manager.query(
      `UPDATE cohort_members
          SET status = $3, status_changed_at = $4, move_requested_at = NULL, move_request_note = NULL
        WHERE cohort_id = $1 AND user_id = $2 AND role = 'learner'`,
      [cohortId, userId, status, now],
    );
  }

  /** Keeps `enrolled_count` in step with the active learners (the CHECK constraint refuses more than capacity). */
  async addToEnrolledCount(manager: EntityManager, cohortId: string, delta: number): Promise<void> {
    await manager.query('UPDATE cohorts SET enrolled_count = enrolled_count + $2 WHERE id = $1', [cohortId, delta]);
  }

  /** The ids of the cohort's study groups. */
  async cohortGroupIds(manager: EntityManager, cohortId: string): Promise<string[]> {
    const rows = await manager.query<{ group_id: string }[]>(
      'SELECT group_id FROM cohort_groups WHERE cohort_id = $1 ORDER BY group_id',
      [cohortId],
    );
    return rows.map((r) => r.group_id);
  }

  async countFacilitators(manager: EntityManager, cohortId: string): Promise<number> {
    return manager.count(CohortMember, {
      where: { cohortId, role: CohortRole.Facilitator, status: EnrollmentStatus.Active },
    });
  }

  /** True when the account exists and is not erased. */
  async userExists(manager: EntityManager, userId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>('SELECT 1 FROM identity_people WHERE id = $1 AND deleted_at IS NULL', [
      userId,
    ]);
    return rows.length > 0;
  }

  /** Makes the person a facilitator (new row, or their learner row converted); facilitators are never grouped. */
  async makeFacilitator(manager: EntityManager, cohortId: string, userId: string, now: Date): Promise<void> {
    await manager.query(
      `INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at)
       VALUES ($1, $2, 'facilitator', 'active', $3, $3)
       ON CONFLICT (cohort_id, user_id) DO UPDATE
          SET role = 'facilitator', status = 'active', status_changed_at = EXCLUDED.status_changed_at,
              grouping_opt_in = false, move_requested_at = NULL, move_request_note = NULL`,
      [cohortId, userId, now],
    );
  }

  /** A removed facilitator keeps their row as a withdrawn learner (history; they may enroll later). */
  async removeFacilitator(manager: EntityManager, cohortId: string, userId: string, now: Date): Promise<void> {
    await manager.query(
      `UPDATE cohort_members SET role = 'learner', status = 'withdrawn', status_changed_at = $3
        WHERE cohort_id = $1 AND user_id = $2 AND role = 'facilitator'`,
      [cohortId, userId, now],
    );
  }

  async replaceInviteCode(manager: EntityManager, cohortId: string, inviteCode: string, now: Date): Promise<void> {
    await manager.query('UPDATE cohorts SET invite_code = $2, updated_at = $3 WHERE id = $1', [
      cohortId,
      inviteCode,
      now,
    ]);
  }

  /** Pending requests, oldest first (the approval queue), one keyset page. */
  async pendingRequests(cohortId: string, limit: number, cursor?: string): Promise<Page<PendingRequestRecord>> {
    const params: unknown[] = [cohortId, limit + 1];
    let after = '';
    if (cursor) {
      const position = decodeCursor(cursor);
      params.push(position.after, position.id);
      after = 'AND (m.requested_at, m.user_id) > ($3::timestamptz, $4::uuid)';
    }
    const rows = await this.dataSource.query<(PendingRequestRecord & { cursorAt: string })[]>(
      `SELECT m.user_id AS "userId", u.display_name AS "displayName", u.email,
              m.requested_at AS "requestedAt", m.requested_at::text AS "cursorAt"
         FROM cohort_members m JOIN identity_people u ON u.id = m.user_id
        WHERE m.cohort_id = $1 AND m.role = 'learner' AND m.status = 'pending' ${after}
        ORDER BY m.requested_at, m.user_id
        LIMIT $2`,
      params,
    );
    // The cursor keeps PostgreSQL's microseconds: a JS Date would round them and repeat or skip rows.
    return withoutCursorAt(toPage(rows, limit, (r) => ({ after: r.cursorAt, id: r.userId })));
  }

  /** The cohort's learners (of one status, or all), in the order they asked to join, one keyset page. */
  async roster(
    cohortId: string,
    status: EnrollmentStatus | undefined,
    limit: number,
    cursor?: string,
  ): Promise<Page<RosterRecord>> {
    const params: unknown[] = [cohortId, limit + 1, status ?? null];
    let after = '';
    if (cursor) {
      const position = decodeCursor(cursor);
      params.push(position.after, position.id);
      after = 'AND (m.requested_at, m.user_id) > ($4::timestamptz, $5::uuid)';
    }
    const rows = await this.dataSource.query<(RosterRecord & { cursorAt: string })[]>(
      `SELECT m.user_id AS "userId", u.display_name AS "displayName", u.email, m.status,
              m.requested_at AS "requestedAt", m.status_changed_at AS "statusChangedAt",
              m.grouping_opt_in AS "groupingOptIn", grp.group_id AS "groupId", m.requested_at::text AS "cursorAt"
         FROM cohort_members m
         JOIN identity_people u ON u.id = m.user_id
         LEFT JOIN LATERAL (
           SELECT gm.group_id FROM group_active_members gm JOIN cohort_groups cg ON cg.group_id = gm.group_id
            WHERE cg.cohort_id = m.cohort_id AND gm.user_id = m.user_id
            LIMIT 1
         ) grp ON true
        WHERE m.cohort_id = $1 AND m.role = 'learner' AND ($3::varchar IS NULL OR m.status = $3) ${after}
        ORDER BY m.requested_at, m.user_id
        LIMIT $2`,
      params,
    );
    return withoutCursorAt(toPage(rows, limit, (r) => ({ after: r.cursorAt, id: r.userId })));
  }

  /** The cohort behind an invite code, as its holder sees it, with the holder's own place. */
  async invitation(inviteCode: string, viewerId: string): Promise<InvitationRecord | null> {
    const rows = await this.dataSource.query<InvitationRecord[]>(
      `SELECT c.id AS "cohortId", c.title, c.description, c.course_version_id AS "courseVersionId",
              v.title AS "courseTitle", c.start_date::text AS "startDate", c.time_zone AS "timeZone",
              c.enrollment_mode AS "enrollmentMode", c.deadline_mode AS "deadlineMode", c.capacity,
              c.enrolled_count AS "enrolledCount",
              (SELECT coalesce(json_agg(json_build_object('userId', f.user_id, 'displayName', fu.display_name)
                                        ORDER BY f.requested_at, f.user_id), '[]'::json)
                 FROM cohort_members f JOIN identity_people fu ON fu.id = f.user_id
                WHERE f.cohort_id = c.id AND f.role = 'facilitator') AS facilitators,
              own.role AS "ownRole", own.status AS "ownStatus"
         FROM cohorts c
         JOIN published_course_versions v ON v.id = c.course_version_id
         LEFT JOIN cohort_members own ON own.cohort_id = c.id AND own.user_id = $2
        WHERE c.invite_code = $1`,
      [inviteCode, viewerId],
    );
    return rows[0] ?? null;
  }
}

function withoutCursorAt<T extends { cursorAt: string }>(page: Page<T>): Page<Omit<T, 'cursorAt'>> {
  return { items: page.items.map(({ cursorAt: _, ...item }) => item), nextCursor: page.nextCursor };
}
