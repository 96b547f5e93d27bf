import { PlatformRole } from '@app/core';
import { Anonymity } from '@app/courses';
import { SubmitWorkUseCase } from '@app/peer-review';
import { startTestApi, v1, type TestApi } from '../support/api-app';
import { randomIp, type MadeUser } from '../support/factories';

/**
 * 200 reviewers ask for a submission at the same instant. Each of the 300 submissions needs one review (k = 1), so
 * there is enough for everyone, and any double allocation would show as a submission with two leases.
 */
describe('peer review allocation under 200 concurrent reviewers', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('gives each reviewer a distinct lease, never pushes a submission past k, and never errs', async () => {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ timeZone: 'UTC' });
    const { cohort, version } = await api.make.cohort(facilitator, {
      timeZone: 'UTC',
      capacity: 1000,
      assignment: { review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.DoubleBlind } },
    });
    const assignmentId = version.modules[0]!.assignments[0]!.id;
    const learners: MadeUser[] = [];
    for (let batch = 0; batch < 30; batch += 1) {
      learners.push(...(await Promise.all(Array.from({ length: 10 }, () => api.make.user()))));
    }
    const submit = api.app.get(SubmitWorkUseCase);
    for (const learner of learners) {
      await api.make.enrollment(cohort, learner);
      await submit.execute({ userId: learner.user.id, role: PlatformRole.User }, cohort.id, assignmentId, {
        body: `Work of ${learner.user.id}`,
        links: [],
      });
    }

    const reviewers = learners.slice(0, 200);
    const responses = await Promise.all(
      reviewers.map((reviewer) =>
        api
          .http()
          .post(v1(`/cohorts/${cohort.id}/assignments/${assignmentId}/reviews/next`))
          .set('Authorization', reviewer.auth)
          .set('X-Forwarded-For', randomIp()),
      ),
    );

    expect(responses.map((r) => r.status).filter((status) => status !== 200)).toEqual([]);
    const leases = responses.map((r) => r.body as { id: string; submissionId: string; status: string });
    expect(new Set(leases.map((l) => l.id)).size).toBe(200);
    expect(new Set(leases.map((l) => l.submissionId)).size).toBe(200);
    expect(leases.every((l) => l.status === 'leased')).toBe(true);

    const perSubmission = await api.db.query<{ reviews: number; own: number }[]>(
      `SELECT count(*)::int AS reviews, count(*) FILTER (WHERE r.reviewer_id = s.author_id)::int AS own
         FROM peer_reviews r JOIN peer_review_submissions s ON s.id = r.submission_id
        GROUP BY r.submission_id`,
    );
    expect(perSubmission).toHaveLength(200);
    expect(Math.max(...perSubmission.map((row) => row.reviews))).toBe(1);
    expect(perSubmission.reduce((sum, row) => sum + row.own, 0)).toBe(0);
  }, 180_000);
});
