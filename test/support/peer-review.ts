import type { Cohort } from '@app/cohorts';
import { signedIn, type TestApi } from './api-app';
import type { CohortSpec, MadeUser } from './factories';

export type ReviewSettings = NonNullable<CohortSpec['assignment']>['review'];

/** A cohort running one peer-reviewed assignment, its facilitator and learners who have all handed in. */
export interface PeerReviewCohort {
  facilitator: MadeUser;
  learners: MadeUser[];
  cohort: Cohort;
  /** `/cohorts/:cohortId/assignments/:assignmentId` */
  base: string;
  assignmentId: string;
  criteria: { seal: string; care: string };
}

/**
 * A cohort (UTC) whose module 1 is due 8 March 2026, 23:59, so review windows close 11 March, 23:59 (three days);
 * one learner per name, each handing in on 3 March, a minute apart (the work does not name its author). The clock
 * is left there.
 */
export async function peerReviewCohort(
  api: TestApi,
  names: string[],
  review: ReviewSettings,
): Promise<PeerReviewCohort> {
  api.clock.set('2026-03-03T12:00:00Z');
  const facilitator = await api.make.user({ displayName: 'Facilitator Fatima', timeZone: 'UTC' });
  const { cohort, version } = await api.make.cohort(facilitator, { timeZone: 'UTC', assignment: { review } });
  const assignment = version.modules[0]!.assignments[0]!;
  const base = `/cohorts/${cohort.id}/assignments/${assignment.id}`;
  const learners: MadeUser[] = [];
  for (const [i, name] of names.entries()) {
    const learner = await api.make.user({ displayName: name });
    await api.make.enrollment(cohort, learner);
    const handedIn = await signedIn(api, learner).post(`${base}/submissions`, {
      body: `How I sealed the tube (work ${i + 1}).`,
    });
    if (handedIn.status !== 201) throw new Error(`${name} could not hand in: ${JSON.stringify(handedIn.body)}`);
    learners.push(learner);
    api.clock.advance(60_000);
  }
  return {
    facilitator,
    learners,
    cohort,
    base,
    assignmentId: assignment.id,
    criteria: { seal: assignment.rubric[0]!.id, care: assignment.rubric[1]!.id },
  };
}

/** A review scoring every criterion, with comments. */
export const fullReview = (s: Pick<PeerReviewCohort, 'criteria'>) => ({
  scores: [
    { criterionId: s.criteria.seal, level: 'Holds', comment: 'No leak after a day.' },
    { criterionId: s.criteria.care, value: 8, comment: 'Clean clamps.' },
  ],
  overallComment: 'A tight seal, well documented.',
});

/** `reviewer` takes the next review, writes it in full and submits it; the submitted review's body. */
export async function reviewNext(api: TestApi, s: PeerReviewCohort, reviewer: MadeUser): Promise<{ id: string }> {
  const as = signedIn(api, reviewer);
  const next = await as.post(`${s.base}/reviews/next`);
  if (next.status !== 200) throw new Error(`next: ${next.status} ${JSON.stringify(next.body)}`);
  const reviewId = (next.body as { id: string }).id;
  const saved = await as.put(`${s.base}/reviews/${reviewId}`, fullReview(s));
  if (saved.status !== 200) throw new Error(`draft: ${saved.status} ${JSON.stringify(saved.body)}`);
  const submitted = await as.post(`${s.base}/reviews/${reviewId}/submit`);
  if (submitted.status !== 200) throw new Error(`submit: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  return submitted.body as { id: string };
}
