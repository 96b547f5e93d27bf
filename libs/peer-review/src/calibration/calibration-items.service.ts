import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, InvalidInputError, type Actor } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { checkReview } from '../reviews/review-scores';
import { compareWithReference } from './calibration-comparison';
import { CalibrationRepository } from './calibration.repository';
import {
  itemView,
  type CalibrationItemInput,
  type CalibrationItemView,
  type CalibrationResultView,
} from './calibration.views';

/** A few tries are enough: an add loses its position only to another add of the same assignment that same instant. */
const ADD_TRIES = 5;

/**
 * Facilitators' calibration items: example submissions with a reference review, checked against the rubric as any
 * review is (every criterion scored and commented, an overall comment). An item changes or goes only until a learner
 * has submitted a review of it: after that, its reference is what their comparison and the reviewer model rest on.
 */
@Injectable()
export class CalibrationItemsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly contexts: AssignmentContexts,
    private readonly repository: CalibrationRepository,
  ) {}

  async list(cohortId: string, assignmentId: string): Promise<CalibrationItemView[]> {
    await this.contexts.assignment(cohortId, assignmentId);
    return (await this.repository.items(cohortId, assignmentId)).map(itemView);
  }

  async add(
    actor: Actor,
    cohortId: string,
    assignmentId: string,
    input: CalibrationItemInput,
  ): Promise<CalibrationItemView> {
    const reference = await this.checked(cohortId, assignmentId, input);
    for (let attempt = 0; attempt < ADD_TRIES; attempt += 1) {
      const id = await this.repository.insertItem(
        { cohortId, assignmentId, ...reference },
        actor.userId,
        this.clock.now(),
      );
      if (id) return itemView((await this.repository.findItem(cohortId, assignmentId, id))!);
    }
    throw new Error('calibration item: no free position after several tries');
  }

  async update(
    cohortId: string,
    assignmentId: string,
    itemId: string,
    input: CalibrationItemInput,
  ): Promise<CalibrationItemView> {
    const reference = await this.checked(cohortId, assignmentId, input);
    await this.dataSource.transaction(async (manager) => {
      await this.lockUnreviewed(manager, cohortId, assignmentId, itemId);
      await this.repository.updateItem(manager, itemId, reference, this.clock.now());
    });
    return itemView((await this.repository.findItem(cohortId, assignmentId, itemId))!);
  }

  /** Learners' drafts of it go with it; the next `next` hands them the following item. */
  async remove(cohortId: string, assignmentId: string, itemId: string): Promise<void> {
    await this.contexts.assignment(cohortId, assignmentId);
    await this.dataSource.transaction(async (manager) => {
      await this.lockUnreviewed(manager, cohortId, assignmentId, itemId);
      await this.repository.deleteItem(manager, itemId);
    });
  }

  /** Each learner's submitted calibration reviews against the references (facilitators see every name). */
  async results(cohortId: string, assignmentId: string): Promise<CalibrationResultView[]> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const [itemCount, reviews] = await Promise.all([
      this.repository.countItems(cohortId, assignmentId),
      this.repository.submittedReviews(cohortId, assignmentId),
    ]);
    const byReviewer = new Map<string, CalibrationResultView>();
    for (const r of reviews) {
      const key = r.reviewerId ?? `erased:${r.id}`;
      const result = byReviewer.get(key) ?? {
        reviewer: r.reviewerId ? { id: r.reviewerId, displayName: r.reviewerName } : null,
        itemCount,
        reviews: [],
      };
      result.reviews.push({
        reviewId: r.id,
        itemId: r.itemId,
        position: r.position,
        submittedAt: r.submittedAt!,
        comparison: compareWithReference(assignment.rubric, r.scores ?? [], r.referenceScores),
      });
      byReviewer.set(key, result);
    }
    return [...byReviewer.values()];
  }

  private async checked(cohortId: string, assignmentId: string, input: CalibrationItemInput) {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    if (input.body.trim() === '') {
      throw new InvalidInputError([{ field: 'body', message: 'Write the example submission.' }]);
    }
    const scores = checkReview(assignment.rubric, { scores: input.scores, overallComment: input.overallComment }, true);
    return { body: input.body, scores, comment: input.overallComment.trim() };
  }

  private async lockUnreviewed(
    manager: EntityManager,
    cohortId: string,
    assignmentId: string,
    itemId: string,
  ): Promise<void> {
    const item = await this.repository.findItem(cohortId, assignmentId, itemId, manager, true);
    if (!item) throw new PeerReviewError(PeerReviewErrorCode.CalibrationItemNotFound, 'itemId');
    if (item.reviewsSubmitted > 0) throw new PeerReviewError(PeerReviewErrorCode.CalibrationItemReviewed);
  }
}
