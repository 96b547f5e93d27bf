/**
 * The views the peer-review library defines (migration PeerReviewNotifications) for the notifications library's
 * planners, composers and digest section: dates, states and people of submissions and reviews, never a body, a
 * score or a comment. Their columns are a promise: change a table under them, keep the view. Who may see whom
 * (anonymity) is the assignment's, read through the courses library; the notifications never name an anonymous
 * reviewer.
 */
export const PEER_REVIEW_READ_VIEWS = {
  /** (id, cohort_id, assignment_id, author_id, due_at, review_closes_at, created_at): one row per submission. */
  submissionWindows: 'peer_review_submission_windows',
  /**
   * (id, submission_id, cohort_id, assignment_id, reviewer_id, staff, lease_expires_at, submitted_at, removed_at,
   * created_at): every review, leased, submitted or expired; a removed one keeps its row (removed_at set).
   */
  reviewStates: 'peer_review_review_states',
  /** (cohort_id, assignment_id, released_at): a facilitator's release of an assignment's scores (null: not yet). */
  scoreReleases: 'peer_review_score_releases',
} as const;
