import { AssignmentDirectory } from './assignment-directory';
import { PeerReviewNoticePlanner } from './peer-review-notice.planner';
import { PeerReviewNoticeRepository } from './peer-review-notice.repository';
import { PeerReviewPreviewSamples } from './peer-review-previews';
import {
  ReviewAssignedComposer,
  ReviewLeaseExpiringComposer,
  ReviewReceivedComposer,
  ReviewsDueComposer,
  ReviewsShortOfKComposer,
  ScoreReleasedComposer,
} from './peer-review.composers';

/** Peer-review notifications: the outbox handler that plans them, their composers, queries and previews. */
export const peerReviewNoticeProviders = [
  AssignmentDirectory,
  PeerReviewNoticeRepository,
  PeerReviewNoticePlanner,
  ReviewAssignedComposer,
  ReviewLeaseExpiringComposer,
  ReviewsDueComposer,
  ReviewReceivedComposer,
  ScoreReleasedComposer,
  ReviewsShortOfKComposer,
  PeerReviewPreviewSamples,
];
