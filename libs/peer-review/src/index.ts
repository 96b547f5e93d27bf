export { PeerReviewModule } from './peer-review.module';
export { PeerReviewError, PeerReviewErrorCode } from './peer-review.errors';
export { PeerReviewEvent } from './peer-review.events';
export { PEER_REVIEW_READ_VIEWS } from './peer-review-read-views';
export { PeerReviewSettings } from './settings/peer-review-settings.entity';
export {
  PeerReviewSettingsService,
  REVIEW_WINDOW_DAYS_DEFAULT,
  type PeerReviewSettingsInput,
  type PeerReviewSettingsView,
} from './settings/peer-review-settings.service';
export { Submission } from './submissions/submission.entity';
export { SubmissionVersion } from './submissions/submission-version.entity';
export { SUBMISSION_LIMITS, type SubmissionInput } from './submissions/submission-input';
export { SubmitWorkUseCase, type SubmittedVersion } from './submissions/submit-work.use-case';
export {
  SubmissionsReader,
  type FacilitatorSubmissionView,
  type MySubmissionView,
  type ReceivedReviewView,
} from './submissions/submissions-reader.service';
export { Review, type CriterionScore } from './reviews/review.entity';
export { REVIEW_LIMITS, type ReviewInput } from './reviews/review-scores';
export { ReviewWriter, type ReviewAddress } from './reviews/review-writer.service';
export { ReviewsReader } from './reviews/reviews-reader.service';
export {
  ReviewStatus,
  type PersonRef,
  type ReviewAssignmentView,
  type ReviewView,
  type SubmissionVersionView,
} from './reviews/peer-review.views';
export { NextReviewUseCase, type NextReviewView } from './allocation/next-review.use-case';
export { CalibrationItem } from './calibration/calibration-item.entity';
export { CalibrationReview } from './calibration/calibration-review.entity';
export { CalibrationItemsService } from './calibration/calibration-items.service';
export { CalibrationReviewsService } from './calibration/calibration-reviews.service';
export {
  CALIBRATION_CLOSE_SHARE,
  type CalibrationAgreement,
  type CalibrationComparison,
  type CriterionComparison,
} from './calibration/calibration-comparison';
export {
  CalibrationReviewStatus,
  type CalibrationItemInput,
  type CalibrationItemView,
  type CalibrationResultView,
  type CalibrationReviewView,
} from './calibration/calibration.views';
export { ReviewFlagReason } from './feedback/review-feedback.entity';
export {
  FEEDBACK_LIMITS,
  ReviewFeedbackService,
  type ReceivedReviewFeedbackView,
  type ReviewFlagInput,
} from './feedback/review-feedback.service';
export {
  QueueReason,
  ReviewQueueService,
  type FlaggedReviewView,
  type ReviewQueueView,
  type ShortSubmissionView,
} from './queue/review-queue.service';
export { CountedReviews } from './queue/counted-reviews.reader';
export type { CountedReviewRecord, RemovedReviewRecord } from './queue/review-queue.repository';
export { aggregateByMean, aggregateByMedian, median } from './aggregation/simple-aggregation';
export { fitReviewerModel, type ReviewerModelFit } from './aggregation/reviewer-model';
export { needsMoreReviews, DEFAULT_MAX_STANDARD_DEVIATION_SHARE } from './aggregation/needs-more-reviews';
export {
  DEFAULT_REVIEWER_MODEL_PRIORS,
  type ReviewerModelPriors,
  type ReviewerModelOptions,
} from './aggregation/reviewer-model-priors';
export type {
  AggregationMethod,
  CalibrationAnchor,
  CriterionScale,
  CriterionScore as AggregatedCriterionScore,
  ReviewerStanding,
  ScoreObservation,
} from './aggregation/aggregation.types';
export { AssignmentScoring } from './scoring/assignment-scoring.entity';
export { ScoreOverride } from './scoring/score-override.entity';
export { UncertainSubmission } from './scoring/uncertain-submission.entity';
export {
  ScoresService,
  DEFAULT_AGGREGATION_METHOD,
  type AssignmentScoringView,
  type FacilitatorScoreView,
  type MyScoreView,
  type OverrideInput,
  type ReleasedTotal,
  type ScoreOverrideView,
} from './scoring/scores.service';
export { SubmissionAttachment } from './attachments/submission-attachment.entity';
export { AttachmentContent } from './attachments/attachment-content.entity';
export {
  AttachmentsService,
  type AttachmentDownload,
  type AttachmentLimits,
  type UploadedFile,
} from './attachments/attachments.service';
export type { AttachmentView } from './attachments/attachments.repository';
export { AttachmentRetention, UNBOUND_ATTACHMENT_HOURS } from './attachments/attachment-retention';
export { ATTACHMENT_STORE, type AttachmentStore } from './attachments/attachment-store';
export { S3AttachmentStore } from './attachments/s3-attachment-store';
export { ATTACHMENT_TYPES, detectAttachmentType, type AttachmentTypeName } from './attachments/attachment-types';
export { asciiFileName, sanitizeFileName } from './attachments/attachment-file-name';
export { scoresReleased, type ScoreReleaseFacts } from './scoring/score-release';
export type { CriterionResult, CriterionStanding, ReviewerResult } from './scoring/score-computation';
export {
  ReviewerStandingService,
  type AssignmentReviewerStandingView,
  type CohortReviewerStandingSummaryView,
  type CohortReviewerStandingView,
  type CriterionStandingView,
  type MyReviewerStandingView,
  type ReviewerStandingView,
  type ReviewingFigures,
} from './standing/reviewer-standing.service';
export { PEER_REVIEW_DASHBOARD_KEYS, type PeerReviewDashboardKey } from './dashboard/peer-review-dashboard-columns';
export {
  PeerReviewNextAction,
  PeerReviewProgressService,
  type MyPeerReviewAssignmentView,
} from './progress/peer-review-progress.service';
