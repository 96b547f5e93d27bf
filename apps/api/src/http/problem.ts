import { STATUS_CODES } from 'node:http';
import type { FieldProblem } from '@app/core';

/** An RFC 9457 problem details body. `code` is stable; clients switch on it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Pick<ProblemBody, 'instance' | 'requestId' | 'errors'> = {},
): ProblemBody {
  return {
    type: `urn:commonplace:problem:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    code,
    detail,
    ...extra,
    ...(extra.errors && extra.errors.length > 0 ? {} : { errors: undefined }),
  };
}
