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
    /** `assignmentId` since the uncertain set is refitted from the outbox; older rows lack it (look it up). */
    'peer-review.review-submitted': {
      reviewId: string;
      submissionId: string;
      cohortId: string;
      assignmentId: string;
      reviewerId: string;
    };
    'peer-review.review-rated': { reviewId: string; submissionId: string; cohortId: string };
    'peer-review.review-flagged': { reviewId: string; submissionId: string; cohortId: string };
    /** `assignmentId` as for `review-submitted`: older rows lack it. */
    'peer-review.review-removed': {
      reviewId: string;
      submissionId: string;
      cohortId: string;
      assignmentId: string;
      removedBy: string;
    };
    'peer-review.scores-released': { cohortId: string; assignmentId: string; releasedBy: string };
    'peer-review.scoring-changed': { cohortId: string; assignmentId: string };
  }
}

/**
 * What happens to submissions and their reviews; the aggregate is the submission. The strings are persisted in the
 * outbox: never rename one.
 */
export const PeerReviewEvent = declareDomainEvents('submission', {
  /**
   * Notifications plan the author's "reviews due in 24 h" and "score released" (at the window's close) and the
   * facilitators' "short of k" message at the assignment's last close.
   */
  SubmissionMade: 'peer-review.submission-made',
  /** Notifications: "review assigned" to the reviewer, and "lease about to expire" 30 min before it does. */
  ReviewLeased: 'peer-review.review-leased',
  /**
   * Notifications: "a review arrived" to the author (never naming an anonymous reviewer), and "score released" to
   * whoever the review made meet the release rule (the author: k in; the reviewer: m given). Peer review: the
   * assignment's uncertain set is refitted.
   */
  ReviewSubmitted: 'peer-review.review-submitted',
  /** No consumer yet: waits for reviewer feedback summaries (never naming the author to the reviewer). */
  ReviewRated: 'peer-review.review-rated',
  /** No consumer yet: waits for the facilitator's "a review was flagged" notification. */
  ReviewFlagged: 'peer-review.review-flagged',
  /** Peer review: the assignment's uncertain set is refitted without the removed review. */
  ReviewRemoved: 'peer-review.review-removed',
  /**
   * A facilitator released an assignment's scores (the first release only). The aggregate id is the assignment's
   * (the event is about all its submissions). Notifications: "score released" to every author.
   */
  ScoresReleased: 'peer-review.scores-released',
  /**
   * Something other than a peer review's submission or removal that can move the reviewer model's fit: a score
   * override, the aggregation method, a calibration review submitted. The aggregate id is the assignment's. Peer
   * review: the assignment's uncertain set is refitted.
   */
  ScoringChanged: 'peer-review.scoring-changed',
});
