import type { AtRiskFlag } from './at-risk-flag';

/**
 * The dashboard's counted metrics, as a list of column sources. Each is one set query over the whole cohort
 * (a CTE of the dashboard's single learner query), never one query per learner. The cohorts library's own columns
 * are listed below; a library above it (peer review: submissions made, reviews given and required...) contributes
 * its columns through the DashboardColumnRegistry, each with its optional at-risk rule, and its SQL reads that
 * library's read views.
 */
export interface DashboardColumn<K extends string = string> {
  /** The metric's name in the JSON row (`metrics.<key>`), in `?sort=` and in the CSV layout. */
  readonly key: K;
  /** The CSV header. */
  readonly header: string;
  /**
   * A SELECT of `user_id` and an integer `value`, at most one row per person; a learner without a row gets 0.
   * Parameters: `$1` the cohort id, `$2` now. The CTEs `learners` (user_id: the cohort's active learners) and
   * `placement` (user_id, group_id, group_number: each learner's cohort group) are in scope. Keep it on indexes
   * keyed by the cohort or its groups: it runs once for all learners.
   */
  readonly sql: string;
  /** Raises `flag` for a learner when `when` holds of their metrics (all of them: "given < required" works). */
  readonly atRisk?: AtRiskRule;
}

export interface AtRiskRule {
  readonly flag: AtRiskFlag;
  /** Metrics of computed columns are null for a learner without a value. */
  readonly when: (metrics: Readonly<Record<string, number | null>>) => boolean;
}

/**
 * A metric that no SQL can give (a score fitted by a model in TypeScript): computed for the whole cohort at once,
 * once per dashboard, never once per learner. A learner missing from the map has no value (null; empty in the CSV).
 */
export interface ComputedDashboardColumn {
  readonly key: string;
  readonly header: string;
  readonly compute: (cohortId: string, now: Date) => Promise<ReadonlyMap<string, number>>;
  readonly atRisk?: AtRiskRule;
}

/** A column a library above cohorts contributes: a CTE of the learner statement, or a cohort-wide computation. */
export type ContributedDashboardColumn = DashboardColumn | ComputedDashboardColumn;

export const isSqlColumn = (column: ContributedDashboardColumn): column is DashboardColumn => 'sql' in column;

/** Meetings held so far count once they have started (and were not cancelled). */
export const DASHBOARD_COLUMNS = [
  {
    key: 'meetingsAttended',
    header: 'Meetings attended',
    // Any of the cohort's groups, not only the current one: a learner moved between groups keeps what they attended.
    sql: `SELECT a.user_id, count(*) AS value
            FROM cohort_groups cg
            JOIN group_meetings_held mt ON mt.group_id = cg.group_id
            JOIN group_meeting_attendance a ON a.meeting_id = mt.meeting_id AND a.attended
           WHERE cg.cohort_id = $1
           GROUP BY a.user_id`,
  },
  {
    key: 'meetingsHeld',
    header: 'Meetings held (their group)',
    sql: `SELECT p.user_id, count(*) AS value
            FROM placement p
            JOIN group_meetings_held mt ON mt.group_id = p.group_id AND mt.starts_at <= $2
           GROUP BY p.user_id`,
  },
  {
    key: 'posts',
    header: 'Posts',
    sql: `SELECT author_id AS user_id, count(*) AS value
            FROM discussion_posts
           WHERE cohort_id = $1 AND deleted_at IS NULL
           GROUP BY author_id`,
  },
] as const satisfies readonly DashboardColumn[];

export type ColumnKey = (typeof DASHBOARD_COLUMNS)[number]['key'];
