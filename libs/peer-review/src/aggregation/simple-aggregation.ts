import type { CriterionScale, CriterionScore, ScoreObservation } from './aggregation.types';
import { canonicalOrder, checkedScales } from './observation-checks';

/** The plain mean of each submission's scores on each criterion. */
export function aggregateByMean(
  criteria: readonly CriterionScale[],
  observations: readonly ScoreObservation[],
): CriterionScore[] {
  return aggregateEach(criteria, observations, (scores) => scores.reduce((sum, s) => sum + s, 0) / scores.length);
}

/** The median of each submission's scores on each criterion (the mean of the two middle ones for an even count). */
export function aggregateByMedian(
  criteria: readonly CriterionScale[],
  observations: readonly ScoreObservation[],
): CriterionScore[] {
  return aggregateEach(criteria, observations, median);
}

export function median(scores: readonly number[]): number {
  const sorted = [...scores].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function aggregateEach(
  criteria: readonly CriterionScale[],
  observations: readonly ScoreObservation[],
  combine: (scores: number[]) => number,
): CriterionScore[] {
  const scales = checkedScales(criteria, observations);
  const groups = new Map<string, { submissionId: string; criterionId: string; scores: number[] }>();
  for (const o of canonicalOrder(observations)) {
    const key = JSON.stringify([o.criterionId, o.submissionId]);
    const group = groups.get(key) ?? { submissionId: o.submissionId, criterionId: o.criterionId, scores: [] };
    group.scores.push(o.score);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ submissionId, criterionId, scores }) => {
    const scale = scales.get(criterionId)!;
    // Rounding in the sum can step a hair outside the scale when every score sits on a bound.
    const score = Math.min(scale.max, Math.max(scale.min, combine(scores)));
    return { submissionId, criterionId, score, standardDeviation: null, reviewCount: scores.length, anchored: false };
  });
}
