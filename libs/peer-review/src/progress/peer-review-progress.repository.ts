import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One learner's submission to one assignment, with their part in its reviewing. */
export interface LearnerSubmissionRecord {
  assignmentId: string;
  submissionId: string;
  latestVersion: number;
  /** The latest version came after their due date. */
  late: boolean;
  submittedAt: Date;
  reviewClosesAt: Date;
  /** Reviews they submitted in the assignment (as `submissions/mine` counts them). */
  reviewsGiven: number;
  /** Reviews of their work that count: submitted, not removed. */
  reviewsReceived: number;
}

@Injectable()
export class PeerReviewProgressRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Every submission of the learner in the cohort, one statement. */
  async submissionsOf(cohortId: string, userId: string): Promise<LearnerSubmissionRecord[]> {
    return this.dataSource.query<LearnerSubmissionRecord[]>(
      `SELECT s.assignment_id AS "assignmentId", s.id AS "submissionId", s.latest_version AS "latestVersion",
              v.late, v.created_at AS "submittedAt", s.review_closes_at AS "reviewClosesAt",
              (SELECT count(*) FROM peer_reviews r
                WHERE r.cohort_id = s.cohort_id AND r.assignment_id = s.assignment_id
                  AND r.reviewer_id = s.author_id AND r.submitted_at IS NOT NULL)::int AS "reviewsGiven",
              (SELECT count(*) FROM peer_reviews r
                WHERE r.submission_id = s.id AND r.submitted_at IS NOT NULL AND r.removed_at IS NULL)::int
                AS "reviewsReceived"
         FROM peer_review_submissions s
         JOIN peer_review_submission_versions v ON v.submission_id = s.id AND v.version = s.latest_version
        WHERE s.cohort_id = $1 AND s.author_id = $2`,
      [cohortId, userId],
    );
  }
}
