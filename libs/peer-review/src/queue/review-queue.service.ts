import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, Clock, Outbox, type Actor } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { PeerReviewEvent } from '../peer-review.events';
import { PeerReviewRepository } from '../reviews/peer-review.repository';
import { reviewView, type PersonRef, type ReviewView } from '../reviews/peer-review.views';
import { Review } from '../reviews/review.entity';
import { Submission } from '../submissions/submission.entity';
import type { ReviewFlagReason } from '../feedback/review-feedback.entity';
import type { CriterionScore } from '../reviews/review.entity';
import { ReviewQueueRepository } from './review-queue.repository';

/**
 * Why a submission whose window closed is in the queue: fewer than k counted reviews, or k or more that leave the
 * reviewer model too unsure of its score (it needed one more). The strings are API values: never rename one.
 */
export enum QueueReason {
  ShortOfReviews = 'short_of_reviews',
  Uncertain = 'uncertain',
}

export interface ShortSubmissionView {
  submissionId: string;
  author: PersonRef;
  reviewClosesAt: Date;
  reason: QueueReason;
  /** k, or k + 1 for an uncertain score. */
  reviewsNeeded: number;
  /** The model's standard deviation of the total (out of 100) for an uncertain score; null otherwise. */
  standardDeviation: number | null;
  reviewsReceived: number;
  openLeases: number;
}

export interface FlaggedReviewView {
  reviewId: string;
  submissionId: string;
  /** Facilitators see who wrote it, whatever the anonymity. */
  reviewer: PersonRef | null;
  author: PersonRef;
  staff: boolean;
  scores: CriterionScore[] | null;
  overallComment: string | null;
  reason: ReviewFlagReason;
  note: string | null;
  flaggedAt: Date;
  helpfulness: number | null;
}

/**
 * What needs a facilitator in one assignment: submissions whose window closed short of k or with a score the model is
 * too unsure of, and flagged reviews.
 */
export interface ReviewQueueView {
  shortOfReviews: ShortSubmissionView[];
  flaggedReviews: FlaggedReviewView[];
}

/**
 * The facilitator's review queue and its actions: take a flagged review out of scoring (kept, with reason), dismiss
 * a flag, hand a short submission to a learner, or review it themselves (a staff review).
 */
