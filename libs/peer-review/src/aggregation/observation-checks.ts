import type { CalibrationAnchor, CriterionScale, ScoreObservation } from './aggregation.types';

/**
 * Scales by criterion id, after checking the input the aggregations rely on: finite scores inside their
 * criterion's range. The API validates reviews before they are stored, so a failure here is a programming error,
 * never a learner's: it throws rather than returning a NaN score.
 */
export function checkedScales(
  criteria: readonly CriterionScale[],
  observations: readonly ScoreObservation[],
  anchors: readonly CalibrationAnchor[] = [],
): Map<string, CriterionScale> {
  const scales = new Map<string, CriterionScale>();
  for (const criterion of criteria) {
    if (!Number.isFinite(criterion.min) || !Number.isFinite(criterion.max) || criterion.min >= criterion.max) {
      throw new RangeError(`criterion ${criterion.id}: the scale needs finite min < max`);
    }
    scales.set(criterion.id, criterion);
  }
  for (const { criterionId, score } of [...observations, ...anchors]) {
    const scale = scales.get(criterionId);
    if (!scale) throw new RangeError(`criterion ${criterionId}: no scale given`);
    if (!Number.isFinite(score) || score < scale.min || score > scale.max) {
      throw new RangeError(`criterion ${criterionId}: score ${score} is outside [${scale.min}, ${scale.max}]`);
    }
  }
  return scales;
}

/**
 * Observations in one canonical order (criterion, submission, reviewer, score), whatever order they came in:
 * floating-point sums depend on their order, and the same reviews must give the same scores to the last bit.
 */
export function canonicalOrder(observations: readonly ScoreObservation[]): ScoreObservation[] {
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...observations].sort(
    (a, b) =>
      compare(a.criterionId, b.criterionId) ||
      compare(a.submissionId, b.submissionId) ||
      compare(a.reviewerId, b.reviewerId) ||
      a.score - b.score,
  );
}
