import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig, Clock, Outbox, type Actor } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { PeerReviewEvent } from '../peer-review.events';
import { Submission } from '../submissions/submission.entity';
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
    await this.dataSource.transaction(async (manager) => {
      const review = await this.lockOpen(manager, actor, address);
      review.scores = scores;
      review.overallComment = input.overallComment ?? null;
      review.updatedAt = this.clock.now();
      await manager.save(review);
    });
    return this.reader.assignment(actor, address.reviewId);
  }

  async renewLease(actor: Actor, address: ReviewAddress): Promise<ReviewAssignmentView> {
    await this.dataSource.transaction(async (manager) => {
      const review = await this.lockOpen(manager, actor, address);
      const now = this.clock.now();
      review.leaseExpiresAt = new Date(now.getTime() + this.config.PEER_REVIEW_LEASE_MINUTES * 60_000);
      review.updatedAt = now;
      await manager.save(review);
    });
    return this.reader.assignment(actor, address.reviewId);
  }

  /** Submits the saved draft: every criterion scored and commented, an overall comment, within the window. */
  async submit(actor: Actor, address: ReviewAddress): Promise<ReviewAssignmentView> {
    const { assignment } = await this.contexts.assignment(address.cohortId, address.assignmentId);
    await this.dataSource.transaction(async (manager) => {
      const review = await this.lockOpen(manager, actor, address);
      const now = this.clock.now();
      review.scores = checkReview(
        assignment.rubric,
        { scores: review.scores ?? [], overallComment: review.overallComment ?? undefined },
        true,
      );
      review.submittedAt = now;
      review.updatedAt = now;
      await manager.save(review);
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

  /** The caller's review, locked, not submitted, within its submission's window and with its lease running. */
  private async lockOpen(manager: EntityManager, actor: Actor, address: ReviewAddress): Promise<Review> {
    const review = await manager.findOne(Review, {
      where: {
        id: address.reviewId,
        cohortId: address.cohortId,
        assignmentId: address.assignmentId,
        reviewerId: actor.userId,
      },
      lock: { mode: 'pessimistic_write' },
    });
    if (!review) throw new PeerReviewError(PeerReviewErrorCode.ReviewNotFound);
    if (review.submittedAt) throw new PeerReviewError(PeerReviewErrorCode.ReviewAlreadySubmitted);
    const now = this.clock.now();
    // The window first: once it has closed, that is the reason, whatever the lease says. A lease a facilitator
    // handed by hand (review queue) is exempt: the window closing short of k is why it exists.
    const submission = await manager.findOneByOrFail(Submission, { id: review.submissionId });
    if (submission.reviewClosesAt <= now && !review.assignedBy)
      throw new PeerReviewError(PeerReviewErrorCode.ReviewWindowClosed);
    if (review.leaseExpiresAt <= now) throw new PeerReviewError(PeerReviewErrorCode.LeaseExpired);
    return review;
  }
}
