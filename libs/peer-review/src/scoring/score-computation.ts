import type { RubricCriterion } from '@app/courses';
import type {
  AggregationMethod,
  CalibrationAnchor,
  CriterionScale,
  CriterionScore as AggregatedScore,
  ReviewerStanding,
  ScoreObservation,
} from '../aggregation/aggregation.types';
import { needsMoreReviews } from '../aggregation/needs-more-reviews';
import { fitReviewerModel } from '../aggregation/reviewer-model';
import { aggregateByMean, aggregateByMedian } from '../aggregation/simple-aggregation';
import type { CriterionScore as ReviewerScore } from '../reviews/review.entity';

/** A submitted review as scoring needs it: who gave it (a stable key even once the reviewer is erased) and what. */
export interface SubmittedScores {
  submissionId: string;
  reviewerKey: string;
  scores: readonly ReviewerScore[];
}

export interface CriterionResult {
  criterionId: string;
  /** On the criterion's scale (a level criterion's scale runs from its lowest to its highest points). */
  score: number;
  /** The model's posterior standard deviation on the criterion's scale; null for mean and median. */
  standardDeviation: number | null;
  reviewCount: number;
  needsMoreReviews: boolean;
}

export interface SubmissionResult {
  criteria: CriterionResult[];
  /** Out of 100: the criteria's scores, each as a share of its scale, weighted by the rubric. */
  total: number;
  standardDeviation: number | null;
  needsMoreReviews: boolean;
}

/** The scale each criterion's scores are on; criteria whose levels all carry the same points cannot rank anyone. */
export function criterionScales(rubric: readonly RubricCriterion[]): CriterionScale[] {
  const scales: CriterionScale[] = [];
  for (const c of rubric) {
    const points = c.levels?.map((l) => l.points) ?? (c.scale ? [c.scale.min, c.scale.max] : []);
    if (points.length === 0) continue;
    const min = Math.min(...points);
    const max = Math.max(...points);
    if (max > min) scales.push({ id: c.id, min, max });
  }
  return scales;
}

/**
 * Calibration as scoring sees it: each item's reference review and the learners' submitted reviews of items. The
 * reviewer model takes the references as anchors (the item's true score is known), so a reviewer's calibration
 * reviews measure their bias directly; mean and median ignore calibration.
 */
export interface CalibrationScores {
  references: readonly { itemId: string; scores: readonly ReviewerScore[] }[];
  reviews: readonly { itemId: string; reviewerKey: string; scores: readonly ReviewerScore[] }[];
}

export const NO_CALIBRATION: CalibrationScores = { references: [], reviews: [] };

/** Calibration items enter the model under ids no submission has. */
const calibrationSubmissionId = (itemId: string): string => `calibration:${itemId}`;

/**
 * Scores of every reviewed submission of an assignment by the chosen method, fitted over the whole assignment
 * (the model learns each reviewer's bias from all their reviews, calibration reviews included). Submissions without
 * a submitted review are absent; so are calibration items.
 */
export function scoreAssignment(
  rubric: readonly RubricCriterion[],
  reviews: readonly SubmittedScores[],
  method: AggregationMethod,
  calibration: CalibrationScores = NO_CALIBRATION,
): Map<string, SubmissionResult> {
  const { scales, observations, anchors } = observationsOf(
    rubric,
    reviews,
    method === 'model' ? calibration : NO_CALIBRATION,
  );
  const byId = new Map(rubric.map((c) => [c.id, c]));
  const scaleOf = new Map(scales.map((s) => [s.id, s]));
  const aggregated = aggregate(method, scales, observations, anchors).filter((score) => !score.anchored);
  const results = new Map<string, SubmissionResult>();
  const grouped = new Map<string, AggregatedScore[]>();
  for (const score of aggregated) grouped.set(score.submissionId, [...(grouped.get(score.submissionId) ?? []), score]);
  const rubricOrder = new Map(rubric.map((c, i) => [c.id, i]));
  for (const [submissionId, scores] of grouped) {
    scores.sort((x, y) => rubricOrder.get(x.criterionId)! - rubricOrder.get(y.criterionId)!);
    const criteria = scores.map((s) => ({
      criterionId: s.criterionId,
      score: s.score,
      standardDeviation: s.standardDeviation,
      reviewCount: s.reviewCount,
      needsMoreReviews: needsMoreReviews(s, scaleOf.get(s.criterionId)!),
    }));
    results.set(submissionId, { criteria, ...total(criteria, byId, scaleOf) });
  }
  return results;
}

/**
 * Each review's scores as the aggregation reads them: on the criterion's scale, levels turned into their points.
 * Calibration reviews join them as reviews of their item, and the items' references become anchors; with no
 * submitted peer review there is nothing to fit, calibration or not.
 */
