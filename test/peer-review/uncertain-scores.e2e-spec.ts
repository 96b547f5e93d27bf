import { Anonymity } from '@app/courses';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

interface QueueEntry {
  submissionId: string;
  reason: string;
  reviewsNeeded: number;
  reviewsReceived: number;
  standardDeviation: number | null;
}

/**
 * Scores the reviewer model is too unsure of, through HTTP: with k = 1, one review leaves the model unsure (its
 * standard deviation is over 7.5% of each criterion's range), so the submission needs one more. Open reviews, so a
 * reviewer sees whose work they were handed.
 */
describe('peer review: uncertain scores ask for one more review, then reach the facilitator queue', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  it('raises an uncertain submission above a settled one for the next reviewer, then queues it once the window closes', async () => {
    // The cohort starts on 2 March 2026 (UTC): module 1 is due on 8 March, its reviews close on 11 March, 23:59.
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ timeZone: 'UTC' });
    const { cohort, version } = await api.make.cohort(facilitator, {
      timeZone: 'UTC',
      assignment: { review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.Open } },
    });
    const assignment = version.modules[0]!.assignments[0]!;
    const [seal, care] = assignment.rubric.map((c) => c.id) as [string, string];
    const base = `/cohorts/${cohort.id}/assignments/${assignment.id}`;
    const [ana, bo, cy, di] = await Promise.all(
      ['Ana', 'Bo', 'Cy', 'Di'].map((displayName) => api.make.user({ displayName })),
    );
    const submissionOf = new Map<string, string>();
    for (const learner of [ana!, bo!, cy!, di!]) {
      await api.make.enrollment(cohort, learner);
      api.clock.advance(60_000);
      const made = await as(learner).post(`${base}/submissions`, { body: 'Two clamps.', links: [] });
      submissionOf.set(learner.user.id, made.body.submissionId as string);
    }
    const [sAna, sBo, sCy, sDi] = [ana!, bo!, cy!, di!].map((l) => submissionOf.get(l.user.id)!) as [
      string,
      string,
      string,
      string,
    ];

    /** Reviews what `next` hands; returns the submission reviewed. */
    const review = async (reviewer: MadeUser): Promise<string> => {
      const next = await as(reviewer).post(`${base}/reviews/next`);
      expect(next.status).toBe(200);
      const id = next.body.id as string;
      const draft = await as(reviewer).put(`${base}/reviews/${id}`, {
        scores: [
          { criterionId: seal, level: 'Holds', comment: 'Holds.' },
          { criterionId: care, value: 6, comment: 'Careful.' },
        ],
        overallComment: 'Fine.',
      });
      expect(draft.status).toBe(200);
      expect((await as(reviewer).post(`${base}/reviews/${id}/submit`)).status).toBe(200);
      return next.body.submissionId as string;
    };
    const queue = async (): Promise<QueueEntry[]> => {
      const res = await as(facilitator).get(`${base}/review-queue`);
      expect(res.status).toBe(200);
      return res.body.shortOfReviews as QueueEntry[];
    };

    // First round, the oldest first and no reciprocal pair: each submission gets its k = 1 review.
    expect(await review(di!)).toBe(sAna);
    expect(await review(ana!)).toBe(sBo);
    expect(await review(bo!)).toBe(sCy);
    expect(await review(cy!)).toBe(sDi);
    const scores = await as(facilitator).get(`${base}/scores`);
    const flagged = (scores.body as { items: { submissionId: string; needsMoreReviews: boolean }[] }).items.filter(
      (s) => s.needsMoreReviews,
    );
    expect(flagged.map((s) => s.submissionId).sort()).toEqual([sAna, sBo, sCy, sDi].sort());
    // A facilitator settles Cy's score: it needs no more reviews. The others, as unsure, need one more.
    const override = await as(facilitator).post(`${base}/submissions/${sCy}/score-overrides`, {
      total: 80,
      reason: 'Checked the photos myself.',
    });
    expect(override.status).toBe(200);

    // Ana may review Cy's or Di's. As extra reviews, Cy's would come first (Di reviewed Ana: a reciprocal pair);
    // but Di's needs one more (k + 1) and Cy's does not, so Ana gets Di's.
    expect(await review(ana!)).toBe(sDi);

    // The window closes: every submission has its k reviews, but the model stays unsure of all but Cy's (settled by
    // hand): they are queued as uncertain, Di's with its two reviews.
    api.clock.set('2026-03-12T00:00:00Z');
    const closed = await queue();
    expect(closed.map((e) => [e.submissionId, e.reason, e.reviewsNeeded, e.reviewsReceived]).sort()).toEqual(
      [
        [sAna, 'uncertain', 2, 1],
        [sBo, 'uncertain', 2, 1],
        [sDi, 'uncertain', 2, 2],
      ].sort(),
    );
    for (const entry of closed) expect(entry.standardDeviation).toBeGreaterThan(0);

    // Mean and median give no uncertainty: under the mean, nothing is left for the facilitator.
    expect((await as(facilitator).put(`${base}/scoring`, { aggregationMethod: 'mean' })).status).toBe(200);
    expect(await queue()).toEqual([]);
    // Back to the model: uncertain again, until a facilitator sets a score.
    expect((await as(facilitator).put(`${base}/scoring`, { aggregationMethod: 'model' })).status).toBe(200);
    expect(await queue()).toHaveLength(3);
    await as(facilitator).post(`${base}/submissions/${sDi}/score-overrides`, { total: 70, reason: 'Read it myself.' });
    expect((await queue()).map((e) => e.submissionId).sort()).toEqual([sAna, sBo].sort());
  });

  it('keeps the uncertain set whole when reviews are submitted at the same instant', async () => {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ timeZone: 'UTC' });
    const { cohort, version } = await api.make.cohort(facilitator, {
      timeZone: 'UTC',
      assignment: { review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.DoubleBlind } },
    });
    const assignment = version.modules[0]!.assignments[0]!;
    const [seal, care] = assignment.rubric.map((c) => c.id) as [string, string];
    const base = `/cohorts/${cohort.id}/assignments/${assignment.id}`;
    const learners = await Promise.all(Array.from({ length: 6 }, () => api.make.user()));
    for (const learner of learners) {
      await api.make.enrollment(cohort, learner);
      expect((await as(learner).post(`${base}/submissions`, { body: 'Two clamps.', links: [] })).status).toBe(201);
    }
    const leases: string[] = [];
    for (const learner of learners) {
      const next = await as(learner).post(`${base}/reviews/next`);
      const id = next.body.id as string;
      const draft = await as(learner).put(`${base}/reviews/${id}`, {
        scores: [
          { criterionId: seal, level: 'Holds', comment: 'Holds.' },
          { criterionId: care, value: 6, comment: 'Careful.' },
        ],
        overallComment: 'Fine.',
      });
      expect(draft.status).toBe(200);
      leases.push(id);
    }
    const submitted = await Promise.all(
      learners.map((learner, i) => as(learner).post(`${base}/reviews/${leases[i]}/submit`)),
    );
    expect(submitted.map((r) => r.status)).toEqual(learners.map(() => 200));
    // Each submission has its one review, and each one review leaves the model unsure: all six are queued.
    api.clock.set('2026-03-12T00:00:00Z');
    const queue = await as(facilitator).get(`${base}/review-queue`);
    expect((queue.body.shortOfReviews as QueueEntry[]).map((e) => [e.reason, e.reviewsReceived])).toEqual(
      learners.map(() => ['uncertain', 1]),
    );
  });
});
