import type { CriterionScale, CriterionScore } from './aggregation.types';

/**
 * Default largest acceptable posterior standard deviation, as a share of the criterion's range: 5% (5 points of
 * 100) keeps the 95% interval (±1.96 sd) within about ±10 points, the band the accuracy benchmark reports.
 */
export const DEFAULT_MAX_STANDARD_DEVIATION_SHARE = 0.05;

/**
 * Whether a score is too uncertain to release as is: the API then raises the submission's priority for one more
 * review, or queues it for a facilitator once the window has closed. Scores without an uncertainty (mean, median)
 * and calibration items never ask for more.
 */
export function needsMoreReviews(
  score: CriterionScore,
  scale: CriterionScale,
  maxStandardDeviationShare = DEFAULT_MAX_STANDARD_DEVIATION_SHARE,
): boolean {
  if (score.anchored || score.standardDeviation === null) return false;
  return score.standardDeviation > maxStandardDeviationShare * (scale.max - scale.min);
}
