import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AtRiskFlag, DashboardColumnRegistry, type ContributedDashboardColumn } from '@app/cohorts';
import { ScoresService } from '../scoring/scores.service';
import { ScoringRepository } from '../scoring/scoring.repository';

/** The metric keys peer review adds to the facilitator dashboard (JSON `metrics.<key>`, `?sort=`). */
export const PEER_REVIEW_DASHBOARD_KEYS = [
  'submissionsMade',
  'reviewsGiven',
  'reviewsRequired',
  'reviewsReceived',
  'reviewsMissed',
  'averageScore',
] as const;
export type PeerReviewDashboardKey = (typeof PEER_REVIEW_DASHBOARD_KEYS)[number];

/**
 * Peer review's columns on the cohorts library's facilitator dashboard. The SQL ones are CTEs of the dashboard's
 * single learner statement ($1 the cohort, $2 now) and read peer review's read views (PEER_REVIEW_READ_VIEWS), never
 * its tables. Reviewing needs one's own submission, so reviews are required of a learner for each assignment they
 * submitted to once its review window opened (their due date): m each. The average score is computed, not counted:
 * the reviewer model is fitted in TypeScript, once per assignment of the cohort.
 */
const COLUMNS: readonly (ContributedDashboardColumn & { key: PeerReviewDashboardKey })[] = [
  {
    key: 'submissionsMade',
    header: 'Submissions made',
    sql: `SELECT user_id, count(*) AS value FROM peer_review_learner_assignments WHERE cohort_id = $1 GROUP BY user_id`,
  },
  {
    key: 'reviewsGiven',
    header: 'Reviews given',
    sql: `SELECT user_id, sum(reviews_given) AS value
            FROM peer_review_learner_assignments WHERE cohort_id = $1 GROUP BY user_id`,
  },
  {
    key: 'reviewsRequired',
    header: 'Reviews required',
    sql: `SELECT la.user_id, sum(ar.reviews_per_learner) AS value
            FROM peer_review_learner_assignments la
            JOIN peer_review_assignment_rules ar
              ON ar.cohort_id = la.cohort_id AND ar.assignment_id = la.assignment_id
           WHERE la.cohort_id = $1 AND la.due_at <= $2
           GROUP BY la.user_id`,
  },
  {
    key: 'reviewsReceived',
    header: 'Reviews received',
    sql: `SELECT user_id, sum(reviews_received) AS value
            FROM peer_review_learner_assignments WHERE cohort_id = $1 GROUP BY user_id`,
  },
  {
    key: 'reviewsMissed',
    header: 'Reviews missed (closed windows)',
    sql: `SELECT la.user_id, sum(GREATEST(ar.reviews_per_learner - la.reviews_given, 0)) AS value
            FROM peer_review_learner_assignments la
            JOIN peer_review_assignment_rules ar
              ON ar.cohort_id = la.cohort_id AND ar.assignment_id = la.assignment_id
           WHERE la.cohort_id = $1 AND la.review_closes_at <= $2
           GROUP BY la.user_id`,
    atRisk: { flag: AtRiskFlag.ReviewsOwed, when: (metrics) => (metrics.reviewsMissed ?? 0) > 0 },
  },
];

@Injectable()
export class PeerReviewDashboardColumns implements OnModuleInit {
  constructor(
    private readonly registry: DashboardColumnRegistry,
    private readonly scores: ScoresService,
    private readonly scoring: ScoringRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(...COLUMNS, {
      key: 'averageScore' satisfies PeerReviewDashboardKey,
      header: 'Average score (%)',
      compute: (cohortId) => this.averageScores(cohortId),
    });
  }

  /**
   * Each learner's mean score, out of 100 and rounded, over the assignments where their submission has one (an
   * override, else the aggregate by the assignment's method): what facilitators see in each assignment's `scores`.
   */
  async averageScores(cohortId: string): Promise<Map<string, number>> {
    const assignments = await this.scoring.assignmentsWithSubmissions(cohortId);
    const totals = new Map<string, number[]>();
    for (const assignmentId of assignments) {
      for (const score of await this.scores.allForFacilitators(cohortId, assignmentId)) {
        if (score.total === null) continue;
        totals.set(score.author.id, [...(totals.get(score.author.id) ?? []), score.total]);
      }
    }
    const averages = new Map<string, number>();
    for (const [userId, list] of totals)
      averages.set(userId, Math.round(list.reduce((a, b) => a + b, 0) / list.length));
    return averages;
  }
}
