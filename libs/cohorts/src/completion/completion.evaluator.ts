import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, Outbox } from '@app/core';
import { decideCompletion } from './completion-rules';
import { CohortEvent } from '../cohorts.events';

interface CountsRow {
  user_id: string;
  module_percent: number;
  attendance_percent: number;
  modules_total: number;
  modules_completed: number;
  in_group: boolean;
  meetings_held: number;
  meetings_attended: number;
}

/**
 * Decides who has completed a cohort, after whatever may have brought them there (a module completed, attendance
 * recorded, rules relaxed). Two statements whatever the number of learners: one reads everyone's counts, one
 * stamps `completed_at` for those newly meeting the rules. `completed_at IS NULL` in the UPDATE makes the stamp
 * (and its outbox event) happen once, even when two transactions race: the second waits on the row lock and
 * then finds it set.
 */
@Injectable()
export class CompletionEvaluator {
  constructor(
    private readonly clock: Clock,
    private readonly outbox: Outbox,
  ) {}

  /** `userIds` null: every active learner of the cohort. Returns those who completed just now. */
  async evaluate(manager: EntityManager, cohortId: string, userIds: string[] | null): Promise<string[]> {
    if (userIds !== null && userIds.length === 0) return [];
    const now = this.clock.now();
    const rows = await manager.query<CountsRow[]>(
      `WITH learners AS (
         SELECT m.user_id
           FROM cohort_members m
          WHERE m.cohort_id = $1 AND m.role = 'learner' AND m.status = 'active' AND m.completed_at IS NULL
            AND ($2::uuid[] IS NULL OR m.user_id = ANY($2::uuid[]))
       ),
       done AS (
         SELECT mc.user_id, count(*)::int AS n
           FROM module_completions mc
           JOIN cohort_modules cm ON cm.cohort_id = mc.cohort_id AND cm.module_id = mc.module_id
          WHERE mc.cohort_id = $1 AND mc.user_id IN (SELECT user_id FROM learners)
          GROUP BY mc.user_id
       ),
       placed AS (
         SELECT DISTINCT ON (gm.user_id) gm.user_id, gm.group_id
           FROM group_active_members gm
           JOIN cohort_groups cg ON cg.group_id = gm.group_id AND cg.cohort_id = $1
          WHERE gm.user_id IN (SELECT user_id FROM learners)
          ORDER BY gm.user_id, gm.group_id
       ),
       meetings_of AS (
         SELECT p.user_id,
                count(mt.meeting_id)::int AS held,
                count(a.meeting_id) FILTER (WHERE a.attended)::int AS attended
           FROM placed p
           JOIN group_meetings_held mt ON mt.group_id = p.group_id AND mt.starts_at <= $3
           LEFT JOIN group_meeting_attendance a ON a.meeting_id = mt.meeting_id AND a.user_id = p.user_id
          GROUP BY p.user_id
       )
       SELECT l.user_id,
              c.completion_module_percent AS module_percent,
              c.completion_attendance_percent AS attendance_percent,
              (SELECT count(*)::int FROM cohort_modules WHERE cohort_id = $1) AS modules_total,
              coalesce(d.n, 0) AS modules_completed,
              p.group_id IS NOT NULL AS in_group,
              coalesce(mo.held, 0) AS meetings_held,
              coalesce(mo.attended, 0) AS meetings_attended
         FROM learners l
         JOIN cohorts c ON c.id = $1
         LEFT JOIN done d ON d.user_id = l.user_id
         LEFT JOIN placed p ON p.user_id = l.user_id
         LEFT JOIN meetings_of mo ON mo.user_id = l.user_id`,
      [cohortId, userIds, now],
    );
    const meeting = rows
      .filter(
        (row) =>
          decideCompletion(
            { modulePercent: row.module_percent, attendancePercent: row.attendance_percent },
            {
              modulesCompleted: row.modules_completed,
              modulesTotal: row.modules_total,
              inGroup: row.in_group,
              meetingsHeld: row.meetings_held,
              meetingsAttended: row.meetings_attended,
            },
          ).complete,
      )
      .map((row) => row.user_id);
    if (meeting.length === 0) return [];
    // UPDATE answers [rows, rowCount] through TypeORM.
    const [stamped] = await manager.query<[{ user_id: string }[], number]>(
      `UPDATE cohort_members SET completed_at = $3
        WHERE cohort_id = $1 AND user_id = ANY($2::uuid[]) AND completed_at IS NULL
        RETURNING user_id`,
      [cohortId, meeting, now],
    );
    const completed = stamped.map((row) => row.user_id).sort();
    for (const userId of completed) {
      await this.outbox.record(manager, CohortEvent.CohortCompleted, cohortId, { cohortId, userId });
    }
    return completed;
  }
}
