import { DomainError, ErrorKind } from '@app/core';

/** Stable codes of peer-review rules (clients switch on them). Add a code with its kind and message. */
export enum PeerReviewErrorCode {
  /** The course version this cohort runs has no such assignment. */
  AssignmentNotFound = 'assignment_not_found',
  /** Work is submitted for released modules only. */
  ModuleNotReleased = 'module_not_released',
  /** Only the cohort's active learners submit and review. */
  LearnersOnly = 'learners_only',
  /** Past the learner's due date, and this cohort refuses late work. */
  LateSubmissionRefused = 'late_submission_refused',
  /** A submission is revised only until the learner's own due date. */
  ResubmissionClosed = 'resubmission_closed',
  /** Reviewers submit their own work first (as in ORA2). */
  SubmissionRequired = 'submission_required',
  /** The review is not the caller's, or does not exist. */
  ReviewNotFound = 'review_not_found',
  /** A submitted review is final. */
  ReviewAlreadySubmitted = 'review_already_submitted',
  /** The lease ran out: the submission went back to the pool. */
  LeaseExpired = 'lease_expired',
  /** The submission's review window has closed. */
  ReviewWindowClosed = 'review_window_closed',
  /** A facilitator already took this review out of scoring. */
  ReviewAlreadyRemoved = 'review_already_removed',
  /** No open flag on this review. */
  FlagNotFound = 'flag_not_found',
  /** No such submission of this assignment in this cohort. */
  SubmissionNotFound = 'submission_not_found',
  /** A hand-picked reviewer must be an active learner, not the author, and not already holding or held it. */
  ReviewerNotEligible = 'reviewer_not_eligible',
  /** The file is larger than PEER_REVIEW_ATTACHMENT_MAX_BYTES. */
  AttachmentTooLarge = 'attachment_too_large',
  /** The file's bytes are of a type not in PEER_REVIEW_ATTACHMENT_TYPES (whatever its name says). */
  AttachmentTypeRefused = 'attachment_type_refused',
  /** No such attachment that the caller may see. */
  AttachmentNotFound = 'attachment_not_found',
  /** Attachments are turned off (PEER_REVIEW_ATTACHMENTS_PER_VERSION is 0). */
  AttachmentsDisabled = 'attachments_disabled',
  /** Too many uploads not yet part of a submission: submit them, or wait a day for them to go. */
  TooManyUnboundAttachments = 'too_many_unbound_attachments',
  /** No such calibration item of this assignment in this cohort. */
  CalibrationItemNotFound = 'calibration_item_not_found',
  /** A learner has submitted a review of this calibration item: its reference is fixed. */
  CalibrationItemReviewed = 'calibration_item_reviewed',
}

const KIND: { readonly [C in PeerReviewErrorCode]: ErrorKind } = {
  [PeerReviewErrorCode.AssignmentNotFound]: ErrorKind.NotFound,
  [PeerReviewErrorCode.ModuleNotReleased]: ErrorKind.Conflict,
  [PeerReviewErrorCode.LearnersOnly]: ErrorKind.Forbidden,
  [PeerReviewErrorCode.LateSubmissionRefused]: ErrorKind.Conflict,
  [PeerReviewErrorCode.ResubmissionClosed]: ErrorKind.Conflict,
  [PeerReviewErrorCode.SubmissionRequired]: ErrorKind.Conflict,
  [PeerReviewErrorCode.ReviewNotFound]: ErrorKind.NotFound,
  [PeerReviewErrorCode.ReviewAlreadySubmitted]: ErrorKind.Conflict,
  [PeerReviewErrorCode.LeaseExpired]: ErrorKind.Conflict,
  [PeerReviewErrorCode.ReviewWindowClosed]: ErrorKind.Conflict,
  [PeerReviewErrorCode.ReviewAlreadyRemoved]: ErrorKind.Conflict,
  [PeerReviewErrorCode.FlagNotFound]: ErrorKind.NotFound,
  [PeerReviewErrorCode.SubmissionNotFound]: ErrorKind.NotFound,
  [PeerReviewErrorCode.ReviewerNotEligible]: ErrorKind.Conflict,
  [PeerReviewErrorCode.AttachmentTooLarge]: ErrorKind.PayloadTooLarge,
  [PeerReviewErrorCode.AttachmentTypeRefused]: ErrorKind.UnsupportedMediaType,
  [PeerReviewErrorCode.AttachmentNotFound]: ErrorKind.NotFound,
  [PeerReviewErrorCode.AttachmentsDisabled]: ErrorKind.Conflict,
  [PeerReviewErrorCode.TooManyUnboundAttachments]: ErrorKind.Conflict,
  [PeerReviewErrorCode.CalibrationItemNotFound]: ErrorKind.NotFound,
  [PeerReviewErrorCode.CalibrationItemReviewed]: ErrorKind.Conflict,
};

const MESSAGE: { readonly [C in PeerReviewErrorCode]: string } = {
  [PeerReviewErrorCode.AssignmentNotFound]: 'This cohort’s course has no such assignment.',
  [PeerReviewErrorCode.ModuleNotReleased]: 'The module of this assignment is not released yet.',
  [PeerReviewErrorCode.LearnersOnly]: 'Only the cohort’s active learners submit work and review it.',
  [PeerReviewErrorCode.LateSubmissionRefused]: 'Your due date has passed and this cohort does not take late work.',
  [PeerReviewErrorCode.ResubmissionClosed]: 'Your due date has passed: your submission can no longer be revised.',
  [PeerReviewErrorCode.SubmissionRequired]: 'Submit your own work for this assignment before reviewing others’.',
  [PeerReviewErrorCode.ReviewNotFound]: 'There is no such review of yours.',
  [PeerReviewErrorCode.ReviewAlreadySubmitted]: 'This review was submitted: it can no longer change.',
  [PeerReviewErrorCode.LeaseExpired]: 'Your time to review this submission ran out: ask for the next one.',
  [PeerReviewErrorCode.ReviewWindowClosed]: 'The review window of this submission has closed.',
  [PeerReviewErrorCode.ReviewAlreadyRemoved]: 'This review was already taken out of scoring.',
  [PeerReviewErrorCode.FlagNotFound]: 'This review has no open flag.',
  [PeerReviewErrorCode.SubmissionNotFound]: 'There is no such submission for this assignment.',
  [PeerReviewErrorCode.ReviewerNotEligible]:
    'The reviewer must be an active learner of the cohort, not the author, and not already reviewing it.',
  [PeerReviewErrorCode.AttachmentTooLarge]: 'The file is larger than attachments may be.',
  [PeerReviewErrorCode.AttachmentTypeRefused]: 'This type of file cannot be attached (it is told by its content).',
  [PeerReviewErrorCode.AttachmentNotFound]: 'There is no such attachment you may see.',
  [PeerReviewErrorCode.AttachmentsDisabled]: 'Attachments are turned off on this platform.',
  [PeerReviewErrorCode.TooManyUnboundAttachments]:
    'You have too many uploads not yet part of a submission: submit them first (unused ones go after a day).',
  [PeerReviewErrorCode.CalibrationItemNotFound]: 'There is no such calibration item for this assignment.',
  [PeerReviewErrorCode.CalibrationItemReviewed]:
    'A learner has already reviewed this calibration item: it can no longer change or go.',
};

export class PeerReviewError extends DomainError {
  readonly kind: ErrorKind;

  constructor(code: PeerReviewErrorCode, field?: string) {
    super(code, MESSAGE[code], field ? [{ field, message: MESSAGE[code] }] : []);
    this.kind = KIND[code];
  }
}
