import { Anonymity } from '@app/courses';
import { NotificationJob, OutboxRelay } from '@app/notifications';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import { startTestWorker, withQueuePaused, type TestWorker } from '../support/worker-app';
import type { MadeUser } from '../support/factories';

interface QueueEntry {
  submissionId: string;
  reason: string;
  reviewsNeeded: number;
  reviewsReceived: number;
  standardDeviation: number | null;
}

/** k = 1 and `count` learners who submitted and drafted a review of what `next` handed them (lease ids). */
async function assignmentWithDrafts(api: TestApi, relay: () => Promise<void>, count: number) {
  const as = (who: MadeUser) => signedIn(api, who);
  api.clock.set('2026-03-03T12:00:00Z');
  const facilitator = await api.make.user({ timeZone: 'UTC' });
  const { cohort, version } = await api.make.cohort(facilitator, {
    timeZone: 'UTC',
    assignment: { review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.DoubleBlind } },
  });
  const assignment = version.modules[0]!.assignments[0]!;
  const [seal, care] = assignment.rubric.map((c) => c.id) as [string, string];
  const base = `/cohorts/${cohort.id}/assignments/${assignment.id}`;
  const learners = await Promise.all(Array.from({ length: count }, () => api.make.user()));
  for (const learner of learners) {
    await api.make.enrollment(cohort, learner);
    expect((await as(learner).post(`${base}/submissions`, { body: 'Two clamps.', links: [] })).status).toBe(201);
    api.clock.advance(60_000);
  }
  // Newest first, so every submission gets exactly one review: asking oldest first, the last to ask could find
  // only their own work unreviewed and take a second review of another's (`next` cannot see who comes after).
  const leases: string[] = [];
  for (const learner of [...learners].reverse()) {
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
    leases[learners.indexOf(learner)] = id;
  }
  // Whatever the setup recorded is relayed: from here, only the reviews' events are pending.
  await relay();
  const submit = async (i: number): Promise<void> => {
    expect((await as(learners[i]!).post(`${base}/reviews/${leases[i]}/submit`)).status).toBe(200);
  };
  /** The facilitator's queue once the window has closed: [reason, reviews received] per entry. */
  const queueAfterClose = async (): Promise<[string, number][]> => {
    api.clock.set('2026-03-12T00:00:00Z');
    const res = await as(facilitator).get(`${base}/review-queue`);
    api.clock.set('2026-03-03T13:00:00Z');
    expect(res.status).toBe(200);
    return (res.body.shortOfReviews as QueueEntry[]).map((e) => [e.reason, e.reviewsReceived]);
  };
  return { cohort, assignment, learners, submit, queueAfterClose };
}

/**
 * Scores the reviewer model is too unsure of, through HTTP: with k = 1, one review leaves the model unsure (its
 * standard deviation is over 7.5% of each criterion's range), so the submission needs one more. Open reviews, so a
 * reviewer sees whose work they were handed. The model is refitted by the worker's outbox relay, not in the request:
 * the tests relay (as the worker would) after each change before they look.
 */
describe('peer review: uncertain scores ask for one more review, then reach the facilitator queue', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);
  const relay = async (): Promise<void> => void (await api.app.get(OutboxRelay).relay());

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
    await relay();

    // Ana may review Cy's or Di's. As extra reviews, Cy's would come first (Di reviewed Ana: a reciprocal pair);
    // but Di's needs one more (k + 1) and Cy's does not, so Ana gets Di's.
    expect(await review(ana!)).toBe(sDi);
    await relay();

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
    await relay();
    expect(await queue()).toEqual([]);
    // Back to the model: uncertain again, until a facilitator sets a score.
    expect((await as(facilitator).put(`${base}/scoring`, { aggregationMethod: 'model' })).status).toBe(200);
    await relay();
    expect(await queue()).toHaveLength(3);
    await as(facilitator).post(`${base}/submissions/${sDi}/score-overrides`, { total: 70, reason: 'Read it myself.' });
    await relay();
    expect((await queue()).map((e) => e.submissionId).sort()).toEqual([sAna, sBo].sort());
  });

  it('keeps the uncertain set whole when reviews are submitted at the same instant', async () => {
    const { learners, submit, queueAfterClose } = await assignmentWithDrafts(api, relay, 6);
    await Promise.all(learners.map((_, i) => submit(i)));
    await relay();
    // Each submission has its one review, and each one review leaves the model unsure: all six are queued.
    expect(await queueAfterClose()).toEqual(learners.map(() => ['uncertain', 1]));
  });
});

