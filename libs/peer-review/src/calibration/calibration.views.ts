import type { RubricCriterion } from '@app/courses';
import { renderMarkdown } from '@app/courses';
import type { CriterionScore } from '../reviews/review.entity';
import type { PersonRef } from '../reviews/peer-review.views';
import { compareWithReference, type CalibrationComparison } from './calibration-comparison';
import type { CalibrationItemRecord, CalibrationReviewRecord } from './calibration.repository';

/** A calibration item as its facilitators see it, reference included. */
export interface CalibrationItemView {
  id: string;
  position: number;
  body: string;
  bodyHtml: string;
  referenceScores: CriterionScore[];
  referenceComment: string;
  /** Learners' submitted reviews of it; once there is one, the item no longer changes. */
  reviewsSubmitted: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface CalibrationItemInput {
  body: string;
  scores: CriterionScore[];
  overallComment: string;
}

export enum CalibrationReviewStatus {
  Draft = 'draft',
  Submitted = 'submitted',
}

/**
 * A learner's calibration review, as `next` hands it (`kind: 'calibration'`) and as the learner reads it back.
 * The reference (scores, comment and the comparison) shows only once the review is submitted.
 */
export interface CalibrationReviewView {
  kind: 'calibration';
  id: string;
  itemId: string;
  /** This item's place among the assignment's calibration items (1-based), and how many there are. */
  position: number;
  itemCount: number;
  item: { body: string; bodyHtml: string };
  status: CalibrationReviewStatus;
  scores: CriterionScore[] | null;
  overallComment: string | null;
  submittedAt: Date | null;
  comparison: CalibrationComparison | null;
  referenceComment: string | null;
}

/** One learner's calibration so far, for facilitators. */
export interface CalibrationResultView {
  reviewer: PersonRef | null;
  itemCount: number;
  reviews: {
    reviewId: string;
    itemId: string;
    position: number;
    submittedAt: Date;
    comparison: CalibrationComparison;
  }[];
}

export function itemView(record: CalibrationItemRecord): CalibrationItemView {
  return {
    id: record.id,
    position: record.position,
    body: record.body,
    bodyHtml: renderMarkdown(record.body),
    referenceScores: record.referenceScores,
    referenceComment: record.referenceComment,
    reviewsSubmitted: record.reviewsSubmitted,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

export function calibrationReviewView(
  record: CalibrationReviewRecord,
  rubric: readonly RubricCriterion[],
  itemCount: number,
): CalibrationReviewView {
  const submitted = record.submittedAt !== null;
  return {
    kind: 'calibration',
    id: record.id,
    itemId: record.itemId,
    position: record.position,
    itemCount,
    item: { body: record.body, bodyHtml: renderMarkdown(record.body) },
    status: submitted ? CalibrationReviewStatus.Submitted : CalibrationReviewStatus.Draft,
    scores: record.scores,
    overallComment: record.overallComment,
    submittedAt: record.submittedAt,
    comparison: submitted ? compareWithReference(rubric, record.scores ?? [], record.referenceScores) : null,
    referenceComment: submitted ? record.referenceComment : null,
  };
}
