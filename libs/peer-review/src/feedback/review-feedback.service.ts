import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, type Actor } from '@app/core';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { PeerReviewEvent } from '../peer-review.events';
import type { ReviewView } from '../reviews/peer-review.views';
import { SubmissionsReader } from '../submissions/submissions-reader.service';
import { readAuthorFeedback, type AuthorFeedback } from './author-feedback';
import { ReviewFeedback, ReviewFlagReason } from './review-feedback.entity';

export const FEEDBACK_LIMITS = { helpfulnessMin: 1, helpfulnessMax: 5, flagNoteMaxLength: 2000 } as const;

/** A received review as its author sees it (reviewer per anonymity), with the author's own feedback on it. */
export interface ReceivedReviewFeedbackView extends AuthorFeedback {
  review: ReviewView;
}

export interface ReviewFlagInput {
  reason: ReviewFlagReason;
  note?: string;
}

/**
 * The author's feedback on reviews of their submission. Only reviews the author can see count (submitted and
 * released, the same rule as `submissions/mine`), so a rating never reveals a review early. A rating or flag may
 * change (last answer wins) until a facilitator has acted on the flag.
 */
@Injectable()
export class ReviewFeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly submissions: SubmissionsReader,
    private readonly outbox: Outbox,
  ) {}

  async rate(
    actor: Actor,
    cohortId: string,
    assignmentId: string,
    reviewId: string,
    helpfulness: number,
  ): Promise<ReceivedReviewFeedbackView> {
    const review = await this.visibleReview(actor, cohortId, assignmentId, reviewId);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await manager.upsert(ReviewFeedback, { reviewId, helpfulness, ratedAt: now, updatedAt: now }, ['reviewId']);
      await this.outbox.record(manager, PeerReviewEvent.ReviewRated, review.submissionId, {
        reviewId,
        submissionId: review.submissionId,
        cohortId,
      });
    });
    return this.view(review);
  }

  async flag(
    actor: Actor,
    cohortId: string,
    assignmentId: string,
    reviewId: string,
    input: ReviewFlagInput,
  ): Promise<ReceivedReviewFeedbackView> {
    const review = await this.visibleReview(actor, cohortId, assignmentId, reviewId);
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      // A new flag reopens one a facilitator dismissed: the author has said something new.
      await manager.upsert(
        ReviewFeedback,
        {
          reviewId,
          flagReason: input.reason,
          flagNote: input.note ?? null,
          flaggedAt: now,
          flagDismissedAt: null,
          flagDismissedBy: null,
          updatedAt: now,
        },
        ['reviewId'],
      );
      await this.outbox.record(manager, PeerReviewEvent.ReviewFlagged, review.submissionId, {
        reviewId,
        submissionId: review.submissionId,
        cohortId,
      });
    });
    return this.view(review);
  }

  /** The review, if the actor authored its submission and it is released to them; otherwise not found. */
  private async visibleReview(
    actor: Actor,
    cohortId: string,
    assignmentId: string,
    reviewId: string,
  ): Promise<ReviewView> {
    const mine = await this.submissions.mine(actor, cohortId, assignmentId);
    const received = mine?.reviews.find((r) => r.id === reviewId);
    if (!received) throw new PeerReviewError(PeerReviewErrorCode.ReviewNotFound);
    // The answer carries the feedback as it is after the change, so drop the copy read before it.
    const { myFeedback: _stale, ...review } = received;
    return review;
  }

  private async view(review: ReviewView): Promise<ReceivedReviewFeedbackView> {
    const feedbackOf = await readAuthorFeedback(this.dataSource.manager, [review.id]);
    return { review, ...feedbackOf(review.id) };
  }
}
