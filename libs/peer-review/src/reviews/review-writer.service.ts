import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, Clock, Outbox, type Actor } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { PeerReviewEvent } from '../peer-review.events';
import { checkReview, type ReviewInput } from './review-scores';
import { Review } from './review.entity';
import { ReviewsReader } from './reviews-reader.service';
import type { ReviewAssignmentView } from './peer-review.views';

/** Where a review is addressed from: the route's cohort and assignment, and the review's id. */
export interface ReviewAddress {
  cohortId: string;
  assignmentId: string;
  reviewId: string;
}

/** A review open to its reviewer's writes, with its submission's window. */
type OpenReview = Pick<
  Review,
  'id' | 'submissionId' | 'cohortId' | 'assignmentId' | 'scores' | 'overallComment' | 'leaseExpiresAt' | 'assignedBy'
> & { submittedAt: Date | null; reviewClosesAt: Date };

/**
 * A reviewer's writes to their own review while its lease runs: drafts (scores checked against the rubric, gaps
 * allowed), lease renewals, and the final submission (complete, once). A submitted review never changes.
 */
@Injectable()
export class ReviewWriter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly contexts: AssignmentContexts,
    private readonly reader: ReviewsReader,
    private readonly outbox: Outbox,
  ) {}

  async saveDraft(actor: Actor, address: ReviewAddress, input: ReviewInput): Promise<ReviewAssignmentView> {
    const { assignment } = await this.contexts.assignment(address.cohortId, address.assignmentId);
    const scores = checkReview(assignment.rubric, input, false);
    const now = this.clock.now();
    const overallComment = input.overallComment ?? null;
    // Drafts are saved as people type: one statement writes the draft while it is open. When it is not, the
    // transaction below says why (or writes it, if it opened in between).
    const [, saved] = await this.dataSource.query<[unknown[], number]>(
      `UPDATE peer_reviews r SET scores = $5::jsonb, overall_comment = $6, updated_at = $7
         FROM peer_review_submissions s
        WHERE r.id = $1 AND r.cohort_id = $2 AND r.assignment_id = $3 AND r.reviewer_id = $4
          AND s.id = r.submission_id AND r.submitted_at IS NULL AND r.lease_expires_at > $7
          AND (s.review_closes_at > $7 OR r.assigned_by IS NOT NULL)`,
      [
        address.reviewId,
        address.cohortId,
        address.assignmentId,
        actor.userId,
        JSON.stringify(scores),
        overallComment,
        now,
      ],
    );
    if (saved === 0) {
      await this.dataSource.transaction(async (manager) => {
        const review = await this.lockOpen(manager, actor, address);
        await manager.update(Review, { id: review.id }, { scores, overallComment, updatedAt: now });
      });
    }
    return this.reader.assignment(actor, address.reviewId);
  }

  async renewLease(actor: Actor, address: ReviewAddress): Promise<ReviewAssignmentView> {
    await this.dataSource.transaction(async (manager) => {
      const review = await this.lockOpen(manager, actor, address);
      const now = this.clock.now();
      const leaseExpiresAt = new Date(now.getTime() + this.config.PEER_REVIEW_LEASE_MINUTES * 60_000);
      await manager.update(Review, { id: review.id }, { leaseExpiresAt, updatedAt: now });
    });
    return this.reader.assignment(actor, address.reviewId);
  }

  /** Submits the saved draft: every criterion scored and commented, an overall comment, within the window. */
  async submit(actor: Actor, address: ReviewAddress): Promise<ReviewAssignmentView> {
    const { assignment } = await this.contexts.assignment(address.cohortId, address.assignmentId);
    await this.dataSource.transaction(async (manager) => {
      const review = await this.lockOpen(manager, actor, address);
      const now = this.clock.now();
      const scores = checkReview(
        assignment.rubric,
        { scores: review.scores ?? [], overallComment: review.overallComment ?? undefined },
        true,
      );
      await manager.update(Review, { id: review.id }, { scores, submittedAt: now, updatedAt: now });
      await this.outbox.record(manager, PeerReviewEvent.ReviewSubmitted, review.submissionId, {
        reviewId: review.id,
        submissionId: review.submissionId,
        cohortId: review.cohortId,
        assignmentId: review.assignmentId,
        reviewerId: actor.userId,
      });
    });
    // The new review may settle (or unsettle) the model's scores: the worker refits them from the event.
    return this.reader.assignment(actor, address.reviewId);
  }

  /**
   * The caller's review, locked, not submitted, within its submission's window and with its lease running: one
   * statement reads it with its window (these writes run many times a minute in a review window).
   */
  private async lockOpen(manager: EntityManager, actor: Actor, address: ReviewAddress): Promise<OpenReview> {
    const [review] = await manager.query<OpenReview[]>(
      `SELECT r.id, r.submission_id AS "submissionId", r.cohort_id AS "cohortId", r.assignment_id AS "assignmentId",
              r.scores, r.overall_comment AS "overallComment", r.lease_expires_at AS "leaseExpiresAt",
              r.assigned_by AS "assignedBy", r.submitted_at AS "submittedAt", s.review_closes_at AS "reviewClosesAt"
         FROM peer_reviews r JOIN peer_review_submissions s ON s.id = r.submission_id
        WHERE r.id = $1 AND r.cohort_id = $2 AND r.assignment_id = $3 AND r.reviewer_id = $4
          FOR UPDATE OF r`,
      [address.reviewId, address.cohortId, address.assignmentId, actor.userId],
    );
    if (!review) throw new PeerReviewError(PeerReviewErrorCode.ReviewNotFound);
    if (review.submittedAt) throw new PeerReviewError(PeerReviewErrorCode.ReviewAlreadySubmitted);
    const now = this.clock.now();
    // The window first: once it has closed, that is the reason, whatever the lease says. A lease a facilitator
    // handed by hand (review queue) is exempt: the window closing short of k is why it exists.
    if (review.reviewClosesAt <= now && !review.assignedBy)
      throw new PeerReviewError(PeerReviewErrorCode.ReviewWindowClosed);
    if (review.leaseExpiresAt <= now) throw new PeerReviewError(PeerReviewErrorCode.LeaseExpired);
    return review;
  }
}
