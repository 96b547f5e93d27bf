/** One reviewer's score for one criterion of one submission, on that criterion's scale. */
export interface ScoreObservation {
  submissionId: string;
  reviewerId: string;
  criterionId: string;
  score: number;
}

/** A rubric criterion's scale: scores are numbers in [min, max], min < max (rubric levels are usually integers). */
export interface CriterionScale {
  id: string;
  min: number;
  max: number;
}

/**
 * A calibration item's known score on one criterion (set by a facilitator). The reviewer model holds the
 * submission's true score at this value, so the reviews it received measure their reviewers' biases directly.
 */
export interface CalibrationAnchor {
  submissionId: string;
  criterionId: string;
  score: number;
}

export type AggregationMethod = 'mean' | 'median' | 'model';

/** A submission's aggregated score on one criterion. */
export interface CriterionScore {
  submissionId: string;
  criterionId: string;
  /** On the criterion's scale, within [min, max]. */
  score: number;
  /**
   * Posterior standard deviation of the score, on the criterion's scale; null for mean and median, which do not
   * estimate one (their spread across k reviews is not the score's uncertainty).
   */
  standardDeviation: number | null;
  reviewCount: number;
  /** True for a calibration item: its score is the known one, not an estimate. */
  anchored: boolean;
}

/** What the reviewer model learned about one reviewer on one criterion. */
export interface ReviewerStanding {
  reviewerId: string;
  criterionId: string;
  /** How much higher than the truth this reviewer scores, on the criterion's scale (negative: harsher). */
  bias: number;
  biasStandardDeviation: number;
  /** Expected precision τ of the reviewer's scores (1 / variance, on the criterion's scale). */
  reliability: number;
  /** 1 / √reliability: the typical size of this reviewer's error once the bias is removed. */
  noiseStandardDeviation: number;
  reviewCount: number;
}
