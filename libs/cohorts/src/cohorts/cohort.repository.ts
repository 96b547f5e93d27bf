import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ScheduledModule } from '../schedule/scheduled-module.entity';
import { Cohort } from './cohort.entity';
import type { CohortRole, EnrollmentStatus } from './cohort-member.entity';

export interface CohortFacilitator {
  userId: string;
  displayName: string;
}

export interface OwnEnrollment {
  role: CohortRole;
  status: EnrollmentStatus;
  completedAt: Date | null;
}

/** Whose clock a response is rendered for: the person's profile zone and language. */
export interface PersonClock {
  timeZone: string;
  locale: string;
}

/** Reads and locks of cohorts and their calendars. */
@Injectable()
export class CohortRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(cohortId: string, manager: EntityManager = this.dataSource.manager): Promise<Cohort | null> {
    return manager.findOne(Cohort, { where: { id: cohortId } });
  }

  /** The cohort row, locked until the transaction ends: capacity and dates change against a stable count. */
  lock(manager: EntityManager, cohortId: string): Promise<Cohort | null> {
    return manager.findOne(Cohort, { where: { id: cohortId }, lock: { mode: 'pessimistic_write' } });
  }

  /** The cohort's calendar in course order. */
  modules(cohortId: string, manager: EntityManager = this.dataSource.manager): Promise<ScheduledModule[]> {
    return manager.find(ScheduledModule, { where: { cohortId }, order: { position: 'ASC' } });
  }

  /** Which of `userIds` are accounts that exist and are not deleted, in one query. */
  async existingUsersAmong(manager: EntityManager, userIds: readonly string[]): Promise<Set<string>> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT id FROM identity_people WHERE id = ANY($1::uuid[]) AND deleted_at IS NULL`,
      [userIds],
    );
    return new Set(rows.map((row) => row.id));
  }

  /** The course version's title and number, for the cohort's face. */
  async versionLabel(versionId: string): Promise<{ title: string; number: number } | null> {
    const rows = await this.dataSource.query<{ title: string; number: number }[]>(
      `SELECT title, number FROM published_course_versions WHERE id = $1`,
      [versionId],
    );
    return rows[0] ?? null;
  }

  /** Active facilitators, the creator first. */
  facilitators(cohortId: string): Promise<CohortFacilitator[]> {
    return this.dataSource.query<CohortFacilitator[]>(
      `SELECT m.user_id AS "userId", u.display_name AS "displayName"
         FROM cohort_members m
         JOIN identity_people u ON u.id = m.user_id
         JOIN cohorts c ON c.id = m.cohort_id
        WHERE m.cohort_id = $1 AND m.role = 'facilitator' AND m.status = 'active'
        ORDER BY m.user_id = c.created_by DESC, m.requested_at, u.display_name, m.user_id`,
      [cohortId],
    );
  }

  async ownEnrollment(cohortId: string, userId: string): Promise<OwnEnrollment | null> {
    const rows = await this.dataSource.query<OwnEnrollment[]>(
      `SELECT role, status, completed_at AS "completedAt"
         FROM cohort_members WHERE cohort_id = $1 AND user_id = $2`,
      [cohortId, userId],
    );
    return rows[0] ?? null;
  }

  async personClock(userId: string, manager: EntityManager = this.dataSource.manager): Promise<PersonClock> {
    const rows = await manager.query<PersonClock[]>(
      `SELECT time_zone AS "timeZone", locale FROM identity_people WHERE id = $1`,
      [userId],
    );
    return rows[0] ?? { timeZone: 'UTC', locale: 'en' };
  }
}
