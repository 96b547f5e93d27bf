import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CohortsModule } from '@app/cohorts';
import { CoursesModule } from '@app/courses';
import { AssignmentContexts } from './assignments/assignment-context';
import { AttachmentContent } from './attachments/attachment-content.entity';
import { AttachmentRetention } from './attachments/attachment-retention';
import { attachmentStoreProvider } from './attachments/attachment-store.provider';
import { AttachmentsRepository } from './attachments/attachments.repository';
import { AttachmentsService } from './attachments/attachments.service';
import { SubmissionAttachment } from './attachments/submission-attachment.entity';
import { CalibrationItem } from './calibration/calibration-item.entity';
import { CalibrationItemsService } from './calibration/calibration-items.service';
import { CalibrationReview } from './calibration/calibration-review.entity';
import { CalibrationReviewsService } from './calibration/calibration-reviews.service';
import { CalibrationRepository } from './calibration/calibration.repository';
import { ReviewFeedback } from './feedback/review-feedback.entity';
import { ReviewFeedbackService } from './feedback/review-feedback.service';
import { CountedReviews } from './queue/counted-reviews.reader';
import { ReviewQueueRepository } from './queue/review-queue.repository';
import { ReviewQueueService } from './queue/review-queue.service';
import { PeerReviewPersonalData } from './data-rights/peer-review-personal-data';
import { NextReviewUseCase } from './allocation/next-review.use-case';
import { ReviewAllocationRepository } from './allocation/review-allocation.repository';
import { PeerReviewRepository } from './reviews/peer-review.repository';
import { Review } from './reviews/review.entity';
import { ReviewWriter } from './reviews/review-writer.service';
import { ReviewsReader } from './reviews/reviews-reader.service';
import { PeerReviewSettings } from './settings/peer-review-settings.entity';
import { PeerReviewSettingsService } from './settings/peer-review-settings.service';
import { SubmissionVersion } from './submissions/submission-version.entity';
import { Submission } from './submissions/submission.entity';
import { SubmissionsReader } from './submissions/submissions-reader.service';
import { SubmitWorkUseCase } from './submissions/submit-work.use-case';
import { AssignmentScoring } from './scoring/assignment-scoring.entity';
import { ScoreOverride } from './scoring/score-override.entity';
import { ScoresService } from './scoring/scores.service';
import { ScoreUncertaintyHandler } from './scoring/score-uncertainty.handler';
import { ScoreUncertaintyService } from './scoring/score-uncertainty.service';
import { UncertainSubmission } from './scoring/uncertain-submission.entity';
import { ScoringRepository } from './scoring/scoring.repository';
import { PeerReviewDashboardColumns } from './dashboard/peer-review-dashboard-columns';
import { PeerReviewProgressRepository } from './progress/peer-review-progress.repository';
import { PeerReviewProgressService } from './progress/peer-review-progress.service';
import { ReviewerStandingRepository } from './standing/reviewer-standing.repository';
import { ReviewerStandingService } from './standing/reviewer-standing.service';

/** Peer review: submissions in immutable versions, leased reviews handed on demand, rubric-checked reviews. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      PeerReviewSettings,
      Submission,
      SubmissionVersion,
      Review,
      ReviewFeedback,
      AssignmentScoring,
      ScoreOverride,
      SubmissionAttachment,
      AttachmentContent,
      CalibrationItem,
      CalibrationReview,
      UncertainSubmission,
    ]),
    CoursesModule,
    CohortsModule,
  ],
  providers: [
    AssignmentContexts,
    PeerReviewSettingsService,
    SubmitWorkUseCase,
    SubmissionsReader,
    PeerReviewRepository,
    ReviewAllocationRepository,
    NextReviewUseCase,
    ReviewsReader,
    ReviewWriter,
    PeerReviewPersonalData,
    ReviewFeedbackService,
    ReviewQueueRepository,
    ReviewQueueService,
    CountedReviews,
    ScoringRepository,
    ScoresService,
    attachmentStoreProvider,
    AttachmentsRepository,
    AttachmentsService,
    AttachmentRetention,
    ReviewerStandingRepository,
    ReviewerStandingService,
    PeerReviewDashboardColumns,
    PeerReviewProgressRepository,
    PeerReviewProgressService,
    CalibrationRepository,
    ScoreUncertaintyService,
    ScoreUncertaintyHandler,
    CalibrationItemsService,
    CalibrationReviewsService,
  ],
  exports: [
    PeerReviewSettingsService,
    SubmitWorkUseCase,
    SubmissionsReader,
    NextReviewUseCase,
    ReviewsReader,
    ReviewWriter,
    ReviewFeedbackService,
    ReviewQueueService,
    CountedReviews,
    ScoresService,
    AttachmentsService,
    AttachmentRetention,
    ReviewerStandingService,
    PeerReviewProgressService,
    CalibrationItemsService,
    CalibrationReviewsService,
  ],
})
export class PeerReviewModule {}
