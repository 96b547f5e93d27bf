import { Injectable } from '@nestjs/common';
import { preparedQuery } from '@app/core';
import { DataSource, type EntityManager } from 'typeorm';
import type { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import type { DeadlineMode } from '../cohorts/cohort.entity';

export interface ProgressCohort {
  id: string;
  courseVersionId: string;
  startDate: string;
  timeZone: string;
  deadlineMode: DeadlineMode;
}

export interface ProgressMember {
  role: CohortRole;
  status: EnrollmentStatus;
  completedAt: Date | null;
}

/** One module on the calendar, with this learner's completion and extension. */
export interface ModuleFacts {
  moduleId: string;
  position: number;
  title: string;
  releaseOffsetDays: number;
  dueOffsetDays: number;
  completedAt: Date | null;
  extraDays: number;
}

/** Everything a learner's progress is computed from. */
export interface ProgressFacts {
  cohort: ProgressCohort;
  /** Null when the person has no place in the cohort (e.g. a platform admin looking). */
  member: ProgressMember | null;
  /** The learner's own zone: their deadlines in learner-local mode, and how their times are shown. */
  learnerZone: string;
  modules: ModuleFacts[];
}

/** A learner's calendar, completions and extensions: two queries whatever the number of modules. */
@Injectable()
export class ProgressRepository {
  constructor(private readonly dataSource: DataSource) {}

  async load(
    cohortId: string,
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ProgressFacts | null> {
    // One statement: the cohort's head row with the person's membership, and its modules as a JSON array.
    const heads = await preparedQuery<
      ProgressCohort & { role: CohortRole | null; status: EnrollmentStatus | null; completedAt: Date | null } & {
        learnerZone: string | null;
        modules: (Omit<ModuleFacts, 'completedAt'> & { completedAt: string | null })[];
      }
    >(
      manager,
      'cohorts-progress-facts',
      `SELECT c.id, c.course_version_id AS "courseVersionId", c.start_date::text AS "startDate", c.time_zone AS "timeZone", c.deadline_mode AS "deadlineMode",
              m.role, m.status, m.completed_at AS "completedAt", u.time_zone AS "learnerZone",
              (SELECT coalesce(json_agg(json_build_object(
                        'moduleId', cm.module_id, 'position', cm.position, 'title', cm.title,
                        'releaseOffsetDays', cm.release_offset_days, 'dueOffsetDays', cm.due_offset_days,
                        'completedAt', mc.completed_at, 'extraDays', coalesce(de.extra_days, 0)) ORDER BY cm.position),
                      '[]'::json)
                 FROM cohort_modules cm
                 LEFT JOIN module_completions mc
                        ON mc.cohort_id = cm.cohort_id AND mc.module_id = cm.module_id AND mc.user_id = $2
                 LEFT JOIN deadline_extensions de
                        ON de.cohort_id = cm.cohort_id AND de.module_id = cm.module_id AND de.user_id = $2
                WHERE cm.cohort_id = c.id) AS modules
         FROM cohorts c
         LEFT JOIN cohort_members m ON m.cohort_id = c.id AND m.user_id = $2
         LEFT JOIN identity_people u ON u.id = $2
        WHERE c.id = $1`,
      [cohortId, userId],
    );
    const head = heads[0];
    if (!head) return null;
    const modules: ModuleFacts[] = head.modules.map((m) => ({
      ...m,
      completedAt: m.completedAt === null ? null : new Date(m.completedAt),
    }));
    return {
      cohort: {
        id: head.id,
        courseVersionId: head.courseVersionId,
        startDate: head.startDate,
        timeZone: head.timeZone,
        deadlineMode: head.deadlineMode,
      },
      member: head.role && head.status ? { role: head.role, status: head.status, completedAt: head.completedAt } : null,
      learnerZone: head.learnerZone ?? head.timeZone,
      modules,
    };
  }
}
