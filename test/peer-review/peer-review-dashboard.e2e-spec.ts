import type { Cohort } from '@app/cohorts';
import { Anonymity } from '@app/courses';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { CohortSpec, MadeUser } from '../support/factories';

interface Row {
  userId: string;
  metrics: Record<string, number | null>;
  flags: Record<string, boolean>;
  atRisk: boolean;
}

interface MyAssignment {
  assignmentId: string;
  submission: { version: number; late: boolean } | null;
  reviewsGiven: number;
  reviewsRequired: number;
  reviewsReceived: number;
  reviewsNeeded: number;
  score: { total: number | null; overridden: boolean } | null;
  nextAction: string;
}

describe('peer review in the facilitator dashboard (JSON and CSV) and in the learner’s me view', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  interface Setup {
    facilitator: MadeUser;
    ana: MadeUser;
    bruno: MadeUser;
    chen: MadeUser;
    cohort: Cohort;
    assignmentId: string;
    base: string;
    criteria: { seal: string; care: string };
  }

  /**
   * k = m = 2, module 1 due 8 March 2026 23:59 UTC, reviews close 11 March 23:59. Ana and Bruno submit on 3 March;
   * Chen does not.
   */
  async function setup(review: NonNullable<CohortSpec['assignment']>['review']): Promise<Setup> {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ displayName: 'Facilitator Fatima', timeZone: 'UTC' });
    const { cohort, version } = await api.make.cohort(facilitator, { timeZone: 'UTC', assignment: { review } });
    const [ana, bruno, chen] = [
      await api.make.user({ displayName: 'Ana' }),
      await api.make.user({ displayName: 'Bruno' }),
      await api.make.user({ displayName: 'Chen' }),
    ];
    for (const learner of [ana, bruno, chen]) await api.make.enrollment(cohort, learner);
    const assignment = version.modules[0]!.assignments[0]!;
    const base = `/cohorts/${cohort.id}/assignments/${assignment.id}`;
    for (const learner of [ana, bruno]) {
      expect((await as(learner).post(`${base}/submissions`, { body: 'Two clamps.', links: [] })).status).toBe(201);
    }
    return {
      facilitator,
      ana,
      bruno,
      chen,
      cohort,
      assignmentId: assignment.id,
      base,
      criteria: { seal: assignment.rubric[0]!.id, care: assignment.rubric[1]!.id },
    };
  }

  async function reviewNext(s: Setup, reviewer: MadeUser, care: number): Promise<void> {
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
  }

  const dashboard = async (s: Setup, query = ''): Promise<{ items: Row[]; summary: Record<string, number> }> => {
    const res = await as(s.facilitator).get(`/cohorts/${s.cohort.id}/dashboard${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: Row[]; summary: Record<string, number> };
  };
  const rowOf = (rows: Row[], who: MadeUser): Row => rows.find((r) => r.userId === who.user.id)!;

  it('shows submissions, reviews given, required, received and missed, scores, and flags reviews owed', async () => {
    const s = await setup({ reviewsPerSubmission: 2, reviewsPerLearner: 2, anonymity: Anonymity.DoubleBlind });
    await reviewNext(s, s.ana, 8); // Ana reviews Bruno's (the only other submission)
    await reviewNext(s, s.bruno, 6); // and Bruno Ana's

    // Before their due date, the review window has not opened: nothing is required yet.
    let rows = (await dashboard(s)).items;
    expect(rowOf(rows, s.ana).metrics).toMatchObject({
      submissionsMade: 1,
      reviewsGiven: 1,
      reviewsRequired: 0,
      reviewsReceived: 1,
      reviewsMissed: 0,
    });
    expect(rowOf(rows, s.chen).metrics).toMatchObject({ submissionsMade: 0, reviewsGiven: 0, averageScore: null });

    api.clock.set('2026-03-09T12:00:00Z'); // past the due date: the window is open, m is owed
    rows = (await dashboard(s)).items;
    expect(rowOf(rows, s.ana).metrics).toMatchObject({ reviewsRequired: 2, reviewsMissed: 0 });
    expect(rowOf(rows, s.ana).flags.reviewsOwed).toBe(false);
    expect(rowOf(rows, s.chen).metrics.reviewsRequired).toBe(0); // reviewing needs one's own submission

    api.clock.set('2026-03-12T00:00:00Z'); // the window closed with one review short each
    const after = await dashboard(s);
    expect(rowOf(after.items, s.ana)).toMatchObject({
      metrics: { reviewsGiven: 1, reviewsRequired: 2, reviewsMissed: 1 },
      flags: { reviewsOwed: true },
      atRisk: true,
    });
    expect(rowOf(after.items, s.chen).flags.reviewsOwed).toBe(false);
    expect(after.summary.reviewsOwed).toBe(2);
    const owed = await dashboard(s, '?flag=reviews-owed&sort=reviewsGiven');
    expect(owed.items.map((r) => r.userId).sort()).toEqual([s.ana.user.id, s.bruno.user.id].sort());

    // The average score is the score facilitators see, and follows an override.
    const scores = (await as(s.facilitator).get(`${s.base}/scores`)).body.items as {
      submissionId: string;
      author: { id: string };
      total: number;
    }[];
    const anas = scores.find((x) => x.author.id === s.ana.user.id)!;
    expect(rowOf(after.items, s.ana).metrics.averageScore).toBe(Math.round(anas.total));
    await as(s.facilitator).post(`${s.base}/submissions/${anas.submissionId}/score-overrides`, {
      total: 91.6,
      reason: 'Pressure test passed on video.',
    });
    const overridden = await dashboard(s, '?sort=averageScore&order=desc');
    expect(overridden.items[0]!.userId).toBe(s.ana.user.id);
    expect(overridden.items[0]!.metrics.averageScore).toBe(92);
    expect(overridden.items[2]!.userId).toBe(s.chen.user.id); // no score sorts last, descending

    // The CSV carries the same columns.
    const csv = await as(s.facilitator).get(`/cohorts/${s.cohort.id}/dashboard.csv`);
    expect(csv.status).toBe(200);
    const lines = csv.text.slice(1).split('\r\n');
    const header = lines[0]!.split(',');
    const cells = lines.find((l) => l.startsWith(s.ana.user.id))!.split(',');
    const cell = (name: string) => cells[header.indexOf(name)];
    expect(cell('Submissions made')).toBe('1');
    expect(cell('Reviews given')).toBe('1');
    expect(cell('Reviews required')).toBe('2');
    expect(cell('Reviews received')).toBe('1');
    expect(cell('Reviews missed (closed windows)')).toBe('1');
    expect(cell('Average score (%)')).toBe('92');
    expect(cell('Reviews owed')).toBe('yes');
    const chens = lines.find((l) => l.startsWith(s.chen.user.id))!.split(',');
    expect(chens[header.indexOf('Average score (%)')]).toBe('');

    const bad = await as(s.facilitator).get(`/cohorts/${s.cohort.id}/dashboard?sort=reviewsOwedd`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('sort');
  });

  it('shows the learner their peer review per assignment in me: version, late, counts, score once released, next action', async () => {
    const s = await setup({ reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.DoubleBlind });
    const mine = async (who: MadeUser): Promise<MyAssignment> => {
      const res = await as(who).get(`/cohorts/${s.cohort.id}/me`);
      expect(res.status).toBe(200);
      expect(res.body.peerReview).toHaveLength(1);
      return res.body.peerReview[0] as MyAssignment;
    };
    expect(await mine(s.chen)).toMatchObject({
      assignmentId: s.assignmentId,
      submission: null,
      reviewsRequired: 1,
      reviewsNeeded: 1,
      score: null,
      nextAction: 'submit',
    });
    expect((await as(s.ana).post(`${s.base}/submissions`, { body: 'Three clamps.', links: [] })).status).toBe(201);
    expect(await mine(s.ana)).toMatchObject({
      submission: { version: 2, late: false },
      reviewsGiven: 0,
      reviewsReceived: 0,
      nextAction: 'review',
    });

    await reviewNext(s, s.ana, 7);
    expect(await mine(s.ana)).toMatchObject({ reviewsGiven: 1, score: null, nextAction: 'awaitScore' });
    await reviewNext(s, s.bruno, 5);
    // Ana gave m and received k: released, as scores/mine says.
    const released = await mine(s.ana);
    const own = await as(s.ana).get(`${s.base}/scores/mine`);
    expect(own.body.released).toBe(true);
    expect(released).toMatchObject({
      reviewsReceived: 1,
      score: { total: own.body.total, overridden: false },
      nextAction: 'readScore',
    });

    // Past the due date, Chen (late work refused by default) has missed it; a facilitator's me has no peer review.
    api.clock.set('2026-03-09T12:00:00Z');
    expect(await mine(s.chen)).toMatchObject({ submission: null, nextAction: 'missed' });
    const facilitators = await as(s.facilitator).get(`/cohorts/${s.cohort.id}/me`);
    expect(facilitators.status).toBe(200);
    expect(facilitators.body.peerReview).toEqual([]);
  });
});
