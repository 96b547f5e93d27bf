import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@app/core';
import type { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import type { EnrollmentMode } from '../cohorts/cohort.entity';

export interface CohortAccess {
  enrollmentMode: EnrollmentMode;
  role: CohortRole | null;
  status: EnrollmentStatus | null;
}

/** What an access decision needs about one cohort and one person, in one query. */
@Injectable()
export class CohortAccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(cohortId: string, userId: string): Promise<CohortAccess | null> {
    const rows = await preparedQuery<{ enrollment_mode: EnrollmentMode; role: CohortRole; status: EnrollmentStatus }>(
      this.dataSource.manager,
      'cohorts-access',
      `SELECT c.enrollment_mode, m.role, m.status
         FROM cohorts c
         LEFT JOIN cohort_members m ON m.cohort_id = c.id AND m.user_id = $2
        WHERE c.id = $1`,
      [cohortId, userId],
    );
    const row = rows[0];
    return row ? { enrollmentMode: row.enrollment_mode, role: row.role, status: row.status } : null;
  }

  /** True when the person is an active facilitator of the cohort the group belongs to. */
  async facilitatesGroup(groupId: string, userId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(
      `SELECT 1
         FROM cohort_groups g
         JOIN cohort_members m ON m.cohort_id = g.cohort_id AND m.user_id = $2
        WHERE g.group_id = $1 AND m.role = 'facilitator' AND m.status = 'active'`,
      [groupId, userId],
    );
    return rows.length > 0;
  }
}
