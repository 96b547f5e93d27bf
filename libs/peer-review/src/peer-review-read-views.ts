/**
 * The views the peer-review library defines for other libraries' SQL: the notifications library's planners,
 * composers and digest section (migration PeerReviewNotifications: dates, states and people of submissions and
 * reviews, never a body, a score or a comment; who may see whom is the assignment's, read through the courses
 * library, and the notifications never name an anonymous reviewer), and the facilitator dashboard's peer-review
 * columns (migration PeerReviewReadViews). Their columns are a promise: change a table under them, keep the view.
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
  /** (cohort_id, assignment_id, module_id, reviews_per_submission, reviews_per_learner): k and m per assignment. */
  assignmentRules: 'peer_review_assignment_rules',
  /**
   * (cohort_id, assignment_id, user_id, submission_id, latest_version, due_at, review_closes_at, reviews_given,
   * reviews_received): one row per submission, from its author's side.
   */
  learnerAssignments: 'peer_review_learner_assignments',
  /**
   * (cohort_id, reviewer_id, reviews_given, rated, mean_helpfulness): per cohort and reviewer, the reviews that
   * count (submitted, not removed) and the mean helpfulness (1-5, null before any rating) of those rated (migration
   * BadgeRuleReadViews).
   */
  reviewerHelpfulness: 'peer_review_reviewer_helpfulness',
} as const;
