import type { Cohort } from '@app/cohorts';
import { Anonymity } from '@app/courses';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { CohortSpec, MadeUser } from '../support/factories';

interface ComparisonBody {
  criteria: {
    criterionId: string;
    givenPoints: number;
    referencePoints: number;
    difference: number;
    agreement: string;
  }[];
  closeCount: number;
  summary: string;
}

/** Calibration through HTTP: facilitators' example submissions, learners reviewing them first, the comparison. */
describe('peer review calibration', () => {
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
    seal: string;
    care: string;
  }

  /** A cohort whose learners have all submitted; the rubric: "Seal" (Leaks 0 / Holds 3) and "Care" (0-10). */
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
      expect((await as(learner).post(`${base}/submissions`, { body: 'Two clamps.', links: [] })).status).toBe(201);
    }
    return { facilitator, learners, cohort, base, seal: assignment.rubric[0]!.id, care: assignment.rubric[1]!.id };
  }

  const reference = (s: Setup, seal: string, care: number, body = 'One clamp, no tape.') => ({
    body,
    scores: [
      { criterionId: s.seal, level: seal, comment: `Seal: ${seal}.` },
      { criterionId: s.care, value: care, comment: `Care: ${care}.` },
    ],
    overallComment: 'What a careful reviewer would say.',
  });

  const draft = (s: Setup, seal: string, care: number) => ({
    scores: [
      { criterionId: s.seal, level: seal, comment: 'Seal.' },
      { criterionId: s.care, value: care, comment: 'Care.' },
    ],
    overallComment: 'My review.',
  });

  /** Reviews whatever `next` hands (calibration or peer) with these scores; returns what was handed. */
  async function reviewNext(s: Setup, who: MadeUser, seal: string, care: number) {
    const next = await as(who).post(`${s.base}/reviews/next`);
    expect(next.status).toBe(200);
    const path = next.body.kind === 'calibration' ? 'calibration-reviews' : 'reviews';
    expect((await as(who).put(`${s.base}/${path}/${next.body.id}`, draft(s, seal, care))).status).toBe(200);
    const submitted = await as(who).post(`${s.base}/${path}/${next.body.id}/submit`);
    expect(submitted.status).toBe(200);
    return { kind: next.body.kind as string, submitted: submitted.body as Record<string, unknown> };
  }

  it('facilitators add, list, replace and delete items; the reference is checked against the rubric', async () => {
    const s = await setup(1);
    const [learner] = s.learners as [MadeUser];

    const bad = await as(s.facilitator).post(`${s.base}/calibration-items`, {
      ...reference(s, 'Holds', 4),
      scores: [
        { criterionId: s.seal, level: 'Drips', comment: 'x' },
        { criterionId: s.care, value: 11, comment: 'x' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
      [`scores.${s.seal}`, `scores.${s.care}`].sort(),
    );
    const missing = await as(s.facilitator).post(`${s.base}/calibration-items`, {
      ...reference(s, 'Holds', 4),
      scores: [{ criterionId: s.seal, level: 'Holds', comment: 'x' }],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toEqual([`scores.${s.care}`]);
    expect((await as(learner).post(`${s.base}/calibration-items`, reference(s, 'Holds', 4))).status).toBe(403);
    expect((await as(learner).get(`${s.base}/calibration-items`)).status).toBe(403);

    const first = await as(s.facilitator).post(
      `${s.base}/calibration-items`,
      reference(s, 'Holds', 4, 'First **one**'),
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ position: 1, bodyHtml: expect.stringContaining('<strong>one</strong>') });
    const second = await as(s.facilitator).post(`${s.base}/calibration-items`, reference(s, 'Leaks', 2, 'Second'));
    expect(second.body).toMatchObject({ position: 2, reviewsSubmitted: 0 });

    const replaced = await as(s.facilitator).put(
      `${s.base}/calibration-items/${second.body.id}`,
      reference(s, 'Leaks', 1, 'Second, rewritten'),
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ position: 2, body: 'Second, rewritten' });
    expect((await as(s.facilitator).delete(`${s.base}/calibration-items/${first.body.id}`)).status).toBe(204);
    const list = await as(s.facilitator).get(`${s.base}/calibration-items`);
    expect(list.body.map((i: { id: string }) => i.id)).toEqual([second.body.id]);

    // Once a learner has reviewed it, the reference is what their comparison rests on: it stays.
    await reviewNext(s, learner, 'Leaks', 1);
    const frozen = await as(s.facilitator).put(
      `${s.base}/calibration-items/${second.body.id}`,
      reference(s, 'Holds', 9),
    );
    expect(frozen.status).toBe(409);
    expect(frozen.body.code).toBe('calibration_item_reviewed');
    expect((await as(s.facilitator).delete(`${s.base}/calibration-items/${second.body.id}`)).status).toBe(409);
    const unknown = await as(s.facilitator).delete(`${s.base}/calibration-items/${first.body.id}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('calibration_item_not_found');
  });

  it('hands the items first, in order, then compares each submitted review with the reference; never counts them', async () => {
    const s = await setup(3, { review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.Open } });
    const [ana, bo] = s.learners as [MadeUser, MadeUser, MadeUser];
    const one = await as(s.facilitator).post(`${s.base}/calibration-items`, reference(s, 'Holds', 4, 'Item one'));
    const two = await as(s.facilitator).post(`${s.base}/calibration-items`, reference(s, 'Leaks', 8, 'Item two'));

    const next = await as(ana).post(`${s.base}/reviews/next`);
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({
      kind: 'calibration',
      itemId: one.body.id,
      position: 1,
      itemCount: 2,
      item: { body: 'Item one' },
      status: 'draft',
      comparison: null,
      referenceComment: null,
    });
    // The reference stays hidden until the review is in.
    expect(JSON.stringify(next.body)).not.toContain('Care: 4.');
    // Asked again before submitting: the same item, not the second one nor a peer's work.
    expect((await as(ana).post(`${s.base}/reviews/next`)).body.id).toBe(next.body.id);

    const invalid = await as(ana).put(`${s.base}/calibration-reviews/${next.body.id}`, {
      scores: [{ criterionId: s.care, value: 12 }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe(`scores.${s.care}`);
    expect((await as(ana).put(`${s.base}/calibration-reviews/${next.body.id}`, draft(s, 'Holds', 7))).status).toBe(200);
    // Someone else's calibration review is not found.
    expect((await as(bo).post(`${s.base}/calibration-reviews/${next.body.id}/submit`)).status).toBe(404);

    const submitted = await as(ana).post(`${s.base}/calibration-reviews/${next.body.id}/submit`);
    expect(submitted.status).toBe(200);
    const comparison = submitted.body.comparison as ComparisonBody;
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      referenceComment: 'What a careful reviewer would say.',
    });
    expect(comparison.criteria).toEqual([
      expect.objectContaining({
        criterionId: s.seal,
        givenPoints: 3,
        referencePoints: 3,
        difference: 0,
        agreement: 'close',
      }),
      expect.objectContaining({
        criterionId: s.care,
        givenPoints: 7,
        referencePoints: 4,
        difference: 3,
        agreement: 'higher',
      }),
    ]);
    expect(comparison.closeCount).toBe(1);
    expect(comparison.summary).toContain('“Care”: higher than the reference (+3 points)');
    expect((await as(ana).post(`${s.base}/calibration-reviews/${next.body.id}/submit`)).body.code).toBe(
      'review_already_submitted',
    );

    const second = await reviewNext(s, ana, 'Holds', 8);
    expect(second.kind).toBe('calibration');
    expect(second.submitted).toMatchObject({ itemId: two.body.id, position: 2 });
    expect((second.submitted.comparison as ComparisonBody).criteria[0]).toMatchObject({
      difference: 3,
      agreement: 'higher',
    });

    const peer = await as(ana).post(`${s.base}/reviews/next`);
    expect(peer.status).toBe(200);
    expect(peer.body).toMatchObject({ kind: 'peer', status: 'leased' });

    // Calibration reviews count towards nobody's m or k and reach no author.
    const anaMine = await as(ana).get(`${s.base}/submissions/mine`);
    expect(anaMine.body).toMatchObject({ reviewsGiven: 0 });
    for (const learner of s.learners) {
      const mine = await as(learner).get(`${s.base}/submissions/mine`);
      expect(mine.body.reviewsReceived).toBe(0);
      expect(JSON.stringify(mine.body)).not.toContain('My review.');
    }
    const mineCalibration = await as(ana).get(`${s.base}/calibration-reviews/mine`);
    expect(mineCalibration.body.map((r: { position: number; status: string }) => [r.position, r.status])).toEqual([
      [1, 'submitted'],
      [2, 'submitted'],
    ]);

    // Facilitators see each learner's results; bo has not started.
    const results = await as(s.facilitator).get(`${s.base}/calibration-results`);
    expect(results.status).toBe(200);
    expect(results.body).toHaveLength(1);
    expect(results.body[0]).toMatchObject({ reviewer: { id: ana.user.id, displayName: 'Learner 1' }, itemCount: 2 });
    expect(
      results.body[0].reviews.map((r: { position: number; comparison: ComparisonBody }) => [
        r.position,
        r.comparison.closeCount,
      ]),
    ).toEqual([
      [1, 1],
      [2, 1],
    ]);
    expect((await as(bo).get(`${s.base}/calibration-results`)).status).toBe(403);
  });

  it('lets the reviewer model correct a class that scores every item higher than the reference', async () => {
    const s = await setup(4, {
      review: { reviewsPerSubmission: 2, reviewsPerLearner: 2, anonymity: Anonymity.DoubleBlind },
    });
    const careOf = async (method: 'mean' | 'model') => {
      expect((await as(s.facilitator).put(`${s.base}/scoring`, { aggregationMethod: method })).status).toBe(200);
      const scores = await as(s.facilitator).get(`${s.base}/scores`);
      return (scores.body as { items: { criteria: { criterionId: string; score: number }[] }[] }).items.map(
        (x) => x.criteria.find((c) => c.criterionId === s.care)!.score,
      );
    };
    for (const care of [3, 4, 2]) {
      await as(s.facilitator).post(`${s.base}/calibration-items`, reference(s, 'Holds', care, `Item ${care}`));
    }
    // Every learner scores the items 4 points above the reference, then gives every peer 8.
    for (const learner of s.learners) {
      for (const care of [3, 4, 2]) expect((await reviewNext(s, learner, 'Holds', care + 4)).kind).toBe('calibration');
    }
    for (let round = 0; round < 2; round += 1) {
      for (const learner of s.learners) expect((await reviewNext(s, learner, 'Holds', 8)).kind).toBe('peer');
    }
    const byMean = await careOf('mean');
    const byModel = await careOf('model');
    expect(byMean).toEqual([8, 8, 8, 8]);
    // Without the anchors the model has nothing to tell a lenient class from a strong one, and stays near 8.
    for (const score of byModel) expect(score).toBeLessThan(6.5);
  });
});
