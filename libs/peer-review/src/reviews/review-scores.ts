import { InvalidInputError, type FieldProblem } from '@app/core';
import type { RubricCriterion } from '@app/courses';
import type { CriterionScore } from './review.entity';

export const REVIEW_LIMITS = { commentMaxLength: 5_000, overallMaxLength: 10_000 } as const;

export interface ReviewInput {
  scores: CriterionScore[];
  overallComment?: string;
}

/**
 * Checks a review against the assignment's rubric: each score names a criterion of the rubric once, with one of its
 * levels (level criteria) or a number within its scale (scale criteria). A draft may leave criteria out; a submitted
 * review scores and comments every criterion and has an overall comment. Problems name the criterion:
 * `scores.<criterionId>`.
 */
export function checkReview(
  rubric: readonly RubricCriterion[],
  input: ReviewInput,
  complete: boolean,
): CriterionScore[] {
  const problems: FieldProblem[] = [];
  const byId = new Map(rubric.map((c) => [c.id, c]));
  const seen = new Set<string>();
  const scores: CriterionScore[] = [];
  input.scores.forEach((score, i) => {
    const criterion = byId.get(score.criterionId);
    if (!criterion) {
      problems.push({ field: `scores.${i}.criterionId`, message: 'Not a criterion of this assignment’s rubric.' });
      return;
    }
    const field = `scores.${criterion.id}`;
    if (seen.has(criterion.id)) {
      problems.push({ field, message: `“${criterion.title}” is scored twice.` });
      return;
    }
    seen.add(criterion.id);
    const problem = scoreProblem(criterion, score);
    if (problem) problems.push({ field, message: problem });
    else if (complete && !score.comment?.trim()) {
      problems.push({ field: `${field}.comment`, message: `Add a comment on “${criterion.title}”.` });
    }
    scores.push(normalized(criterion, score));
  });
  if (complete) {
    for (const criterion of rubric) {
      if (!seen.has(criterion.id)) {
        problems.push({ field: `scores.${criterion.id}`, message: `Score “${criterion.title}”.` });
      }
    }
    if (!input.overallComment?.trim()) problems.push({ field: 'overallComment', message: 'Add an overall comment.' });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return scores;
}

function scoreProblem(criterion: RubricCriterion, score: CriterionScore): string | null {
  if (criterion.levels) {
    const labels = criterion.levels.map((l) => l.label);
    if (score.value !== undefined || score.level === undefined || !labels.includes(score.level)) {
      return `“${criterion.title}” takes one of its levels: ${labels.map((l) => `“${l}”`).join(', ')}.`;
    }
    return null;
  }
  const scale = criterion.scale;
  if (!scale) return null;
  if (score.level !== undefined || score.value === undefined || !Number.isFinite(score.value)) {
    return `“${criterion.title}” takes a number from ${scale.min} to ${scale.max}.`;
  }
  if (score.value < scale.min || score.value > scale.max) {
    return `“${criterion.title}” takes a number from ${scale.min} to ${scale.max}.`;
  }
  return null;
}

function normalized(criterion: RubricCriterion, score: CriterionScore): CriterionScore {
  const kept: CriterionScore = { criterionId: criterion.id };
  if (criterion.levels) kept.level = score.level;
  else kept.value = score.value;
  if (score.comment !== undefined) kept.comment = score.comment;
  return kept;
}
