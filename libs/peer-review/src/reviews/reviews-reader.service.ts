import { Injectable } from '@nestjs/common';
import { Clock, type Actor } from '@app/core';
import { AssignmentContexts } from '../assignments/assignment-context';
import { PeerReviewError, PeerReviewErrorCode } from '../peer-review.errors';
import { PeerReviewRepository } from './peer-review.repository';
import { reviewView, versionView, type ReviewAssignmentView } from './peer-review.views';

/** What reviewers read of their own reviews, with the submission version each one is about. */
@Injectable()
export class ReviewsReader {
  constructor(
    private readonly clock: Clock,
    private readonly repository: PeerReviewRepository,
    private readonly contexts: AssignmentContexts,
  ) {}

  /** One of the reader's own reviews; anyone else's is not found. */
  async assignment(actor: Actor, reviewId: string): Promise<ReviewAssignmentView> {
    const found = await this.repository.findReviewWithVersion(reviewId);
    if (!found || found.review.reviewerId !== actor.userId)
      throw new PeerReviewError(PeerReviewErrorCode.ReviewNotFound);
    const { review: record, version } = found;
    const { assignment } = await this.contexts.assignment(record.cohortId, record.assignmentId);
    return {
      ...reviewView(record, assignment.review.anonymity, 'reviewer', this.clock.now()),
      submission: versionView(version),
    };
  }

  /** The reviewer's reviews of an assignment: leased, submitted and expired ones. */
  async mine(actor: Actor, cohortId: string, assignmentId: string): Promise<ReviewAssignmentView[]> {
    const { assignment } = await this.contexts.assignment(cohortId, assignmentId);
    const records = await this.repository.reviewsByReviewer(cohortId, assignmentId, actor.userId);
    const versions = new Map(
      (await this.repository.versions({ ids: records.map((r) => r.versionId) })).map((v) => [v.id, v]),
    );
    const now = this.clock.now();
    return records.map((record) => ({
      ...reviewView(record, assignment.review.anonymity, 'reviewer', now),
      submission: versionView(versions.get(record.versionId)!),
    }));
  }
}
