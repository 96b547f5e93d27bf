import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { getSession } from './session';
import { ProblemError, isProblem, type Problem } from './problem';

/**
 * The typed API client, generated from the API's OpenAPI document (schema.d.ts): every path, parameter and body is
 * checked by the compiler against what the API states.
 */
export const api = createClient<paths>({ baseUrl: '' });

const bearer: Middleware = {
  onRequest({ request }) {
    const session = getSession();
    if (session) request.headers.set('Authorization', `Bearer ${session.accessToken}`);
    return request;
  },
};
api.use(bearer);

/** The data of a response, or a ProblemError carrying the API's problem (for queries and mutations). */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok)
    throw new ProblemError(asProblem(result.error, result.response));
  return result.data as T;
}

function asProblem(error: unknown, response: Response): Problem {
  if (isProblem(error)) return { ...error, status: response.status };
  return { status: response.status, code: 'unexpected_response', title: response.statusText };
}

/** The problem a failed query or mutation carries, if it is one of the API's. */
export function problemOf(error: unknown): Problem | null {
  return error instanceof ProblemError ? error.problem : null;
}
