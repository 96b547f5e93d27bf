import type { RubricCriterion } from '@app/courses';
import type { CriterionScore } from '../reviews/review.entity';

/** A score is "close" to the reference within this share of its criterion's range (one point in ten). */
export const CALIBRATION_CLOSE_SHARE = 0.1;

export type CalibrationAgreement = 'close' | 'higher' | 'lower';

/** One criterion of a calibration review against the reference: both scores, and how far apart they are. */
export interface CriterionComparison {
  criterionId: string;
  title: string;
  given: CriterionScore;
  reference: CriterionScore;
  /** The scores as numbers on the criterion's scale (a level counts its points). */
  givenPoints: number;
  referencePoints: number;
  /** givenPoints − referencePoints: positive when the reviewer scored higher than the reference. */
  difference: number;
  agreement: CalibrationAgreement;
}

export interface CalibrationComparison {
  criteria: CriterionComparison[];
  /** Criteria scored within a tenth of their range of the reference. */
  closeCount: number;
  /** One or two sentences for the learner. */
  summary: string;
}

/** A criterion's score as a number on its scale: a level's points, a scale criterion's value. */
export function pointsOf(criterion: RubricCriterion, score: CriterionScore | undefined): number | undefined {
  if (!score) return undefined;
  if (criterion.levels) return criterion.levels.find((l) => l.label === score.level)?.points;
  return score.value;
}

function rangeOf(criterion: RubricCriterion): number {
  const points =
    criterion.levels?.map((l) => l.points) ?? (criterion.scale ? [criterion.scale.min, criterion.scale.max] : []);
  return points.length === 0 ? 0 : Math.max(...points) - Math.min(...points);
}

const signed = (n: number): string => (n > 0 ? `+${round(n)}` : `−${round(-n)}`);
const round = (n: number): string => String(Math.round(n * 100) / 100);

/**
 * Compares a submitted calibration review with the reference, criterion by criterion in the rubric's order. Both
 * were checked against the same rubric, so every criterion has both scores; one that does not (a rubric without
 * that criterion any more) is left out rather than guessed.
 */
export function compareWithReference(
  rubric: readonly RubricCriterion[],
  given: readonly CriterionScore[],
  reference: readonly CriterionScore[],
): CalibrationComparison {
  const criteria: CriterionComparison[] = [];
  for (const criterion of rubric) {
    const mine = given.find((s) => s.criterionId === criterion.id);
    const theirs = reference.find((s) => s.criterionId === criterion.id);
    const givenPoints = pointsOf(criterion, mine);
    const referencePoints = pointsOf(criterion, theirs);
    if (!mine || !theirs || givenPoints === undefined || referencePoints === undefined) continue;
    const difference = givenPoints - referencePoints;
    const range = rangeOf(criterion);
    const close = range === 0 || Math.abs(difference) <= CALIBRATION_CLOSE_SHARE * range + 1e-9;
    criteria.push({
      criterionId: criterion.id,
      title: criterion.title,
      given: mine,
      reference: theirs,
      givenPoints,
      referencePoints,
      difference,
      agreement: close ? 'close' : difference > 0 ? 'higher' : 'lower',
    });
  }
  const closeCount = criteria.filter((c) => c.agreement === 'close').length;
  const apart = criteria.filter((c) => c.agreement !== 'close');
  const head =
    apart.length === 0
      ? 'Your scores are close to the reference on every criterion.'
      : `Your scores are close to the reference on ${closeCount} of ${criteria.length} criteria.`;
  const details = apart.map((c) => `“${c.title}”: ${c.agreement} than the reference (${signed(c.difference)} points)`);
  return { criteria, closeCount, summary: details.length > 0 ? `${head} ${details.join('; ')}.` : head };
}
