import { Anonymity } from '@app/courses';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

/** The cohort option that keeps reviewers off the work of their own cohort group, through HTTP. */
describe('peer review allocation: not from the reviewer’s own cohort group', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  it('is off by default, set by facilitators, and kept when a client leaves it out', async () => {
    const facilitator = await api.make.user();
    const learner = await api.make.user();
    const { cohort } = await api.make.cohort(facilitator, { timeZone: 'UTC' });
    await api.make.enrollment(cohort, learner);
    const path = `/cohorts/${cohort.id}/peer-review-settings`;

    expect((await as(facilitator).get(path)).body).toMatchObject({ excludeOwnGroup: false });
    const on = await as(facilitator).put(path, { lateSubmissions: false, reviewWindowDays: 3, excludeOwnGroup: true });
    expect(on.status).toBe(200);
    expect(on.body).toMatchObject({ excludeOwnGroup: true });
    const kept = await as(facilitator).put(path, { lateSubmissions: true, reviewWindowDays: 4 });
    expect(kept.body).toMatchObject({ lateSubmissions: true, reviewWindowDays: 4, excludeOwnGroup: true });
    const bad = await as(facilitator).put(path, { lateSubmissions: true, reviewWindowDays: 4, excludeOwnGroup: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['excludeOwnGroup']);
    expect(
      (await as(learner).put(path, { lateSubmissions: false, reviewWindowDays: 3, excludeOwnGroup: false })).status,
    ).toBe(403);
    expect((await as(facilitator).get(path)).body).toMatchObject({ excludeOwnGroup: true });
  });

  it('never hands work by a member of the reviewer’s group; with nothing else left, nothing to review', async () => {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ timeZone: 'UTC' });
    const { cohort, version } = await api.make.cohort(facilitator, {
      timeZone: 'UTC',
      assignment: { review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.Open } },
    });
    const [ana, bo, cy, di, ed] = await Promise.all(
      ['Ana', 'Bo', 'Cy', 'Di', 'Ed'].map((displayName) => api.make.user({ displayName })),
    );
    const base = `/cohorts/${cohort.id}/assignments/${version.modules[0]!.assignments[0]!.id}`;
    // Submitted in this order, so without the option the oldest other submission comes first: Ana's, then Bo's.
    for (const learner of [ana!, bo!, cy!, di!, ed!]) {
      await api.make.enrollment(cohort, learner);
      api.clock.advance(60_000);
      expect((await as(learner).post(`${base}/submissions`, { body: 'Two clamps.', links: [] })).status).toBe(201);
    }
    await api.make.cohortGroup(cohort, facilitator, [ana!, bo!], { number: 1, learnersOnly: true });
    await api.make.cohortGroup(cohort, facilitator, [cy!, di!], { number: 2, learnersOnly: true });
    const settings = `/cohorts/${cohort.id}/peer-review-settings`;
    await as(facilitator).put(settings, { lateSubmissions: false, reviewWindowDays: 3, excludeOwnGroup: true });

    const [seal, care] = version.modules[0]!.assignments[0]!.rubric.map((c) => c.id) as [string, string];
    /** Reviews what `next` hands; the author's name (the assignment is open), or null for "nothing to review". */
    const authorOf = async (reviewer: MadeUser): Promise<string | null> => {
      const next = await as(reviewer).post(`${base}/reviews/next`);
      if (next.status === 204) return null;
      expect(next.status).toBe(200);
      const id = next.body.id as string;
      const draft = await as(reviewer).put(`${base}/reviews/${id}`, {
        scores: [
          { criterionId: seal, level: 'Holds', comment: 'x' },
          { criterionId: care, value: 5, comment: 'x' },
        ],
        overallComment: 'Fine.',
      });
      expect(draft.status).toBe(200);
      expect((await as(reviewer).post(`${base}/reviews/${id}/submit`)).status).toBe(200);
      return (next.body.author as { displayName: string }).displayName;
    };

    // Ana (group 1 with Bo) gets everyone's work but Bo's, then nothing: the rule holds even with Bo's still waiting.
    const anaGot: (string | null)[] = [];
    for (let i = 0; i < 4; i += 1) anaGot.push(await authorOf(ana!));
    expect(anaGot).toEqual(['Cy', 'Di', 'Ed', null]);
    // Ed, in no group, may get anyone's: Bo's (Ana's, as old, would make a reciprocal pair: Ana reviewed Ed).
    expect(await authorOf(ed!)).toBe('Bo');
    // Cy (group 2 with Di): Ana's and Bo's are open, Di's is not.
    expect(await authorOf(cy!)).toBe('Ana');

    // Off again: Di gets extra reviews of everyone's work, Cy's included (Ana's last: Ana reviewed Di).
    await as(facilitator).put(settings, { lateSubmissions: false, reviewWindowDays: 3, excludeOwnGroup: false });
    const diGot: (string | null)[] = [];
    for (let i = 0; i < 5; i += 1) diGot.push(await authorOf(di!));
    expect(diGot).toEqual(['Bo', 'Cy', 'Ed', 'Ana', null]);
  });
});
