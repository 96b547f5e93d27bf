import { InvalidInputError, type FieldProblem } from '@app/core';

export const SUBMISSION_LIMITS = {
  bodyMaxLength: 50_000,
  linksMax: 10,
  linkMaxLength: 2_000,
  /** The DTO's bound; PEER_REVIEW_ATTACHMENTS_PER_VERSION (at most this) is checked when binding. */
  attachmentsMax: 20,
} as const;

export interface SubmissionInput {
  /** Markdown. */
  body: string;
  links: string[];
  /** Uploads (POST .../attachments) to bind to this version, in the order shown. */
  attachmentIds?: string[];
}

/** Links must be absolute http(s) URLs (no javascript:, data: or relative ones). */
export function checkSubmissionInput(input: SubmissionInput): SubmissionInput {
  const problems: FieldProblem[] = [];
  if (input.body.trim() === '' && input.links.length === 0 && (input.attachmentIds ?? []).length === 0) {
    problems.push({ field: 'body', message: 'Write something, give at least one link or attach a file.' });
  }
  input.links.forEach((link, i) => {
    const url = URL.canParse(link) ? new URL(link) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      problems.push({ field: `links.${i}`, message: 'Must be an absolute http or https URL.' });
    }
  });
  if (problems.length > 0) throw new InvalidInputError(problems);
  return {
    body: input.body,
    links: input.links.map((l) => new URL(l).toString()),
    attachmentIds: input.attachmentIds ?? [],
  };
}
