import type { CriterionScale, CriterionScore } from './aggregation.types';

/**
 * Default largest acceptable posterior standard deviation, as a share of the criterion's range: 7.5%, a 95%
 * interval of about ±15% on the criterion. In the accuracy benchmark (6-level criteria, 10% careless reviewers)
 * 3 careful reviews give 0.055-0.07 and 5 give 0.04-0.05, so this flags the scores that rest on careless or
 * untried reviewers (about a tenth at k = 3), not every score; the sd of a total over several criteria is smaller.
 */
export const DEFAULT_MAX_STANDARD_DEVIATION_SHARE = 0.075;

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
