import type { Cohort } from '@app/cohorts';
import type { AssignmentInput } from '@app/courses';
import { signedIn, type TestApi } from './api-app';
import type { MadeUser } from './factories';

/** A cohort (UTC, fixed deadlines) whose first module has a peer-reviewed assignment, with its learners enrolled. */
export interface ReviewCohort {
  cohort: Cohort;
  facilitator: MadeUser;
  /** `/cohorts/<cohort>/assignments/<assignment>`, the API's assignment routes. */
  base: string;
  assignmentId: string;
  criteria: { seal: string; care: string };
}

/**
 * Module 1 of a cohort starting 2 March 2026 in UTC is due on 8 March, 23:59 UTC; its review window closes on
 * 11 March, 23:59 UTC (the default 3 days). The assignment is "Seal the tube" (k = 2, m = 2, double-blind unless
 * `assignment` says otherwise).
 */
export async function reviewCohort(
  api: TestApi,
  facilitator: MadeUser,
  learners: readonly MadeUser[],
  assignment: Partial<AssignmentInput> = {},
): Promise<ReviewCohort> {
  const { cohort, version } = await api.make.cohort(facilitator, { timeZone: 'UTC', assignment });
  for (const learner of learners) await api.make.enrollment(cohort, learner);
  const made = version.modules[0]!.assignments[0]!;
  return {
    cohort,
    facilitator,
    base: `/cohorts/${cohort.id}/assignments/${made.id}`,
    assignmentId: made.id,
    criteria: { seal: made.rubric[0]!.id, care: made.rubric[1]!.id },
  };
}

export async function submitWork(api: TestApi, rc: ReviewCohort, learner: MadeUser): Promise<string> {
  const res = await signedIn(api, learner).post(`${rc.base}/submissions`, { body: 'Two clamps.', links: [] });
  if (res.status !== 201) throw new Error(`submission refused: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { submissionId: string }).submissionId;
}

/** The reviewer's next lease: the review's and the submission's ids. */
export async function leaseNext(
  api: TestApi,
  rc: ReviewCohort,
  reviewer: MadeUser,
): Promise<{ reviewId: string; submissionId: string; leaseExpiresAt: Date }> {
  const res = await signedIn(api, reviewer).post(`${rc.base}/reviews/next`);
  if (res.status !== 200) throw new Error(`next refused: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { id: string; submissionId: string; leaseExpiresAt: string };
  return { reviewId: body.id, submissionId: body.submissionId, leaseExpiresAt: new Date(body.leaseExpiresAt) };
}

/** Drafts and submits the review (every criterion scored and commented); the submitted review as answered. */
export async function submitReview(
  api: TestApi,
  rc: ReviewCohort,
  reviewer: MadeUser,
  reviewId: string,
): Promise<Record<string, unknown>> {
  const as = signedIn(api, reviewer);
  const draft = await as.put(`${rc.base}/reviews/${reviewId}`, {
    scores: [
      { criterionId: rc.criteria.seal, level: 'Holds', comment: 'Holds.' },
      { criterionId: rc.criteria.care, value: 7, comment: 'Careful.' },
    ],
    overallComment: 'Fine work.',
  });
  if (draft.status !== 200) throw new Error(`draft refused: ${draft.status} ${JSON.stringify(draft.body)}`);
  const done = await as.post(`${rc.base}/reviews/${reviewId}/submit`);
  if (done.status !== 200) throw new Error(`submit refused: ${done.status} ${JSON.stringify(done.body)}`);
  return done.body as Record<string, unknown>;
}

/** Leases the next submission and submits its review; the submission reviewed. */
export async function reviewNext(api: TestApi, rc: ReviewCohort, reviewer: MadeUser): Promise<string> {
  const { reviewId, submissionId } = await leaseNext(api, rc, reviewer);
  await submitReview(api, rc, reviewer, reviewId);
  return submissionId;
}
