import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import type { DeadlineMode } from '../cohorts/cohort.entity';
import { DashboardColumnRegistry } from './dashboard-column.registry';
import { DASHBOARD_COLUMNS, type DashboardColumn } from './dashboard-columns';
import type { DashboardCohort, DashboardModule, LearnerFacts } from './dashboard.types';

/**
 * Instants come as milliseconds since the epoch and lists as JSON: for 1,000 learners, pg's parsers of timestamps
 * and of PostgreSQL arrays (JavaScript, character by character) cost more of the API's CPU than anything but the
 * response's JSON; `new Date(ms)` and JSON.parse (native) cost a fraction of that.
 */
interface LearnerRow {
  user_id: string;
  display_name: string;
  email: string | null;
  time_zone: string;
  enrolled_ms: number;
  last_active_ms: number | null;
  completed_ms: number | null;
  group_id: string | null;
  group_number: number | null;
  module_ids: string[] | null;
  extensions: Record<string, number> | null;
  counts: number[];
}

const epochMs = (column: string): string => `date_part('epoch', ${column}) * 1000`;
const dateOf = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/**
 * Every active learner of a cohort with everything the dashboard shows, in one statement whatever the cohort's
 * size: each source is a CTE that reads the cohort's rows once (by index on the cohort or its groups) and groups
 * them by person, and the learners are LEFT JOINed to them. Columns are values of one array, in column order.
 */
export function dashboardLearnersSql(columns: readonly DashboardColumn[]): string {
  return `
  WITH learners AS (
    SELECT m.user_id, m.status_changed_at, m.last_active_at, m.completed_at
      FROM cohort_members m
     WHERE m.cohort_id = $1 AND m.role = '${CohortRole.Learner}' AND m.status = '${EnrollmentStatus.Active}'
  ),
  placement AS (
    SELECT DISTINCT ON (gm.user_id) gm.user_id, cg.group_id, cg.number AS group_number
      FROM cohort_groups cg
      JOIN group_active_members gm ON gm.group_id = cg.group_id
     WHERE cg.cohort_id = $1
     ORDER BY gm.user_id, cg.number
  ),
  completions AS (
    SELECT user_id, jsonb_agg(module_id) AS module_ids
      FROM module_completions
     WHERE cohort_id = $1
     GROUP BY user_id
  ),
  extensions AS (
    SELECT user_id, jsonb_object_agg(module_id, extra_days) AS extensions
      FROM deadline_extensions
     WHERE cohort_id = $1
     GROUP BY user_id
  )${columns.map((column, i) => `,\n  column_${i} AS (${column.sql})`).join('')}
  SELECT l.user_id, u.display_name, u.email, u.time_zone,
         ${epochMs('l.status_changed_at')} AS enrolled_ms, ${epochMs('l.last_active_at')} AS last_active_ms,
         ${epochMs('l.completed_at')} AS completed_ms,
         p.group_id, p.group_number, c.module_ids, e.extensions,
         jsonb_build_array(${columns.map((_, i) => `COALESCE(column_${i}.value, 0)::int`).join(', ')}) AS counts
    FROM learners l
    JOIN identity_people u ON u.id = l.user_id
    LEFT JOIN placement p ON p.user_id = l.user_id
    LEFT JOIN completions c ON c.user_id = l.user_id
    LEFT JOIN extensions e ON e.user_id = l.user_id${columns
      .map((_, i) => `\n    LEFT JOIN column_${i} ON column_${i}.user_id = l.user_id`)
      .join('')}`;
}

/** The statement with the cohorts library's own columns only (what bench/dashboard measures as its floor). */
export const DASHBOARD_LEARNERS_SQL = dashboardLearnersSql(DASHBOARD_COLUMNS);

/** The dashboard's reads: the cohort with its calendar, then all its learners. Two statements in all. */
@Injectable()
export class DashboardRepository {
  /** The statement for the registry's columns, built once per column set (columns are registered at boot). */
  private statement: { columns: readonly DashboardColumn[]; sql: string } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: DashboardColumnRegistry,
  ) {}

  async findCohort(cohortId: string): Promise<DashboardCohort | null> {
    const rows = await this.dataSource.query<
      {
        id: string;
        title: string;
        start_date: string;
        time_zone: string;
        deadline_mode: DeadlineMode;
        modules: DashboardModule[];
      }[]
    >(
      `SELECT c.id, c.title, c.start_date::text AS start_date, c.time_zone, c.deadline_mode,
              COALESCE(jsonb_agg(jsonb_build_object(
                'moduleId', m.module_id, 'position', m.position, 'title', m.title,
                'releaseOffsetDays', m.release_offset_days, 'dueOffsetDays', m.due_offset_days
              ) ORDER BY m.position) FILTER (WHERE m.module_id IS NOT NULL), '[]') AS modules
         FROM cohorts c
         LEFT JOIN cohort_modules m ON m.cohort_id = c.id
        WHERE c.id = $1
        GROUP BY c.id`,
      [cohortId],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          title: row.title,
          startDate: row.start_date,
          timeZone: row.time_zone,
          deadlineMode: row.deadline_mode,
          modules: row.modules,
        }
      : null;
  }

  async findLearners(cohortId: string, now: Date): Promise<LearnerFacts[]> {
    const columns = this.registry.sqlColumns();
    if (this.statement?.columns !== columns) this.statement = { columns, sql: dashboardLearnersSql(columns) };
    const rows = await this.dataSource.query<LearnerRow[]>(this.statement.sql, [cohortId, now]);
    return rows.map((row) => ({
      userId: row.user_id,
      displayName: row.display_name,
      email: row.email,
      timeZone: row.time_zone,
      enrolledAt: new Date(row.enrolled_ms),
      lastActiveAt: dateOf(row.last_active_ms),
      completedAt: dateOf(row.completed_ms),
      group: row.group_id === null ? null : { id: row.group_id, number: Number(row.group_number) },
      completedModuleIds: row.module_ids ?? [],
      extensions: row.extensions ?? {},
      counts: countsOf(columns, row.counts),
    }));
  }
}

function countsOf(columns: readonly DashboardColumn[], values: number[]): Record<string, number | null> {
  const counts: Record<string, number | null> = {};
  columns.forEach((column, i) => (counts[column.key] = values[i] ?? 0));
  return counts;
}
