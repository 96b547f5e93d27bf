import type { Cohort } from '@app/cohorts';
import { Anonymity } from '@app/courses';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { CohortSpec, MadeUser } from '../support/factories';

interface StandingBody {
  reviewer: { id: string; displayName: string | null };
  staff: boolean;
  reviewsRequired: number;
  reviewsGiven: number;
  reviewsOnTime: number;
  reviewsLate: number;
  helpfulness: { mean: number | null; ratings: number };
  bias: number | null;
  noiseStandardDeviation: number | null;
  criteria: { criterionId: string; title: string; bias: number; reliability: number }[];
}

describe('reviewer standing: bias and reliability, helpfulness, reviews on time', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  interface Setup {
    facilitator: MadeUser;
    learners: MadeUser[];
    cohort: Cohort;
    base: string;
    criteria: { seal: string; care: string };
  }

  /** Module 1 is due 8 March 2026, 23:59 UTC; its reviews close 11 March, 23:59. Rubric: Seal (levels), Care (0-10). */
  async function setup(names: string[], review: NonNullable<CohortSpec['assignment']>['review']): Promise<Setup> {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Facilitator Fatima', timeZone: 'UTC' });
    const { cohort, version } = await api.make.cohort(facilitator, { timeZone: 'UTC', assignment: { review } });
    const learners: MadeUser[] = [];
    for (const name of names) {
      const learner = await api.make.user({ displayName: name });
      await api.make.enrollment(cohort, learner);
      learners.push(learner);
    }
    const assignment = version.modules[0]!.assignments[0]!;
    const base = `/cohorts/${cohort.id}/assignments/${assignment.id}`;
    for (const learner of learners) {
      expect((await as(learner).post(`${base}/submissions`, { body: 'Two clamps.', links: [] })).status).toBe(201);
    }
    return {
      facilitator,
      learners,
      cohort,
      base,
      criteria: { seal: assignment.rubric[0]!.id, care: assignment.rubric[1]!.id },
    };
  }

  async function write(s: Setup, reviewer: MadeUser, reviewId: string, care: number): Promise<void> {
    const draft = await as(reviewer).put(`${s.base}/reviews/${reviewId}`, {
      scores: [
        { criterionId: s.criteria.seal, level: 'Holds', comment: 'Holds.' },
        { criterionId: s.criteria.care, value: care, comment: 'Care.' },
      ],
      overallComment: 'Fine work.',
    });
    expect(draft.status).toBe(200);
    expect((await as(reviewer).post(`${s.base}/reviews/${reviewId}/submit`)).status).toBe(200);
  }

  async function reviewNext(s: Setup, reviewer: MadeUser, care: number): Promise<string> {
    const next = await as(reviewer).post(`${s.base}/reviews/next`);
    expect(next.status).toBe(200);
    await write(s, reviewer, next.body.id as string, care);
    return next.body.id as string;
  }

  it('shows facilitators every reviewer, the harsh one measured lower; each reviewer sees only their own, in words', async () => {
    const s = await setup(['Harsh Hana', 'Ana', 'Bruno', 'Chen', 'Dara', 'Emil'], {
      reviewsPerSubmission: 3,
      reviewsPerLearner: 3,
      anonymity: Anonymity.DoubleBlind,
    });
    const [harsh, ...fair] = s.learners as [MadeUser, ...MadeUser[]];
    const harshReviews: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      harshReviews.push(await reviewNext(s, harsh, 1));
      for (const reviewer of fair) await reviewNext(s, reviewer, 7);
    }
    // An author who received one of the harsh reviews rates it (it is released: they gave 3 and got 3).
    const submissions = (await as(s.facilitator).get(`${s.base}/submissions?limit=100`)).body.items as {
      id: string;
      author: { id: string; displayName: string };
      reviews: { id: string }[];
    }[];
    const rated = submissions.find((x) => x.reviews.some((r) => r.id === harshReviews[0]))!;
    const author = s.learners.find((l) => l.user.id === rated.author.id)!;
    const rating = await as(author).put(`${s.base}/submissions/mine/reviews/${harshReviews[0]}/rating`, {
      helpfulness: 2,
    });
    expect(rating.status).toBe(200);

    const all = await as(s.facilitator).get(`${s.base}/reviewer-standing`);
    expect(all.status).toBe(200);
    const reviewers = all.body.reviewers as StandingBody[];
    expect(reviewers).toHaveLength(6);
    const hana = reviewers.find((r) => r.reviewer.id === harsh.user.id)!;
    expect(hana).toMatchObject({
      reviewer: { displayName: 'Harsh Hana' },
      staff: false,
      reviewsRequired: 3,
      reviewsGiven: 3,
      reviewsOnTime: 3,
      reviewsLate: 0,
      helpfulness: { mean: 2, ratings: 1 },
    });
    const others = reviewers.filter((r) => r.reviewer.id !== harsh.user.id);
    // Care is a third of the total; a reviewer 6 points of 10 below the others is several points of 100 below.
    expect(hana.bias!).toBeLessThan(-3);
    for (const other of others) expect(other.bias!).toBeGreaterThan(hana.bias! + 3);
    const care = hana.criteria.find((c) => c.criterionId === s.criteria.care)!;
    expect(care).toMatchObject({ title: 'Care' });
    expect(care.bias).toBeLessThan(-1);
    expect(care.reliability).toBeGreaterThan(0);
    expect(all.body.summary).toMatchObject({ reviewers: 6, owingReviews: 0, onTimeShare: 1, meanHelpfulness: 2 });

    const mine = await as(harsh).get(`${s.base}/reviewer-standing/mine`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ reviewsGiven: 3, reviewsRequired: 3, helpfulness: { mean: 2, ratings: 1 } });
    expect(mine.body.bias).toBeCloseTo(hana.bias!, 6);
    expect(mine.body.feedback).toContain('You gave 3 of the 3 reviews asked of you, all on time.');
    expect(
      (mine.body.feedback as string[]).some((l) => /^You score about \d+ points lower than your peers/.test(l)),
    ).toBe(true);
    expect(mine.body.feedback).toContain('Authors rated your reviews 2.0 out of 5 for helpfulness (1 rating).');
    // Double-blind: nothing in it names an author, another reviewer, a submission or a review.
    const text = JSON.stringify(mine.body);
    for (const learner of fair) {
      expect(text).not.toContain(learner.user.id);
      expect(text).not.toContain(learner.user.displayName);
    }
    for (const x of submissions) {
      expect(text).not.toContain(x.id);
      for (const r of x.reviews) expect(text).not.toContain(r.id);
    }

    // A fair reviewer hears they are in line; learners cannot read the facilitators' list.
    const fairs = await as(fair[0]!).get(`${s.base}/reviewer-standing/mine`);
    expect(fairs.body.feedback).toContain('On average your scores are in line with your peers’.');
    expect((await as(harsh).get(`${s.base}/reviewer-standing`)).status).toBe(403);

    // Summed over the cohort's assignments (one here): the same figures, and the assignment's summary.
    const cohort = await as(s.facilitator).get(`/cohorts/${s.cohort.id}/reviewer-standing`);
    expect(cohort.status).toBe(200);
    expect(cohort.body.assignments).toEqual([
      expect.objectContaining({ title: 'Seal the tube', summary: expect.objectContaining({ reviewers: 6 }) }),
    ]);
    const hanaInCohort = (cohort.body.reviewers as StandingBody[]).find((r) => r.reviewer.id === harsh.user.id)!;
    expect(hanaInCohort).toMatchObject({ reviewsGiven: 3, reviewsRequired: 3, helpfulness: { mean: 2, ratings: 1 } });
    expect(hanaInCohort.bias).toBeCloseTo(hana.bias!, 6);
    expect((await as(harsh).get(`/cohorts/${s.cohort.id}/reviewer-standing`)).status).toBe(403);
    const outsider = await api.make.user({ displayName: 'Outsider' });
    expect([403, 404]).toContain((await as(outsider).get(`${s.base}/reviewer-standing/mine`)).status);
  });

  it('counts a review given after the review window closed as late, and reviews still owed', async () => {
    const s = await setup(['Ana', 'Bruno', 'Chen'], {
      reviewsPerSubmission: 2,
      reviewsPerLearner: 2,
      anonymity: Anonymity.DoubleBlind,
    });
    const [ana, bruno] = s.learners as [MadeUser, MadeUser, MadeUser];
    const before = await as(bruno).get(`${s.base}/reviewer-standing/mine`);
    expect(before.body).toMatchObject({ reviewsGiven: 0, reviewsRequired: 2, bias: null });
    expect(before.body.feedback[0]).toBe('You have not given a review yet: this assignment asks 2 reviews of you.');

    api.clock.set('2026-03-12T00:00:00Z'); // the review window closed at 23:59 on 11 March
    const anasOwn = (
      (await as(s.facilitator).get(`${s.base}/submissions`)).body.items as { id: string; author: { id: string } }[]
    ).find((x) => x.author.id === ana.user.id)!.id;
    const handed = await as(s.facilitator).post(`${s.base}/review-queue/submissions/${anasOwn}/reviewers`, {
      reviewerId: bruno.user.id,
    });
    expect(handed.status).toBe(201);
    await write(s, bruno, handed.body.id as string, 6);

    const mine = await as(bruno).get(`${s.base}/reviewer-standing/mine`);
    expect(mine.body).toMatchObject({ reviewsGiven: 1, reviewsOnTime: 0, reviewsLate: 1, reviewsRequired: 2 });
    expect(mine.body.feedback).toContain(
      'You gave 1 of the 2 reviews asked of you, 1 review after your review window closed.',
    );
    const all = await as(s.facilitator).get(`${s.base}/reviewer-standing`);
    expect(all.body.summary).toMatchObject({ reviewers: 3, owingReviews: 3, onTimeShare: 0 });
    expect((all.body.reviewers as StandingBody[]).find((r) => r.reviewer.id === bruno.user.id)).toMatchObject({
      reviewsLate: 1,
    });
  });

  it('answers 400 for a malformed assignment id and 404 for an unknown one', async () => {
    const s = await setup(['Ana'], { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.Open });
    const root = `/cohorts/${s.cohort.id}/assignments`;
    const bad = await as(s.facilitator).get(`${root}/not-a-uuid/reviewer-standing`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('assignmentId');
    const unknown = await as(s.learners[0]!).get(`${root}/${s.cohort.id}/reviewer-standing/mine`);
    expect(unknown.status).toBe(404);
  });
});
