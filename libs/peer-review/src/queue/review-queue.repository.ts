import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CriterionScore } from '../reviews/review.entity';
import type { ReviewFlagReason } from '../feedback/review-feedback.entity';

export interface ShortSubmissionRecord {
  submissionId: string;
  authorId: string;
  authorName: string | null;
  reviewClosesAt: Date;
  reviewsReceived: number;
  /** Hand-assigned or staff leases still running: help is on the way. */
  openLeases: number;
  /** Set when the reviewer model is too unsure of its score (out of 100); null otherwise. */
  uncertainStandardDeviation: string | null;
}

export interface FlaggedReviewRecord {
  reviewId: string;
  submissionId: string;
  reviewerId: string | null;
  reviewerName: string | null;
  authorId: string;
  authorName: string | null;
  staff: boolean;
  scores: CriterionScore[] | null;
  overallComment: string | null;
  reason: ReviewFlagReason;
  note: string | null;
  flaggedAt: Date;
  helpfulness: number | null;
}

/** A review that counts towards scores: submitted and not removed by a facilitator. */
export interface CountedReviewRecord {
  reviewId: string;
  submissionId: string;
  reviewerId: string | null;
  staff: boolean;
  scores: CriterionScore[];
  submittedAt: Date;
  /** The author's helpfulness rating (1-5), if any. */
  helpfulness: number | null;
}

/** A submitted review a facilitator took out of scoring, kept with why, who and when. */
export interface RemovedReviewRecord {
  reviewId: string;
  submissionId: string;
  reviewerId: string | null;
  removedAt: Date;
  removedReason: string;
  removedBy: string | null;
}

/** Reads behind the facilitator queue and the counted/removed review lists, one query per list. */
@Injectable()
export class ReviewQueueRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Submissions whose window closed before `now` with fewer than `needed` counted reviews, or whose reviewer-model
   * score is too uncertain (`peer_review_uncertain_submissions`).
   */
  async shortSubmissions(
    cohortId: string,
    assignmentId: string,
    needed: number,
    now: Date,
  ): Promise<ShortSubmissionRecord[]> {
    return this.dataSource.query<ShortSubmissionRecord[]>(
      `SELECT * FROM (
         SELECT s.id AS "submissionId", s.author_id AS "authorId", ap.display_name AS "authorName",
                s.review_closes_at AS "reviewClosesAt",
                (SELECT count(*)::int FROM peer_reviews r
                  WHERE r.submission_id = s.id AND r.submitted_at IS NOT NULL AND r.removed_at IS NULL) AS "reviewsReceived",
                (SELECT count(*)::int FROM peer_reviews r
                  WHERE r.submission_id = s.id AND r.submitted_at IS NULL AND r.lease_expires_at > $3) AS "openLeases",
                u.standard_deviation AS "uncertainStandardDeviation"
           FROM peer_review_submissions s
           LEFT JOIN identity_people ap ON ap.id = s.author_id
           LEFT JOIN peer_review_uncertain_submissions u ON u.submission_id = s.id
          WHERE s.cohort_id = $1 AND s.assignment_id = $2 AND s.review_closes_at <= $3) q
        WHERE q."reviewsReceived" < $4 OR q."uncertainStandardDeviation" IS NOT NULL
        ORDER BY q."reviewClosesAt", q."submissionId"`,
      [cohortId, assignmentId, now, needed],
    );
  }

  /** Open flags (not dismissed) on reviews still counted, oldest flag first. */
  async openFlags(cohortId: string, assignmentId: string): Promise<FlaggedReviewRecord[]> {
    return this.dataSource.query<FlaggedReviewRecord[]>(
      `SELECT r.id AS "reviewId", r.submission_id AS "submissionId", r.reviewer_id AS "reviewerId",
              rp.display_name AS "reviewerName", s.author_id AS "authorId", ap.display_name AS "authorName",
              r.staff, r.scores, r.overall_comment AS "overallComment",
              f.flag_reason AS reason, f.flag_note AS note, f.flagged_at AS "flaggedAt", f.helpfulness
         FROM peer_review_feedback f
         JOIN peer_reviews r ON r.id = f.review_id
         JOIN peer_review_submissions s ON s.id = r.submission_id
         LEFT JOIN identity_people rp ON rp.id = r.reviewer_id
         LEFT JOIN identity_people ap ON ap.id = s.author_id
        WHERE r.cohort_id = $1 AND r.assignment_id = $2
          AND f.flag_reason IS NOT NULL AND f.flag_dismissed_at IS NULL AND r.removed_at IS NULL
        ORDER BY f.flagged_at, r.id`,
      [cohortId, assignmentId],
    );
  }

  async counted(cohortId: string, assignmentId: string): Promise<CountedReviewRecord[]> {
    return this.dataSource.query<CountedReviewRecord[]>(
      `SELECT r.id AS "reviewId", r.submission_id AS "submissionId", r.reviewer_id AS "reviewerId", r.staff,
              r.scores, r.submitted_at AS "submittedAt", f.helpfulness
         FROM peer_reviews r LEFT JOIN peer_review_feedback f ON f.review_id = r.id
        WHERE r.cohort_id = $1 AND r.assignment_id = $2 AND r.submitted_at IS NOT NULL AND r.removed_at IS NULL
        ORDER BY r.submission_id, r.submitted_at, r.id`,
      [cohortId, assignmentId],
    );
  }

  async removed(cohortId: string, assignmentId: string): Promise<RemovedReviewRecord[]> {
    return this.dataSource.query<RemovedReviewRecord[]>(
      `SELECT r.id AS "reviewId", r.submission_id AS "submissionId", r.reviewer_id AS "reviewerId",
              r.removed_at AS "removedAt", r.removed_reason AS "removedReason", r.removed_by AS "removedBy"
         FROM peer_reviews r
        WHERE r.cohort_id = $1 AND r.assignment_id = $2 AND r.removed_at IS NOT NULL
        ORDER BY r.removed_at, r.id`,
      [cohortId, assignmentId],
    );
  }
}
