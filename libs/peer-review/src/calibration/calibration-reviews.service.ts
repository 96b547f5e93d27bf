import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, Outbox, type Actor } from '@app/core';
import type { RubricCriterion } from '@app/courses';
import { AssignmentContexts } from '../assignments/assignment-context';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { checkReview, type ReviewInput } from '../reviews/review-scores';
import { PeerReviewEvent } from '../peer-review.events';
import type { ReviewAddress } from '../reviews/review-writer.service';
import { CalibrationRepository, type CalibrationReviewRecord } from './calibration.repository';
import { calibrationReviewView, type CalibrationReviewView } from './calibration.views';

/**
 * A learner's side of calibration: `next` hands the assignment's calibration items first, one at a time in order;
 * the learner drafts and submits a review of each under the same rubric rules as a peer review, and sees at once
 * how their scores compare with the reference.
 */
@Injectable()
export class CalibrationReviewsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly contexts: AssignmentContexts,
    private readonly repository: CalibrationRepository,
    private readonly outbox: Outbox,
  ) {}

  /**
   * The calibration review `next` hands before any peer submission: the reviewer's review of `pending` (the first
   * item they have not submitted a review of, as `next` read it), begun on first ask.
   */
  async begin(
    actor: Actor,
    address: { cohortId: string; assignmentId: string },
    pending: { itemId: string; reviewId: string | null },
    rubric: readonly RubricCriterion[],
  ): Promise<CalibrationReviewView> {
    const reviewId =
      pending.reviewId ??
      (await this.repository.openReview(
        { id: pending.itemId, cohortId: address.cohortId, assignmentId: address.assignmentId },
        actor.userId,
        this.clock.now(),
      ));
    return this.view(reviewId, rubric);
  }

  async saveDraft(actor: Actor, address: ReviewAddress, input: ReviewInput): Promise<CalibrationReviewView> {
    const { assignment } = await this.contexts.assignment(address.cohortId, address.assignmentId);
    const scores = checkReview(assignment.rubric, input, false);
    await this.dataSource.transaction(async (manager) => {
      await this.lockOpen(manager, actor, address);
      const review = { scores, overallComment: input.overallComment ?? null, submittedAt: null };
      await this.repository.saveReview(manager, address.reviewId, review, this.clock.now());
    });
    return this.view(address.reviewId, assignment.rubric);
  }

  /** Submits the saved draft (every criterion scored and commented, an overall comment); the answer compares. */
  async submit(actor: Actor, address: ReviewAddress): Promise<CalibrationReviewView> {
    const { assignment } = await this.contexts.assignment(address.cohortId, address.assignmentId);
    await this.dataSource.transaction(async (manager) => {
      const review = await this.lockOpen(manager, actor, address);
      const scores = checkReview(
        assignment.rubric,
        { scores: review.scores ?? [], overallComment: review.overallComment ?? undefined },
        true,
      );
      const now = this.clock.now();
      await this.repository.saveReview(
        manager,
        address.reviewId,
        { scores, overallComment: review.overallComment, submittedAt: now },
        now,
      );
      // A calibration review measures its reviewer's bias against a known score: the model's scores may move.
      const { cohortId, assignmentId } = address;
      await this.outbox.record(manager, PeerReviewEvent.ScoringChanged, assignmentId, { cohortId, assignmentId });
    });
    return this.view(address.reviewId, assignment.rubric);
  }

  /** The reader's calibration reviews of the assignment, in item order, submitted ones with their comparison. */
  async mine(actor: Actor, cohortId: string, assignmentId: string): Promise<CalibrationReviewView[]> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const [records, itemCount] = await Promise.all([
      this.repository.reviewsBy(cohortId, assignmentId, actor.userId),
      this.repository.countItems(cohortId, assignmentId),
    ]);
    return records.map((r) => calibrationReviewView(r, assignment.rubric, itemCount));
  }

  private async view(reviewId: string, rubric: readonly RubricCriterion[]): Promise<CalibrationReviewView> {
    const record = (await this.repository.findReview(reviewId))!;
    const itemCount = await this.repository.countItems(record.cohortId, record.assignmentId);
    return calibrationReviewView(record, rubric, itemCount);
  }

  /** The caller's own calibration review of this assignment, locked, not yet submitted. */
  private async lockOpen(
    manager: EntityManager,
    actor: Actor,
    address: ReviewAddress,
  ): Promise<CalibrationReviewRecord> {
    const review = await this.repository.findReview(address.reviewId, manager, true);
    if (
      !review ||
      review.reviewerId !== actor.userId ||
      review.cohortId !== address.cohortId ||
      review.assignmentId !== address.assignmentId
    ) {
      throw new PeerReviewError(PeerReviewErrorCode.ReviewNotFound);
    }
    if (review.submittedAt) throw new PeerReviewError(PeerReviewErrorCode.ReviewAlreadySubmitted);
    return review;
  }
}
