/**
 * The views the peer-review library defines (migration PeerReviewReadViews) for SQL that runs in another library's
 * statement: the facilitator dashboard's peer-review columns. Their columns are a promise: change a table under
 * them, keep the view.
 */
export const PEER_REVIEW_READ_VIEWS = {
  /** (cohort_id, assignment_id, module_id, reviews_per_submission, reviews_per_learner): k and m per assignment. */
  assignmentRules: 'peer_review_assignment_rules',
  /**
   * (cohort_id, assignment_id, user_id, submission_id, latest_version, due_at, review_closes_at, reviews_given,
   * reviews_received): one row per submission, from its author's side.
   */
  learnerAssignments: 'peer_review_learner_assignments',
} as const;