/**
 * The refit is the worker's: a review's submission records an outbox event in its own transaction, and the worker's
 * relay refits the assignment from it. Nothing moves on the request path; nothing is lost if the API stops after
 * its commit; a burst of reviews costs one fit per relayed batch.
 */
describe('peer review: the uncertain set is refitted by the worker from the outbox', () => {
  let api: TestApi;
  let worker: TestWorker;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker(api);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const relay = async (): Promise<void> => void (await worker.app.get(OutboxRelay).relay());

  // The worker's own relay (every 2 s) paused: these tests relay by hand and look in between.
  const whileRelayPaused = (body: () => Promise<void>) => () =>
    withQueuePaused(worker, NotificationJob.RelayOutbox, body);

  it(
    'leaves the uncertain set as it was until the relay runs, then refits it as the request used to',
    whileRelayPaused(async () => {
      const { learners, submit, queueAfterClose } = await assignmentWithDrafts(api, relay, 4);
      for (let i = 0; i < learners.length; i++) await submit(i);
      // Each submission has its k = 1 review and nothing has been refitted: none is short, none is uncertain yet.
      expect(await queueAfterClose()).toEqual([]);
      await relay();
      // The worker refitted the model: each lone review leaves it unsure, so all four need one more.
      expect(await queueAfterClose()).toEqual(learners.map(() => ['uncertain', 1]));
      // The events were marked published with the refit: relaying again changes nothing.
      await relay();
      expect(await queueAfterClose()).toEqual(learners.map(() => ['uncertain', 1]));
    }),
  );

  it(
    'fits an assignment once for a batch of its reviews, and places events recorded without the assignment',
    whileRelayPaused(async () => {
      const { cohort, learners, submit, queueAfterClose } = await assignmentWithDrafts(api, relay, 6);
      // Every refit replaces the assignment's set with one DELETE: count them, and the rows each one replaced.
      await api.db.query(`CREATE TABLE test_refits (id serial PRIMARY KEY, replaced integer NOT NULL)`);
      await api.db.query(
        `CREATE FUNCTION test_count_refit() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN INSERT INTO test_refits (replaced) SELECT count(*) FROM gone; RETURN NULL; END $$`,
      );
      await api.db.query(
        `CREATE TRIGGER test_count_refit AFTER DELETE ON peer_review_uncertain_submissions
       REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION test_count_refit()`,
      );
      try {
        await Promise.all(learners.map((_, i) => submit(i)));
        await relay();
        const refits = async () =>
          (await api.db.query<{ replaced: number }[]>(`SELECT replaced FROM test_refits ORDER BY id`)).map(
            (r) => r.replaced,
          );
        // Six review-submitted events, one fit.
        expect(await refits()).toEqual([0]);
        expect(await queueAfterClose()).toEqual(learners.map(() => ['uncertain', 1]));

        // An event recorded before review events carried the assignment: the relay finds it from the submission.
        const [review] = await api.db.query<{ id: string; submission_id: string; reviewer_id: string }[]>(
          `SELECT id, submission_id, reviewer_id FROM peer_reviews WHERE cohort_id = $1 AND submitted_at IS NOT NULL
          LIMIT 1`,
          [cohort.id],
        );
        await api.db.query(
          `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at)
         VALUES ('peer-review.review-submitted', 'submission', $5::uuid,
                 jsonb_build_object('reviewId', $1::text, 'submissionId', $2::text, 'cohortId', $3::text,
                                    'reviewerId', $4::text), now())`,
          [review!.id, review!.submission_id, cohort.id, review!.reviewer_id, review!.submission_id],
        );
        await relay();
        expect(await refits()).toEqual([0, 6]);
        expect(await queueAfterClose()).toEqual(learners.map(() => ['uncertain', 1]));
      } finally {
        await api.db.query(`DROP TRIGGER test_count_refit ON peer_review_uncertain_submissions`);
        await api.db.query(`DROP FUNCTION test_count_refit()`);
        await api.db.query(`DROP TABLE test_refits`);
      }
    }),
  );
});
