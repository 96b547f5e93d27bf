import type { AtRiskFlag } from './at-risk-flag';

/**
 * The dashboard's counted metrics, as a list of column sources. Each is one set query over the whole cohort
 * (a CTE of the dashboard's single learner query), never one query per learner. Peer review adds its columns
 * ("submissions made", "reviews given", "reviews required") as entries here, each with its optional at-risk rule.
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
  readonly atRisk?: {
    readonly flag: AtRiskFlag;
    readonly when: (metrics: Readonly<Record<string, number>>) => boolean;
  };
}

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
