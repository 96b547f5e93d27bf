import { seededRandom } from '@app/core/testing';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import { reviewCohort, submitReview, submitWork, type ReviewCohort } from '../support/peer-review-flow';

/**
 * The allocation rule written the plain way, every candidate counted: what `next` must hand the reviewer at `now`.
 * Fewest active reviews (submitted and not removed, or leased and running), then not a reciprocal pair, then
 * earliest due, then oldest; short of the need (k, or k + 1 while the model is unsure) first, else an extra one.
 */
const RULE = `
  WITH c AS (
    SELECT s.id, s.due_at, s.created_at,
           (SELECT count(*) FROM peer_reviews r WHERE r.submission_id = s.id AND r.removed_at IS NULL
               AND (r.submitted_at IS NOT NULL OR r.lease_expires_at > $4)) AS active,
           $5 + (EXISTS (SELECT 1 FROM peer_review_uncertain_submissions u WHERE u.submission_id = s.id))::int AS need,
           EXISTS (SELECT 1 FROM peer_reviews back JOIN peer_review_submissions own ON own.id = back.submission_id
                    WHERE own.cohort_id = $1 AND own.assignment_id = $2 AND own.author_id = $3
                      AND back.reviewer_id = s.author_id) AS reciprocal
      FROM peer_review_submissions s
     WHERE s.cohort_id = $1 AND s.assignment_id = $2 AND s.author_id <> $3 AND s.review_closes_at > $4
       AND NOT EXISTS (SELECT 1 FROM peer_reviews mine WHERE mine.submission_id = s.id AND mine.reviewer_id = $3))
  SELECT id FROM c ORDER BY active >= need, active, reciprocal, due_at, created_at, id LIMIT 1`;

/**
 * `next` finds its submission without counting every candidate's reviews (a trigger-kept count of submitted reviews,
 * an index in allocation order, running leases and unsure scores counted apart). These tests hold it to the rule
 * written the plain way, step by step through a seeded run of leases, reviews, walk-aways, removals and unsure
 * scores, and hold the kept count to a recount after every step.
 */
describe('peer review allocation: the indexed walk hands what the plain rule says', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  const expectCountsKept = async (rc: ReviewCohort): Promise<void> => {
    const drift = await api.db.query<{ id: string }[]>(
      `SELECT s.id FROM peer_review_submissions s
        WHERE s.cohort_id = $1
          AND s.submitted_reviews <> (SELECT count(*) FROM peer_reviews r
                                       WHERE r.submission_id = s.id AND r.submitted_at IS NOT NULL
                                         AND r.removed_at IS NULL)`,
      [rc.cohort.id],
    );
    expect(drift).toEqual([]);
  };

  it('agrees with the rule through 80 seeded steps, and the kept count always matches a recount', async () => {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ timeZone: 'UTC' });
    const learners = await Promise.all(Array.from({ length: 16 }, () => api.make.user()));
    const rc = await reviewCohort(api, facilitator, learners);
    const k = 2;
    const submissions: string[] = [];
    for (const learner of learners) {
      submissions.push(await submitWork(api, rc, learner));
      api.clock.advance(60_000);
    }
    const random = seededRandom(13);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const submittedReviews: string[] = [];
    const handed = { rule: 0, none: 0, walkedAway: 0, removed: 0, unsure: 0 };

    // Leases still running: a reviewer holding one is handed it again; others count it for its submission.
    const held = new Map<string, { reviewId: string; until: number }>();

    for (let step = 0; step < 80; step += 1) {
      const reviewer = pick(learners);
      const holding = held.get(reviewer.user.id);
      const [expected] = await api.db.query<{ id: string }[]>(RULE, [
        rc.cohort.id,
        rc.assignmentId,
        reviewer.user.id,
        api.clock.now(),
        k,
      ]);
      const res = await as(reviewer).post(`${rc.base}/reviews/next`);
      if (holding && holding.until > api.clock.now().getTime()) {
        expect(res.body.id).toBe(holding.reviewId);
      } else if (!expected) {
        expect(res.status).toBe(204);
        handed.none += 1;
      } else {
        expect(res.status).toBe(200);
        expect(res.body.submissionId).toBe(expected.id);
        handed.rule += 1;
      }
      if (res.status === 200) {
        const reviewId = res.body.id as string;
        if (random() < 0.6) {
          await submitReview(api, rc, reviewer, reviewId);
          submittedReviews.push(reviewId);
          held.delete(reviewer.user.id);
        } else if (!holding) {
          // Walks away: the lease runs its 5 minutes (tests' lease length), counting for its submission meanwhile.
          held.set(reviewer.user.id, { reviewId, until: Date.parse(res.body.leaseExpiresAt as string) });
          handed.walkedAway += 1;
        }
      }
      api.clock.advance(60_000);
      if (step % 9 === 4 && submittedReviews.length > 0) {
        const reviewId = submittedReviews.splice(Math.floor(random() * submittedReviews.length), 1)[0]!;
        const removal = `${rc.base}/review-queue/reviews/${reviewId}/removal`;
        expect((await as(facilitator).post(removal, { reason: 'Off topic.' })).status).toBe(204);
        handed.removed += 1;
      }
      if (step % 7 === 3) {
        // The scoring side marks submissions whose model score is unsure (refitted from the outbox); here the
        // mark is set directly, to put unsure submissions at every count the run reaches.
        await api.db.query(
          `INSERT INTO peer_review_uncertain_submissions
                  (submission_id, cohort_id, assignment_id, standard_deviation, computed_at)
           VALUES ($1, $2, $3, 9.5, now()) ON CONFLICT DO NOTHING`,
          [pick(submissions), rc.cohort.id, rc.assignmentId],
        );
        handed.unsure += 1;
      }
      await expectCountsKept(rc);
    }
    // The run went through every branch: leases by the rule, walk-aways, removals and unsure marks.
    expect(handed.rule).toBeGreaterThan(50);
    expect(handed.walkedAway).toBeGreaterThan(5);
    expect(handed.removed).toBeGreaterThan(5);
    const beyondK = await api.db.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM peer_review_submissions WHERE cohort_id = $1 AND submitted_reviews > $2`,
      [rc.cohort.id, k],
    );
    expect(beyondK[0]!.n).toBeGreaterThan(0);
  }, 120_000);

  it('hands reviews to active learners only: a facilitator and a learner who withdrew are refused', async () => {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ timeZone: 'UTC' });
    const [ana, bruno] = await Promise.all([api.make.user(), api.make.user()]);
    const rc = await reviewCohort(api, facilitator, [ana, bruno]);
    await submitWork(api, rc, ana);
    await submitWork(api, rc, bruno);

    const byFacilitator = await as(facilitator).post(`${rc.base}/reviews/next`);
    expect(byFacilitator.status).toBe(403);
    expect(byFacilitator.body.code).toBe('learners_only');
    expect((await as(ana).delete(`/cohorts/${rc.cohort.id}/enrollment`)).status).toBeLessThan(300);
    expect((await as(ana).post(`${rc.base}/reviews/next`)).status).toBe(403);
    expect((await as(bruno).post(`${rc.base}/reviews/next`)).status).toBe(200);
  });
});
