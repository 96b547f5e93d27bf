import { declareDomainEvents } from '@app/core';

declare module '@app/core' {
  interface DomainEventPayloads {
    'peer-review.submission-made': {
      submissionId: string;
      versionId: string;
      version: number;
      cohortId: string;
      assignmentId: string;
      authorId: string;
      late: boolean;
    };
    'peer-review.review-leased': { reviewId: string; submissionId: string; cohortId: string; reviewerId: string };
    'peer-review.review-submitted': { reviewId: string; submissionId: string; cohortId: string; reviewerId: string };
    'peer-review.review-rated': { reviewId: string; submissionId: string; cohortId: string };
    'peer-review.review-flagged': { reviewId: string; submissionId: string; cohortId: string };
    'peer-review.review-removed': { reviewId: string; submissionId: string; cohortId: string; removedBy: string };
  }
}

/**
 * What happens to submissions and their reviews; the aggregate is the submission. The strings are persisted in the
 * outbox: never rename one.
 */
export const PeerReviewEvent = declareDomainEvents('submission', {
  /** No consumer yet: waits for the "submission received" email and the facilitator dashboard's counts. */
  SubmissionMade: 'peer-review.submission-made',
  /** No consumer yet: waits for the "review assigned" and "lease about to expire" notifications. */
  ReviewLeased: 'peer-review.review-leased',
  /** No consumer yet: waits for the "review received" notification (never naming an anonymous reviewer). */
  ReviewSubmitted: 'peer-review.review-submitted',
  /** No consumer yet: waits for reviewer feedback summaries (never naming the author to the reviewer). */
  ReviewRated: 'peer-review.review-rated',
  /** No consumer yet: waits for the facilitator's "a review was flagged" notification. */
  ReviewFlagged: 'peer-review.review-flagged',
  /** No consumer yet: waits for scores to be recomputed without the removed review. */
  ReviewRemoved: 'peer-review.review-removed',
});
