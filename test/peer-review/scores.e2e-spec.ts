import type { Cohort } from '@app/cohorts';
import { Anonymity } from '@app/courses';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { CohortSpec, MadeUser } from '../support/factories';

interface CriterionBody {
  criterionId: string;
  score: number;
  standardDeviation: number | null;
  reviewCount: number;
}

interface FacilitatorScoreBody {
  submissionId: string;
  author: { id: string };
  reviewsReceived: number;
  total: number | null;
  standardDeviation: number | null;
  criteria: CriterionBody[];
  needsMoreReviews: boolean;
  override: { total: number; reason: string; setBy: { id: string } | null } | null;
  history: { total: number; reason: string; setBy: { id: string } | null }[];
}

describe('peer review scores: aggregation per assignment, release, facilitator overrides', () => {
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

  /**
   * A cohort starting 2 March 2026 (UTC): module 1 is due on 8 March, 23:59 UTC, its reviews close on 11 March at
   * 23:59; the assignment's rubric: "Seal" (Leaks 0 / Holds 3, weight 2) and "Care" (0-10, weight 1).
   */
  async function setup(learnerCount: number, spec: CohortSpec['assignment'] = {}): Promise<Setup> {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Facilitator Fatima', timeZone: 'UTC' });
    const { cohort, version } = await api.make.cohort(facilitator, { timeZone: 'UTC', assignment: spec });
    const learners: MadeUser[] = [];
    for (let i = 0; i < learnerCount; i += 1) {
      const learner = await api.make.user({ displayName: `Learner ${i + 1}` });
      await api.make.enrollment(cohort, learner);
      learners.push(learner);
    }
    const assignment = version.modules[0]!.assignments[0]!;
    const base = `/cohorts/${cohort.id}/assignments/${assignment.id}`;
    for (const learner of learners) {
      const made = await as(learner).post(`${base}/submissions`, { body: 'Two clamps.', links: [] });
      expect(made.status).toBe(201);
      // A minute apart, so `next` breaks ties by age, not by random ids: the same reviews go to the same work.
      api.clock.advance(60_000);
    }
    return {
      facilitator,
      learners,
      cohort,
      base,
      criteria: { seal: assignment.rubric[0]!.id, care: assignment.rubric[1]!.id },
    };
  }

  /** The reviewer's next submission, reviewed "Holds" and `care` out of 10; returns the submission reviewed. */
  async function review(s: Setup, reviewer: MadeUser, care: number): Promise<string> {
    const next = await as(reviewer).post(`${s.base}/reviews/next`);
    expect(next.status).toBe(200);
    const id = next.body.id as string;
    const draft = await as(reviewer).put(`${s.base}/reviews/${id}`, {
      scores: [
        { criterionId: s.criteria.seal, level: 'Holds', comment: 'Holds.' },
        { criterionId: s.criteria.care, value: care, comment: 'Care.' },
      ],
      overallComment: 'Fine work.',
    });
    expect(draft.status).toBe(200);
    expect((await as(reviewer).post(`${s.base}/reviews/${id}/submit`)).status).toBe(200);
    return next.body.submissionId as string;
  }

  const scores = async (s: Setup): Promise<FacilitatorScoreBody[]> => {
    const response = await as(s.facilitator).get(`${s.base}/scores`);
    expect(response.status).toBe(200);
    expect(response.body.nextCursor).toBeNull();
    return response.body.items as FacilitatorScoreBody[];
  };

  it('the reviewer model corrects a harsh reviewer that the mean follows, and gives an uncertainty', async () => {
    const s = await setup(6, {
      review: { reviewsPerSubmission: 3, reviewsPerLearner: 3, anonymity: Anonymity.DoubleBlind },
    });
    const [harsh, ...fair] = s.learners as [MadeUser, ...MadeUser[]];
    const harshlyReviewed: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      harshlyReviewed.push(await review(s, harsh, 1));
      for (const reviewer of fair) await review(s, reviewer, 7);
    }

    const setting = await as(s.facilitator).get(`${s.base}/scoring`);
    expect(setting.body).toMatchObject({ aggregationMethod: 'model', releasedAt: null });
    const byModel = await scores(s);
    expect((await as(s.facilitator).put(`${s.base}/scoring`, { aggregationMethod: 'mean' })).body).toMatchObject({
      aggregationMethod: 'mean',
    });
    const byMean = await scores(s);

    const care = (list: FacilitatorScoreBody[], id: string) =>
      list.find((x) => x.submissionId === id)!.criteria.find((c) => c.criterionId === s.criteria.care)!;
    for (const id of harshlyReviewed) {
      // The mean of 7, 7 and 1 is 5 (5.5 when a fourth reviewer, owing one more, gave 7); the model learns from all
      // three of the harsh reviewer's reviews that they score low, and moves towards the others.
      expect(care(byMean, id).score).toBeLessThanOrEqual(5.5);
      expect(care(byMean, id).standardDeviation).toBeNull();
      expect(care(byModel, id).score).toBeGreaterThan(care(byMean, id).score + 0.5);
      expect(care(byModel, id).standardDeviation).toBeGreaterThan(0);
      const model = byModel.find((x) => x.submissionId === id)!;
      expect(model.total!).toBeGreaterThan(byMean.find((x) => x.submissionId === id)!.total!);
      expect(model.reviewsReceived).toBeGreaterThanOrEqual(3);
    }
    // Under the mean, only a submission short of k (when a reviewer owing one more got an extra) asks for more.
    expect(byMean.map((x) => x.needsMoreReviews)).toEqual(byMean.map((x) => x.reviewsReceived < 3));
  });

  it('shows a learner their score only once they gave m reviews and k are in', async () => {
    const s = await setup(3);
    const [ana, bo, cy] = s.learners as [MadeUser, MadeUser, MadeUser];
    const before = await as(ana).get(`${s.base}/scores/mine`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ released: false, total: null, criteria: [] });

    for (let round = 0; round < 2; round += 1) {
      for (const reviewer of [ana, bo, cy]) await review(s, reviewer, 6);
    }
    const after = await as(ana).get(`${s.base}/scores/mine`);
    expect(after.body).toMatchObject({ released: true, aggregationMethod: 'model', overridden: false });
    expect(after.body.total).toBeGreaterThan(0);
    expect(after.body.criteria).toHaveLength(2);
  });

  it('releases on a facilitator’s word, or once the review window has closed, and flags submissions short of k', async () => {
    const s = await setup(2);
    const [ana, bo] = s.learners as [MadeUser, MadeUser];
    await review(s, bo, 4); // bo reviews ana's submission: 1 of the 2 needed, and ana gave none.

    expect((await as(ana).get(`${s.base}/scores/mine`)).body).toMatchObject({ released: false, total: null });
    expect((await as(ana).get(`${s.base}/submissions/mine`)).body).toMatchObject({
      reviewsReleased: false,
      reviews: [],
    });
    const short = (await scores(s)).find((x) => x.author.id === ana.user.id)!;
    expect(short).toMatchObject({ reviewsReceived: 1, needsMoreReviews: true });

    const released = await as(s.facilitator).post(`${s.base}/scores/release`);
    expect(released.status).toBe(200);
    expect(released.body.releasedAt).not.toBeNull();
    const mine = await as(ana).get(`${s.base}/scores/mine`);
    expect(mine.body.released).toBe(true);
    expect(mine.body.total).toBeGreaterThan(0);
    // The reviews themselves come with the score.
    const submission = await as(ana).get(`${s.base}/submissions/mine`);
    expect(submission.body).toMatchObject({ reviewsReleased: true, reviewsReceived: 1 });
    expect(submission.body.reviews).toHaveLength(1);

    // bo's submission has no review; once the window closes (11 March, 23:59 UTC) it is released all the same.
    const other = await setup(2);
    expect((await as(other.learners[0]!).get(`${other.base}/scores/mine`)).body.released).toBe(false);
    api.clock.set('2026-03-12T00:00:00Z');
    expect((await as(other.learners[0]!).get(`${other.base}/scores/mine`)).body).toMatchObject({
      released: true,
      total: null,
    });
  });

  it('keeps every facilitator override with its reason and author, and shows the learner the overridden score', async () => {
    const s = await setup(2);
    const [ana, bo] = s.learners as [MadeUser, MadeUser];
    await review(s, bo, 4);
    await review(s, ana, 4);
    const anaSubmission = (await scores(s)).find((x) => x.author.id === ana.user.id)!.submissionId;
    const path = `${s.base}/submissions/${anaSubmission}/score-overrides`;

    const first = await as(s.facilitator).post(path, { total: 90, reason: 'The reviewers missed the pressure test.' });
    expect(first.status).toBe(200);
    api.clock.set('2026-03-04T09:00:00Z');
    const second = await as(s.facilitator).post(path, { total: 85.5, reason: 'Second look: one photo is blurry.' });
    expect(second.body).toMatchObject({
      total: 85.5,
      override: { total: 85.5, setBy: { id: s.facilitator.user.id } },
    });
    expect((second.body as FacilitatorScoreBody).history.map((h) => [h.total, h.reason])).toEqual([
      [85.5, 'Second look: one photo is blurry.'],
      [90, 'The reviewers missed the pressure test.'],
    ]);

    await as(s.facilitator).post(`${s.base}/scores/release`);
    const mine = await as(ana).get(`${s.base}/scores/mine`);
    expect(mine.body).toMatchObject({
      total: 85.5,
      overridden: true,
      overrideReason: 'Second look: one photo is blurry.',
      standardDeviation: null,
    });
    // Erasing the facilitator's account keeps the override and its reason, unnamed.
    const fatima = s.facilitator;
    expect((await as(fatima).delete(`/users/${fatima.user.id}`, { password: fatima.password })).status).toBe(204);
    expect((await as(ana).get(`${s.base}/scores/mine`)).body).toMatchObject({ total: 85.5, overridden: true });
    const kept = await api.db.query<{ set_by: string | null; reason: string }[]>(
      'SELECT set_by, reason FROM peer_review_score_overrides WHERE submission_id = $1 ORDER BY set_at',
      [anaSubmission],
    );
    expect(kept.map((o) => [o.set_by, o.reason])).toEqual([
      [null, 'The reviewers missed the pressure test.'],
      [null, 'Second look: one photo is blurry.'],
    ]);

    // bo's score is bo's own, not ana's override.
    const bos = await as(bo).get(`${s.base}/scores/mine`);
    expect(bos.body.overridden).toBe(false);
    expect(bos.body.submissionId).not.toBe(anaSubmission);
  });

  it('never shows a learner another learner’s score, nor lets them set one', async () => {
    const s = await setup(2);
    const [ana] = s.learners as [MadeUser, MadeUser];
    expect((await as(ana).get(`${s.base}/scores`)).status).toBe(403);
    expect((await as(ana).get(`${s.base}/scoring`)).status).toBe(403);
    expect((await as(ana).post(`${s.base}/scores/release`)).status).toBe(403);
    const anaSubmission = (await scores(s)).find((x) => x.author.id === ana.user.id)!.submissionId;
    const forged = await as(ana).post(`${s.base}/submissions/${anaSubmission}/score-overrides`, {
      total: 100,
      reason: 'Mine is great.',
    });
    expect(forged.status).toBe(403);
    // The facilitator has no submission of their own.
    expect((await as(s.facilitator).get(`${s.base}/scores/mine`)).status).toBe(404);
  });

  it('answers 400 naming the field for an unknown method, an out-of-range total, an empty reason, a bad id', async () => {
    const s = await setup(1);
    const submission = (await scores(s))[0]!.submissionId;
    const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

    const method = await as(s.facilitator).put(`${s.base}/scoring`, { aggregationMethod: 'average' });
    expect(method.status).toBe(400);
    expect(method.headers['content-type']).toContain('application/problem+json');
    expect(fields(method.body)).toEqual(['aggregationMethod']);

    const bad = await as(s.facilitator).post(`${s.base}/submissions/${submission}/score-overrides`, {
      total: 120,
      reason: '',
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['reason', 'total']);

    const badId = await as(s.facilitator).post(`${s.base}/submissions/nope/score-overrides`, { total: 5, reason: 'x' });
    expect(badId.status).toBe(400);
    expect(fields(badId.body)).toEqual(['submissionId']);

    const unknown = await as(s.facilitator).post(
      `${s.base}/submissions/00000000-0000-4000-8000-000000000000/score-overrides`,
      { total: 5, reason: 'x' },
    );
    expect(unknown.status).toBe(404);
  });
  it('an override is in the learner’s export (without the facilitator) and in the facilitator’s; erasing the learner clears its reason', async () => {
    const s = await setup(2);
    const [ana, bo] = s.learners as [MadeUser, MadeUser];
    await review(s, bo, 4);
    await review(s, ana, 4);
    const anaSubmission = (await scores(s)).find((x) => x.author.id === ana.user.id)!.submissionId;
    const path = `${s.base}/submissions/${anaSubmission}/score-overrides`;
    const reason = 'Ana was ill during the pressure test.';
    expect((await as(s.facilitator).post(path, { total: 70, reason })).status).toBe(200);

    const learners = await as(ana).get(`/users/${ana.user.id}/export`);
    expect(learners.body.sections.peerReview.scoreOverridesReceived).toEqual([
      {
        id: expect.any(String),
        submissionId: anaSubmission,
        cohortId: s.cohort.id,
        assignmentId: expect.any(String),
        total: 70,
        reason,
        setAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(learners.body.sections.peerReview)).not.toContain(s.facilitator.user.id);
    expect(learners.body.sections.peerReview.scoreOverridesSet).toEqual([]);
    const facilitators = await as(s.facilitator).get(`/users/${s.facilitator.user.id}/export`);
    expect(facilitators.body.sections.peerReview.scoreOverridesSet).toEqual([
      expect.objectContaining({ submissionId: anaSubmission, total: 70, reason }),
    ]);
    expect(facilitators.body.sections.peerReview.scoreOverridesReceived).toEqual([]);

    expect((await as(ana).delete(`/users/${ana.user.id}`, { password: ana.password })).status).toBe(204);
    const [kept] = (await as(s.facilitator).get(`${s.base}/scores`)).body.items.filter(
      (x: FacilitatorScoreBody) => x.submissionId === anaSubmission,
    ) as FacilitatorScoreBody[];
    expect(kept).toMatchObject({ total: 70, override: { total: 70, reason: '' } });
  });
  it('pages the facilitator’s scores and submissions with a cursor (20 by default, at most 100), every one once', async () => {
    const s = await setup(21);
    for (const list of ['scores', 'submissions']) {
      const idOf = (x: { submissionId?: string; id?: string }) => x.submissionId ?? x.id!;
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?limit=5&cursor=${encodeURIComponent(cursor)}` : '?limit=5';
        const page = await as(s.facilitator).get(`${s.base}/${list}${query}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(5);
        seen.push(...(page.body.items as { submissionId?: string; id?: string }[]).map(idOf));
        cursor = page.body.nextCursor as string | null;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(21);
      // Without a limit: 20, then the last one.
      const first = await as(s.facilitator).get(`${s.base}/${list}`);
      expect(first.body.items).toHaveLength(20);
      const rest = await as(s.facilitator).get(
        `${s.base}/${list}?cursor=${encodeURIComponent(first.body.nextCursor as string)}`,
      );
      expect(rest.body.nextCursor).toBeNull();
      expect([...first.body.items, ...rest.body.items].map(idOf)).toEqual(seen);
    }
    for (const bad of ['?limit=0', '?limit=101', '?cursor=not-ours']) {
      const refused = await as(s.facilitator).get(`${s.base}/scores${bad}`);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.errors)).toMatch(/limit|cursor/);
    }
  });
});
