import { Injectable } from '@nestjs/common';
import { ReviewQueueRepository, type CountedReviewRecord, type RemovedReviewRecord } from './review-queue.repository';

/**
 * What scoring reads: the reviews of an assignment that count (submitted, not removed by a facilitator; staff
 * reviews included, marked `staff`) and those removed, kept with reason, remover and instant.
 */
@Injectable()
export class CountedReviews {
  constructor(private readonly repository: ReviewQueueRepository) {}

  ofAssignment(cohortId: string, assignmentId: string): Promise<CountedReviewRecord[]> {
    return this.repository.counted(cohortId, assignmentId);
  }

  removedOfAssignment(cohortId: string, assignmentId: string): Promise<RemovedReviewRecord[]> {
    return this.repository.removed(cohortId, assignmentId);
  }
}
