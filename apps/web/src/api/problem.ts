/** An RFC 9457 problem as the API answers every error: a stable code, and the fields it names. */
export interface Problem {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && typeof (value as Problem).code === 'string';
}

/** The problem's message for one field (the first), to show next to that field; undefined when it names none. */
export function fieldError(problem: Problem | null | undefined, field: string): string | undefined {
  return problem?.errors?.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
}

/** Thrown by the query helpers so TanStack Query carries the problem to the page. */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? problem.code);
  }
}
