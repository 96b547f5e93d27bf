import { InvalidInputError, type FieldProblem } from '@app/core';

export const SUBMISSION_LIMITS = {
  bodyMaxLength: 50_000,
  linksMax: 10,
  linkMaxLength: 2_000,
} as const;

export interface SubmissionInput {
  /** Markdown. */
  body: string;
  links: string[];
}

/** Links must be absolute http(s) URLs (no javascript:, data: or relative ones). */
export function checkSubmissionInput(input: SubmissionInput): SubmissionInput {
  const problems: FieldProblem[] = [];
  if (input.body.trim() === '' && input.links.length === 0) {
    problems.push({ field: 'body', message: 'Write something or give at least one link.' });
  }
  input.links.forEach((link, i) => {
    const url = URL.canParse(link) ? new URL(link) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      problems.push({ field: `links.${i}`, message: 'Must be an absolute http or https URL.' });
    }
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return { body: input.body, links: input.links.map((l) => new URL(l).toString()) };
}
