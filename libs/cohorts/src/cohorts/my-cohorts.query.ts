import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, toPage, type Page } from '@app/core';
import type { DeadlineMode, EnrollmentMode } from './cohort.entity';
import type { CohortRole, EnrollmentStatus } from './cohort-member.entity';

/** One of a person's cohorts, with their own place in it (learner or facilitator, and its status). */
export interface MyCohort {
  cohortId: string;
  title: string;
  courseTitle: string;
  startDate: string;
  timeZone: string;
  enrollmentMode: EnrollmentMode;
  deadlineMode: DeadlineMode;
  role: CohortRole;
  status: EnrollmentStatus;
  requestedAt: Date;
  completedAt: Date | null;
}

/**
 * A person's own cohorts (run, followed, asked to join, left): the list a learner or a facilitator starts from.
 * Newest place first; one query per page.
 */
@Injectable()
export class MyCohortsQuery {
  constructor(private readonly dataSource: DataSource) {}

  async page(userId: string, limit: number, cursor?: string): Promise<Page<MyCohort>> {
    const params: unknown[] = [userId, limit + 1];
    let after = '';
    if (cursor) {
      const position = decodeCursor(cursor);
      params.push(position.after, position.id);
      after = 'AND (m.requested_at, m.cohort_id) < ($3::timestamptz, $4::uuid)';
    }
    const rows = await this.dataSource.query<(MyCohort & { cursorAt: string })[]>(
      `SELECT m.cohort_id AS "cohortId", c.title, COALESCE(v.title, '') AS "courseTitle",
              to_char(c.start_date, 'YYYY-MM-DD') AS "startDate", c.time_zone AS "timeZone",
              c.enrollment_mode AS "enrollmentMode", c.deadline_mode AS "deadlineMode",
              m.role, m.status, m.requested_at AS "requestedAt", m.requested_at::text AS "cursorAt",
              m.completed_at AS "completedAt"
         FROM cohort_members m
         JOIN cohorts c ON c.id = m.cohort_id
         LEFT JOIN published_course_versions v ON v.id = c.course_version_id
        WHERE m.user_id = $1 ${after}
        ORDER BY m.requested_at DESC, m.cohort_id DESC
        LIMIT $2`,
      params,
    );
    // The cursor keeps PostgreSQL's microseconds: a JS Date would round them and repeat or skip rows.
    const page = toPage(rows, limit, (r) => ({ after: r.cursorAt, id: r.cohortId }));
    return { items: page.items.map(({ cursorAt: _cursorAt, ...item }) => item), nextCursor: page.nextCursor };
  }
}
