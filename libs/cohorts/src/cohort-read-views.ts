/**
 * The views the cohorts library defines (migration CohortReadViews) for the notifications library's digest and
 * reminder queries: projections of its tables, column names unchanged. Their columns are a promise: change a
 * table under them, keep the view. Anything else about cohorts is read through the exported services.
 */
export const COHORT_READ_VIEWS = {
  /** (cohort_id, user_id, role, status, status_changed_at): every enrollment, facilitators and withdrawals too. */
  enrollments: 'cohort_enrollments',
  /** (id, title, start_date, time_zone, deadline_mode): what a cohort's deadlines are computed from. */
  calendars: 'cohort_calendars',
  /** (cohort_id, module_id, title, position, release_offset_days, due_offset_days) */
  moduleDeadlines: 'cohort_module_deadlines',
  /** (cohort_id, user_id, module_id, extra_days) */
  deadlineExtensions: 'cohort_deadline_extensions',
  /** (cohort_id, user_id, module_id) */
  moduleCompletions: 'cohort_module_completions',
  /** (id, cohort_id, group_id, title, last_activity_at) */
  threads: 'cohort_threads',
  /** (id, thread_id, author_id, body, created_at, deleted_at): deleted posts keep their row, emptied. */
  posts: 'cohort_posts',
  /** (id, cohort_id, author_id, title, body, body_html, published_at): what announcement emails and digests show. */
  announcements: 'cohort_published_announcements',
  /** (cohort_id, course_version_id): the course version a cohort runs (migration PeerReviewReadViews). */
  courseVersions: 'cohort_course_versions',
  /** (cohort_id, user_id, completed_at): active learners who completed the cohort (migration BadgeRuleReadViews). */
  completions: 'cohort_completions',
} as const;
