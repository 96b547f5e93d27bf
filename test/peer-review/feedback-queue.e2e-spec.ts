import { Anonymity } from '@app/courses';
import type { Cohort } from '@app/cohorts';
import { CountedReviews } from '@app/peer-review';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { CohortSpec, MadeUser } from '../support/factories';

interface ReviewBody {
  id: string;
  submissionId: string;
  status: string;
  staff: boolean;
  reviewer: { id: string; displayName: string | null } | null;
}

describe('peer review: authors rate and flag reviews, facilitators work the review queue', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ PEER_REVIEW_LEASE_MINUTES: '30' });
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  interface Setup {
    facilitator: MadeUser;
    learners: MadeUser[];
    cohort: Cohort;
    base: string;
    assignmentId: string;
    criteria: { seal: string; care: string };
  }

  /** A cohort (UTC) whose module 1 is due 8 March 2026, 23:59: review windows close 11 March, 23:59. */
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
      expect((await as(learner).post(`${base}/submissions`, { body: `By ${learner.user.displayName}` })).status).toBe(
        201,
      );
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

  const fullReview = (s: Setup) => ({
    scores: [
      { criterionId: s.criteria.seal, level: 'Holds', comment: 'No leak after a day.' },
      { criterionId: s.criteria.care, value: 8, comment: 'Clean clamps.' },
    ],
    overallComment: 'A tight seal, well documented.',
  });

  async function writeAndSubmit(s: Setup, reviewer: MadeUser, reviewId: string): Promise<ReviewBody> {
    expect((await as(reviewer).put(`${s.base}/reviews/${reviewId}`, fullReview(s))).status).toBe(200);
    const submitted = await as(reviewer).post(`${s.base}/reviews/${reviewId}/submit`);
    expect(submitted.status).toBe(200);
    return submitted.body as ReviewBody;
  }

  async function reviewNext(s: Setup, reviewer: MadeUser): Promise<ReviewBody> {
    const next = await as(reviewer).post(`${s.base}/reviews/next`);
    expect(next.status).toBe(200);
    return writeAndSubmit(s, reviewer, (next.body as ReviewBody).id);
  }

  /** Ana and Bruno review each other (k = m = 1, double-blind): each one's review is released to the other. */
  async function reviewedPair(): Promise<Setup & { ana: MadeUser; bruno: MadeUser; ofAna: string; ofBruno: string }> {
    const s = await setup(['Ana', 'Bruno'], {
      reviewsPerSubmission: 1,
      reviewsPerLearner: 1,
      anonymity: Anonymity.DoubleBlind,
    });
    const [ana, bruno] = s.learners as [MadeUser, MadeUser];
    const ofBruno = (await reviewNext(s, ana)).id;
    const ofAna = (await reviewNext(s, bruno)).id;
    return { ...s, ana, bruno, ofAna, ofBruno };
  }

  const counted = (s: Setup) => api.app.get(CountedReviews).ofAssignment(s.cohort.id, s.assignmentId);
  const removed = (s: Setup) => api.app.get(CountedReviews).removedOfAssignment(s.cohort.id, s.assignmentId);

  it('the author rates a review of their work (1-5, a new rating replaces the last), never naming the reviewer', async () => {
    const s = await reviewedPair();
    const rating = `${s.base}/submissions/mine/reviews/${s.ofAna}/rating`;

    const rated = await as(s.ana).put(rating, { helpfulness: 4 });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ helpfulness: 4, flag: null, review: { id: s.ofAna, reviewer: null } });
    expect(JSON.stringify(rated.body)).not.toContain(s.bruno.user.id);
    expect(JSON.stringify(rated.body)).not.toContain('Bruno');
    const changed = await as(s.ana).put(rating, { helpfulness: 2 });
    expect(changed.body.helpfulness).toBe(2);
    expect((await counted(s)).find((r) => r.reviewId === s.ofAna)?.helpfulness).toBe(2);

    // The reviewer, the facilitator, or a review of someone else's work: not found.
    expect((await as(s.bruno).put(rating, { helpfulness: 5 })).status).toBe(404);
    expect((await as(s.facilitator).put(rating, { helpfulness: 5 })).status).toBe(404);
    const notMine = await as(s.ana).put(`${s.base}/submissions/mine/reviews/${s.ofBruno}/rating`, { helpfulness: 5 });
    expect(notMine.status).toBe(404);
    expect(notMine.body.code).toBe('review_not_found');

    for (const helpfulness of [0, 6, 3.5, '4']) {
      const bad = await as(s.ana).put(rating, { helpfulness });
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'helpfulness' })]);
    }
  });

  it('a review not yet released to its author cannot be rated', async () => {
    const s = await setup(['Ana', 'Bruno'], {
      reviewsPerSubmission: 1,
      reviewsPerLearner: 1,
      anonymity: Anonymity.DoubleBlind,
    });
    const [ana, bruno] = s.learners as [MadeUser, MadeUser];
    const byBruno = await reviewNext(s, bruno); // Ana has given none of her m = 1: hidden from her
    const early = await as(ana).put(`${s.base}/submissions/mine/reviews/${byBruno.id}/rating`, { helpfulness: 3 });
    expect(early.status).toBe(404);
    await reviewNext(s, ana);
    const released = await as(ana).put(`${s.base}/submissions/mine/reviews/${byBruno.id}/rating`, { helpfulness: 3 });
    expect(released.status).toBe(200);
  });

  it('my own rating and flag come back with the reviews I received (after a reload), and to nobody else', async () => {
    const s = await reviewedPair();
    type Received = ReviewBody & { myFeedback?: unknown };
    const received = async (who: MadeUser): Promise<Received[]> => {
      const mine = await as(who).get(`${s.base}/submissions/mine`);
      expect(mine.status).toBe(200);
      return mine.body.reviews as Received[];
    };
    expect((await received(s.ana)).map((r) => [r.id, r.myFeedback])).toEqual([
      [s.ofAna, { helpfulness: null, flag: null }],
    ]);

    const rated = await as(s.ana).put(`${s.base}/submissions/mine/reviews/${s.ofAna}/rating`, { helpfulness: 4 });
    expect(rated.status).toBe(200);
    expect(rated.body.review).not.toHaveProperty('myFeedback');
    const flag = { reason: 'no_effort', note: 'Two words.' };
    expect((await as(s.ana).put(`${s.base}/submissions/mine/reviews/${s.ofAna}/flag`, flag)).status).toBe(200);
    expect((await received(s.ana)).map((r) => [r.id, r.reviewer, r.myFeedback])).toEqual([
      [
        s.ofAna,
        null,
        { helpfulness: 4, flag: { reason: 'no_effort', note: 'Two words.', flaggedAt: expect.any(String) } },
      ],
    ]);

    // Bruno wrote that review: his own received review carries only his (empty) feedback, his written one none.
    expect((await received(s.bruno)).map((r) => [r.id, r.myFeedback])).toEqual([
      [s.ofBruno, { helpfulness: null, flag: null }],
    ]);
    const written = await as(s.bruno).get(`${s.base}/reviews/mine`);
    expect(written.status).toBe(200);
    expect(written.body).toEqual([expect.objectContaining({ id: s.ofAna })]);
    expect(written.body[0]).not.toHaveProperty('myFeedback');
    expect(JSON.stringify(written.body)).not.toContain('Two words.');

    // Bruno rating his review leaves Ana's feedback as it was.
    expect(
      (await as(s.bruno).put(`${s.base}/submissions/mine/reviews/${s.ofBruno}/rating`, { helpfulness: 1 })).status,
    ).toBe(200);
    expect((await received(s.bruno))[0]!.myFeedback).toEqual({ helpfulness: 1, flag: null });
    expect((await received(s.ana))[0]!.myFeedback).toEqual({
      helpfulness: 4,
      flag: { reason: 'no_effort', note: 'Two words.', flaggedAt: expect.any(String) },
    });

    // The facilitator's list of submissions names reviewers but carries nobody's own feedback.
    const all = await as(s.facilitator).get(`${s.base}/submissions`);
    expect(all.status).toBe(200);
    const reviews = (all.body.items as { reviews: Received[] }[]).flatMap((x) => x.reviews);
    expect(reviews.map((r) => r.id).sort()).toEqual([s.ofAna, s.ofBruno].sort());
    for (const review of reviews) expect(review).not.toHaveProperty('myFeedback');
    // And the facilitator has no submission of their own to read anyone's feedback through.
    const own = await as(s.facilitator).get(`${s.base}/submissions/mine`);
    expect(own.status).toBe(404);
  });

  it('a flag reaches the facilitators’ queue with the reviewer named, never learners; removal keeps the review out of scoring with its reason', async () => {
    const s = await reviewedPair();
    const flagPath = `${s.base}/submissions/mine/reviews/${s.ofAna}/flag`;

    const badReason = await as(s.ana).put(flagPath, { reason: 'rude' });
    expect(badReason.status).toBe(400);
    expect(badReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

    const flagged = await as(s.ana).put(flagPath, { reason: 'off_topic', note: 'About another assignment.' });
    expect(flagged.status).toBe(200);
    expect(flagged.body).toMatchObject({
      flag: { reason: 'off_topic', note: 'About another assignment.' },
      review: { reviewer: null },
    });
    expect(JSON.stringify(flagged.body)).not.toContain(s.bruno.user.id);

    expect((await as(s.ana).get(`${s.base}/review-queue`)).status).toBe(403);
    expect((await as(s.bruno).get(`${s.base}/review-queue`)).status).toBe(403);
    const queue = await as(s.facilitator).get(`${s.base}/review-queue`);
    expect(queue.status).toBe(200);
    expect(queue.body.flaggedReviews).toEqual([
      expect.objectContaining({
        reviewId: s.ofAna,
        reason: 'off_topic',
        note: 'About another assignment.',
        reviewer: { id: s.bruno.user.id, displayName: 'Bruno' },
        author: { id: s.ana.user.id, displayName: 'Ana' },
      }),
    ]);

    expect((await counted(s)).map((r) => r.reviewId).sort()).toEqual([s.ofAna, s.ofBruno].sort());
    const reviewsOfAna = async (): Promise<unknown> => {
      const scores = await as(s.facilitator).get(`${s.base}/scores`);
      expect(scores.status).toBe(200);
      const own = (
        scores.body.items as { author: { id: string }; reviewsReceived: number; total: number | null }[]
      ).find((x) => x.author.id === s.ana.user.id);
      return { reviewsReceived: own?.reviewsReceived, scored: own?.total !== null };
    };
    expect(await reviewsOfAna()).toEqual({ reviewsReceived: 1, scored: true });
    const removal = `${s.base}/review-queue/reviews/${s.ofAna}/removal`;
    expect((await as(s.ana).post(removal, { reason: 'Off topic.' })).status).toBe(403);
    const noReason = await as(s.facilitator).post(removal, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    api.clock.advance(60_000);
    expect((await as(s.facilitator).post(removal, { reason: 'Reviews another assignment.' })).status).toBe(204);

    expect((await counted(s)).map((r) => r.reviewId)).toEqual([s.ofBruno]);
    // Out of the score too: Ana's submission has no counted review left.
    expect(await reviewsOfAna()).toEqual({ reviewsReceived: 0, scored: false });
    expect(await removed(s)).toEqual([
      expect.objectContaining({
        reviewId: s.ofAna,
        removedReason: 'Reviews another assignment.',
        removedBy: s.facilitator.user.id,
        removedAt: api.clock.now(),
      }),
    ]);
    expect((await as(s.facilitator).get(`${s.base}/review-queue`)).body.flaggedReviews).toEqual([]);
    const again = await as(s.facilitator).post(removal, { reason: 'Twice.' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('review_already_removed');
    // Kept: the facilitators still see it among the submission's reviews.
    const all = await as(s.facilitator).get(`${s.base}/submissions`);
    expect(JSON.stringify(all.body)).toContain(s.ofAna);
    // Ana no longer counts it nor sees it, and can no longer rate or flag it.
    const mine = await as(s.ana).get(`${s.base}/submissions/mine`);
    expect(mine.body).toMatchObject({ reviewsReceived: 0, reviews: [] });
    expect((await as(s.ana).put(flagPath, { reason: 'no_effort' })).status).toBe(404);
  });

  it('a removed review stops counting towards k: its submission goes back to the front of the pool', async () => {
    const s = await setup(['Ana', 'Bruno', 'Chen', 'Dan'], {
      reviewsPerSubmission: 1,
      reviewsPerLearner: 1,
      anonymity: Anonymity.DoubleBlind,
    });
    const [ana, bruno, chen] = s.learners as [MadeUser, MadeUser, MadeUser];
    // Ana's, Bruno's and Chen's submissions get their one review each; Dan's none yet.
    const reviewed = [await reviewNext(s, chen), await reviewNext(s, ana), await reviewNext(s, bruno)];
    const authorOf = new Map(
      (
        (await as(s.facilitator).get(`${s.base}/submissions`)).body.items as { id: string; author: { id: string } }[]
      ).map((x) => [x.id, x.author.id]),
    );
    expect(reviewed.map((r) => authorOf.get(r.submissionId)).sort()).toEqual(
      [ana.user.id, bruno.user.id, chen.user.id].sort(),
    );
    const ofAna = reviewed.find((r) => authorOf.get(r.submissionId) === ana.user.id)!;
    const removal = `${s.base}/review-queue/reviews/${ofAna.id}/removal`;
    expect((await as(s.facilitator).post(removal, { reason: 'Copied from the rubric.' })).status).toBe(204);

    // Eve joins late; Ana's submission (0 counted, due and submitted first) now comes before Dan's.
    const eve = await api.make.user({ displayName: 'Eve' });
    await api.make.enrollment(s.cohort, eve);
    expect((await as(eve).post(`${s.base}/submissions`, { body: 'By Eve' })).status).toBe(201);
    const next = await as(eve).post(`${s.base}/reviews/next`);
    expect(next.status).toBe(200);
    expect(next.body.submissionId).toBe(ofAna.submissionId);
  });

  it('the export holds the author’s ratings and flags; erasing the author clears their flag note, the flag stays', async () => {
    const s = await reviewedPair();
    const received = `${s.base}/submissions/mine/reviews/${s.ofAna}`;
    expect((await as(s.ana).put(`${received}/rating`, { helpfulness: 1 })).status).toBe(200);
    expect(
      (await as(s.ana).put(`${received}/flag`, { reason: 'inappropriate', note: 'Mocks my spelling.' })).status,
    ).toBe(200);

    const exported = await as(s.ana).get(`/users/${s.ana.user.id}/export`);
    expect(exported.body.sections.peerReview.reviewsReceived).toEqual([
      expect.objectContaining({
        id: s.ofAna,
        helpfulness: 1,
        flagReason: 'inappropriate',
        flagNote: 'Mocks my spelling.',
      }),
    ]);

    expect((await as(s.ana).delete(`/users/${s.ana.user.id}`, { password: s.ana.password })).status).toBe(204);
    const queue = await as(s.facilitator).get(`${s.base}/review-queue`);
    expect(queue.body.flaggedReviews).toEqual([
      expect.objectContaining({ reviewId: s.ofAna, reason: 'inappropriate', note: null }),
    ]);
  });

  it('a dismissed flag leaves the queue and the review keeps counting', async () => {
    const s = await reviewedPair();
    expect(
      (await as(s.bruno).put(`${s.base}/submissions/mine/reviews/${s.ofBruno}/flag`, { reason: 'no_effort' })).status,
    ).toBe(200);
    expect((await as(s.facilitator).get(`${s.base}/review-queue`)).body.flaggedReviews).toHaveLength(1);

    const dismissal = `${s.base}/review-queue/reviews/${s.ofBruno}/flag-dismissal`;
    expect((await as(s.bruno).post(dismissal)).status).toBe(403);
    expect((await as(s.facilitator).post(dismissal)).status).toBe(204);
    expect((await as(s.facilitator).get(`${s.base}/review-queue`)).body.flaggedReviews).toEqual([]);
    expect((await counted(s)).map((r) => r.reviewId)).toContain(s.ofBruno);
    const again = await as(s.facilitator).post(dismissal);
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('flag_not_found');
  });

  it('after the window closes, submissions short of k are queued; a hand-picked learner and a staff review fill them', async () => {
    const s = await setup(['Ana', 'Bruno', 'Chen'], {
      reviewsPerSubmission: 2,
      reviewsPerLearner: 2,
      anonymity: Anonymity.DoubleBlind,
    });
    const [ana, bruno, chen] = s.learners as [MadeUser, MadeUser, MadeUser];
    const first = await reviewNext(s, ana);
    const queue = () => as(s.facilitator).get(`${s.base}/review-queue`);

    expect((await queue()).body.shortOfReviews).toEqual([]); // the window is still open
    api.clock.set('2026-03-12T00:00:00Z');
    const short = (await queue()).body.shortOfReviews as { submissionId: string; reviewsReceived: number }[];
    expect(short).toHaveLength(3);
    const target = short.find((x) => x.submissionId === first.submissionId)!;
    expect(target).toMatchObject({ reviewsNeeded: 2, reviewsReceived: 1, openLeases: 0 });
    const authorOf = new Map(
      (
        (await as(s.facilitator).get(`${s.base}/submissions`)).body.items as { id: string; author: { id: string } }[]
      ).map((x) => [x.author.id, x.id]),
    );
    const chensOwn = authorOf.get(chen.user.id)!;
    const anasOwn = authorOf.get(ana.user.id)!;
    // Ana reviewed Bruno's or Chen's; pick a learner who is neither its author nor Ana.
    const helper = first.submissionId === authorOf.get(bruno.user.id) ? chen : bruno;

    const reviewers = (submissionId: string) => `${s.base}/review-queue/submissions/${submissionId}/reviewers`;
    const missing = await as(s.facilitator).post(reviewers(first.submissionId), {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'reviewerId' })]);
    const own = await as(s.facilitator).post(reviewers(chensOwn), { reviewerId: chen.user.id });
    expect(own.status).toBe(409);
    expect(own.body).toMatchObject({ code: 'reviewer_not_eligible' });
    const twice = await as(s.facilitator).post(reviewers(first.submissionId), { reviewerId: ana.user.id });
    expect(twice.status).toBe(409);
    expect((await as(helper).post(reviewers(anasOwn), { reviewerId: helper.user.id })).status).toBe(403);

    const handed = await as(s.facilitator).post(reviewers(first.submissionId), { reviewerId: helper.user.id });
    expect(handed.status).toBe(201);
    expect(handed.body).toMatchObject({ status: 'leased', staff: false, reviewer: { id: helper.user.id } });
    const mine = await as(helper).get(`${s.base}/reviews/mine`);
    expect(mine.body).toEqual([
      expect.objectContaining({ id: handed.body.id, submissionId: first.submissionId, status: 'leased' }),
    ]);
    // Handed after the window closed, it can still be submitted: that is what it is for.
    await writeAndSubmit(s, helper, handed.body.id as string);
    // No longer short of k (two reviews by new reviewers may still leave the model unsure: listed as `uncertain`).
    expect(
      ((await queue()).body.shortOfReviews as { submissionId: string; reason: string }[])
        .filter((x) => x.reason === 'short_of_reviews')
        .map((x) => x.submissionId),
    ).not.toContain(first.submissionId);

    const staff = await as(s.facilitator).post(reviewers(anasOwn), { staff: true });
    expect(staff.status).toBe(201);
    expect(staff.body).toMatchObject({ staff: true, reviewer: { id: s.facilitator.user.id } });
    const submitted = await writeAndSubmit(s, s.facilitator, staff.body.id as string);
    expect(submitted).toMatchObject({ status: 'submitted', staff: true });
    expect((await counted(s)).find((r) => r.reviewId === staff.body.id)).toMatchObject({ staff: true });
    const anas = await as(ana).get(`${s.base}/submissions/mine`);
    expect(anas.body).toMatchObject({ reviewsReceived: 1, reviews: [expect.objectContaining({ staff: true })] });
    expect(
      ((await queue()).body.shortOfReviews as { submissionId: string; reviewsReceived: number }[]).find(
        (x) => x.submissionId === anasOwn,
      ),
    ).toMatchObject({ reviewsReceived: 1 });
  });
});