@Injectable()
export class ReviewQueueService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly contexts: AssignmentContexts,
    private readonly queue: ReviewQueueRepository,
    private readonly reviews: PeerReviewRepository,
    private readonly outbox: Outbox,
  ) {}

  async list(cohortId: string, assignmentId: string): Promise<ReviewQueueView> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const k = assignment.review.reviewsPerSubmission;
    const [short, flags] = await Promise.all([
      this.queue.shortSubmissions(cohortId, assignmentId, k, this.clock.now()),
      this.queue.openFlags(cohortId, assignmentId),
    ]);
    return {
      shortOfReviews: short.map((s) => ({
        submissionId: s.submissionId,
        author: { id: s.authorId, displayName: s.authorName },
        reviewClosesAt: s.reviewClosesAt,
        ...(s.reviewsReceived < k
          ? { reason: QueueReason.ShortOfReviews, reviewsNeeded: k, standardDeviation: null }
          : {
              reason: QueueReason.Uncertain,
              reviewsNeeded: k + 1,
              standardDeviation: Number(s.uncertainStandardDeviation),
            }),
        reviewsReceived: s.reviewsReceived,
        openLeases: s.openLeases,
      })),
      flaggedReviews: flags.map((f) => ({
        reviewId: f.reviewId,
        submissionId: f.submissionId,
        reviewer: f.reviewerId ? { id: f.reviewerId, displayName: f.reviewerName } : null,
        author: { id: f.authorId, displayName: f.authorName },
        staff: f.staff,
        scores: f.scores,
        overallComment: f.overallComment,
        reason: f.reason,
        note: f.note,
        flaggedAt: f.flaggedAt,
        helpfulness: f.helpfulness,
      })),
    };
  }

  /** Takes a submitted review out of scoring; its row stays with the reason, the facilitator and the instant. */
  async remove(actor: Actor, cohortId: string, assignmentId: string, reviewId: string, reason: string): Promise<void> {
    await this.contexts.assignment(cohortId, assignmentId);
    await this.dataSource.transaction(async (manager) => {
      const review = await manager.findOne(Review, {
        where: { id: reviewId, cohortId, assignmentId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!review?.submittedAt) throw new PeerReviewError(PeerReviewErrorCode.ReviewNotFound);
      if (review.removedAt) throw new PeerReviewError(PeerReviewErrorCode.ReviewAlreadyRemoved);
      const now = this.clock.now();
      await manager.update(
        Review,
        { id: reviewId },
        { removedAt: now, removedReason: reason, removedBy: actor.userId, updatedAt: now },
      );
      await this.outbox.record(manager, PeerReviewEvent.ReviewRemoved, review.submissionId, {
        reviewId,
        submissionId: review.submissionId,
        cohortId,
        assignmentId,
        removedBy: actor.userId,
      });
    });
  }

  /** Keeps a flagged review in scoring: the flag leaves the queue (a new flag by the author brings it back). */
  async dismissFlag(actor: Actor, cohortId: string, assignmentId: string, reviewId: string): Promise<void> {
    const now = this.clock.now();
    const result = await this.dataSource.query<[unknown, number]>(
      `UPDATE peer_review_feedback f SET flag_dismissed_at = $4, flag_dismissed_by = $5, updated_at = $4
         FROM peer_reviews r
        WHERE f.review_id = r.id AND r.id = $1 AND r.cohort_id = $2 AND r.assignment_id = $3
          AND f.flag_reason IS NOT NULL AND f.flag_dismissed_at IS NULL`,
      [reviewId, cohortId, assignmentId, now, actor.userId],
    );
    if (result[1] === 0) throw new PeerReviewError(PeerReviewErrorCode.FlagNotFound);
  }

  /**
   * Hands the submission to a chosen active learner (or, `staff`, to the facilitator) under a lease, as `next`
   * would: never their own submission, never one they hold or held. Such a lease may be submitted after the
   * submission's window closed, since closing it with too few reviews is why the facilitator acts.
   */
  async assign(
    actor: Actor,
    cohortId: string,
    assignmentId: string,
    submissionId: string,
    reviewer: { reviewerId: string; staff: boolean },
  ): Promise<ReviewView> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const submission = await this.dataSource.manager.findOneBy(Submission, {
      id: submissionId,
      cohortId,
      assignmentId,
    });
    if (!submission) throw new PeerReviewError(PeerReviewErrorCode.SubmissionNotFound, 'submissionId');
    if (!reviewer.staff) {
      const context = await this.contexts.forPerson(cohortId, assignmentId, reviewer.reviewerId).catch(() => null);
      if (!context?.activeLearner) throw new PeerReviewError(PeerReviewErrorCode.ReviewerNotEligible, 'reviewerId');
    }
    if (submission.authorId === reviewer.reviewerId) {
      throw new PeerReviewError(PeerReviewErrorCode.ReviewerNotEligible, 'reviewerId');
    }
    const now = this.clock.now();
    const leaseExpiresAt = new Date(now.getTime() + this.config.PEER_REVIEW_LEASE_MINUTES * 60_000);
    const reviewId = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO peer_reviews (submission_id, version_id, cohort_id, assignment_id, reviewer_id, lease_expires_at,
                                   staff, assigned_by, created_at, updated_at)
         SELECT s.id, v.id, s.cohort_id, s.assignment_id, $2, $3, $4, $5, $6, $6
           FROM peer_review_submissions s
           JOIN peer_review_submission_versions v ON v.submission_id = s.id AND v.version = s.latest_version
          WHERE s.id = $1
         ON CONFLICT (reviewer_id, submission_id) DO NOTHING
         RETURNING id`,
        [submissionId, reviewer.reviewerId, leaseExpiresAt, reviewer.staff, actor.userId, now],
      );
      const id = rows[0]?.id;
      if (!id) throw new PeerReviewError(PeerReviewErrorCode.ReviewerNotEligible, 'reviewerId');
      await this.outbox.record(manager, PeerReviewEvent.ReviewLeased, submissionId, {
        reviewId: id,
        submissionId,
        cohortId,
        reviewerId: reviewer.reviewerId,
      });
      return id;
    });
    const record = await this.reviews.findReview(reviewId);
    return reviewView(record!, assignment.review.anonymity, 'facilitator', now);
  }
}