function observationsOf(
  rubric: readonly RubricCriterion[],
  reviews: readonly SubmittedScores[],
  calibration: CalibrationScores,
): { scales: CriterionScale[]; observations: ScoreObservation[]; anchors: CalibrationAnchor[] } {
  const scales = criterionScales(rubric);
  const byId = new Map(rubric.map((c) => [c.id, c]));
  const scaled = new Set(scales.map((s) => s.id));
  const pointsOf = (given: ReviewerScore): { criterionId: string; score: number } | null => {
    const criterion = byId.get(given.criterionId);
    if (!criterion || !scaled.has(criterion.id)) return null;
    const score = criterion.levels ? criterion.levels.find((l) => l.label === given.level)?.points : given.value;
    return score === undefined ? null : { criterionId: criterion.id, score };
  };
  const observe = (submissionId: string, reviewerId: string, scores: readonly ReviewerScore[]): ScoreObservation[] =>
    scores.flatMap((given) => {
      const points = pointsOf(given);
      return points ? [{ submissionId, reviewerId, ...points }] : [];
    });
  const observations = reviews.flatMap((r) => observe(r.submissionId, r.reviewerKey, r.scores));
  const anchors: CalibrationAnchor[] = [];
  if (observations.length === 0) return { scales, observations, anchors };
  for (const r of calibration.reviews) {
    observations.push(...observe(calibrationSubmissionId(r.itemId), r.reviewerKey, r.scores));
  }
  for (const item of calibration.references) {
    for (const given of item.scores) {
      const points = pointsOf(given);
      if (points) anchors.push({ submissionId: calibrationSubmissionId(item.itemId), ...points });
    }
  }
  return { scales, observations, anchors };
}

/** A reviewer's standing on one criterion: the model's figures on the criterion's scale. */
export type CriterionStanding = Omit<ReviewerStanding, 'reviewerId'>;

/** What the reviewer model learnt about one reviewer over a whole assignment. */
export interface ReviewerResult {
  /** Points out of 100 on a submission's total: how much higher than the estimated truth they score (negative: lower). */
  bias: number;
  biasStandardDeviation: number;
  /** Points out of 100: the typical size of their error on a total once their bias is taken out. */
  noiseStandardDeviation: number;
  /** In the rubric's order. */
  criteria: CriterionStanding[];
}

/**
 * Each reviewer's bias and reliability, from the same observations and the same reviewer model the scores use,
 * fitted over the whole assignment (whatever method scores it: the model is what measures a reviewer). Per criterion
 * on its scale, and on a total out of 100 weighted as the rubric weighs the criteria the reviewer scored (errors of
 * criteria taken as independent, as for a score's uncertainty). Keyed by the reviews' reviewer keys.
 */
export function reviewerStandings(
  rubric: readonly RubricCriterion[],
  reviews: readonly SubmittedScores[],
  calibration: CalibrationScores = NO_CALIBRATION,
): Map<string, ReviewerResult> {
  const { scales, observations, anchors } = observationsOf(rubric, reviews, calibration);
  const results = new Map<string, ReviewerResult>();
  if (observations.length === 0) return results;
  const scaleOf = new Map(scales.map((s) => [s.id, s]));
  const weightOf = new Map(rubric.map((c) => [c.id, c.weight]));
  const rubricOrder = new Map(rubric.map((c, i) => [c.id, i]));
  const byReviewer = new Map<string, ReviewerStanding[]>();
  for (const standing of fitReviewerModel(scales, observations, anchors).reviewers) {
    byReviewer.set(standing.reviewerId, [...(byReviewer.get(standing.reviewerId) ?? []), standing]);
  }
  for (const [reviewerId, standings] of byReviewer) {
    standings.sort((x, y) => rubricOrder.get(x.criterionId)! - rubricOrder.get(y.criterionId)!);
    let weights = 0;
    let bias = 0;
    let biasVariance = 0;
    let noiseVariance = 0;
    for (const c of standings) {
      const weight = weightOf.get(c.criterionId)!;
      const { min, max } = scaleOf.get(c.criterionId)!;
      weights += weight;
      bias += (weight * c.bias) / (max - min);
      biasVariance += ((weight * c.biasStandardDeviation) / (max - min)) ** 2;
      noiseVariance += ((weight * c.noiseStandardDeviation) / (max - min)) ** 2;
    }
    const out = (value: number): number => (weights > 0 ? (100 * value) / weights : 0);
    results.set(reviewerId, {
      bias: out(bias),
      biasStandardDeviation: out(Math.sqrt(biasVariance)),
      noiseStandardDeviation: out(Math.sqrt(noiseVariance)),
      criteria: standings.map(({ reviewerId: _, ...criterion }) => criterion),
    });
  }
  return results;
}

function aggregate(
  method: AggregationMethod,
  scales: readonly CriterionScale[],
  observations: readonly ScoreObservation[],
  anchors: readonly CalibrationAnchor[],
): AggregatedScore[] {
  if (observations.length === 0) return [];
  switch (method) {
    case 'mean':
      return aggregateByMean(scales, observations);
    case 'median':
      return aggregateByMedian(scales, observations);
    case 'model':
      return fitReviewerModel(scales, observations, anchors).scores;
  }
}

/** Criteria errors are independent in the model, so the total's variance is the weighted sum of theirs. */
function total(
  criteria: readonly CriterionResult[],
  rubric: ReadonlyMap<string, RubricCriterion>,
  scales: ReadonlyMap<string, CriterionScale>,
): Omit<SubmissionResult, 'criteria'> {
  let weights = 0;
  let share = 0;
  let variance: number | null = 0;
  for (const c of criteria) {
    const weight = rubric.get(c.criterionId)!.weight;
    const { min, max } = scales.get(c.criterionId)!;
    weights += weight;
    share += (weight * (c.score - min)) / (max - min);
    variance =
      c.standardDeviation === null || variance === null
        ? null
        : variance + ((weight * c.standardDeviation) / (max - min)) ** 2;
  }
  if (weights <= 0) return { total: 0, standardDeviation: null, needsMoreReviews: false };
  return {
    total: (100 * share) / weights,
    standardDeviation: variance === null ? null : (100 * Math.sqrt(variance)) / weights,
    needsMoreReviews: criteria.some((c) => c.needsMoreReviews),
  };
}
