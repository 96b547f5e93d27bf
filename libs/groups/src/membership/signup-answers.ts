import { InvalidInputError, type FieldProblem } from '@app/core';
import { GROUP_LIMITS } from '../groups/group-input';
import type { SignupQuestion } from '../study-group.entity';

/**
 * A joiner's answers, keyed by question id: every required question answered, no unknown ids, nothing oversized.
 * Blank answers to optional questions are dropped. Throws one 400 naming every bad answer (`answers.<id>`).
 */
export function checkSignupAnswers(questions: SignupQuestion[], given: unknown): Record<string, string> {
  const problems: FieldProblem[] = [];
  const answers: Record<string, string> = {};
  const raw = (given ?? {}) as Record<string, unknown>;
  const known = new Set(questions.map((q) => q.id));
  for (const [id, value] of Object.entries(raw)) {
    const field = `answers.${id}`;
    if (!known.has(id)) problems.push({ field, message: 'the group asks no question with this id' });
    else if (typeof value !== 'string') problems.push({ field, message: `${field} must be a string` });
    else if (value.length > GROUP_LIMITS.answerLength) {
      problems.push({ field, message: `${field} must be at most ${GROUP_LIMITS.answerLength} characters` });
    } else if (value.trim().length > 0) answers[id] = value.trim();
  }
  for (const q of questions) {
    const field = `answers.${q.id}`;
    if (q.required && answers[q.id] === undefined && !problems.some((p) => p.field === field)) {
      problems.push({ field, message: 'this question needs an answer' });
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return answers;
}
