import { Anonymity, type CourseVersionView } from '@app/courses';
import type { Cohort } from '@app/cohorts';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { CohortSpec, MadeUser } from '../support/factories';

interface ReviewBody {
  id: string;
  submissionId: string;
  versionId: string;
  version: number;
  status: string;
  author: { id: string; displayName: string | null } | null;
  reviewer: { id: string; displayName: string | null } | null;
  scores: unknown[] | null;
  submission: { body: string; bodyHtml: string };
}

describe('peer review: submitting work, getting a submission to review, reviewing it', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ PEER_REVIEW_LEASE_MINUTES: '5' });
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  interface Setup {
    facilitator: MadeUser;
    learners: MadeUser[];
    cohort: Cohort;
    version: CourseVersionView;
    base: string;
    criteria: { seal: string; care: string };
  }

  /**
   * A cohort starting 2 March 2026 (UTC, fixed deadlines): module 1 is released on 2 March and due on 8 March,
   * 23:59 UTC, and carries an assignment with a rubric ("Seal": levels Leaks/Holds; "Care": 0-10), k = 2, m = 2.
   */
  async function setup(
    now: string,
    learnerCount: number,
    spec: CohortSpec['assignment'] = {},
    names: string[] = [],
  ): Promise<Setup> {
    api.clock.set(now);
    const facilitator = await api.make.user({ displayName: 'Facilitator Fatima', timeZone: 'UTC' });
    const { cohort, version } = await api.make.cohort(facilitator, { timeZone: 'UTC', assignment: spec });
    const learners: MadeUser[] = [];
    for (let i = 0; i < learnerCount; i += 1) {
      const learner = await api.make.user({ displayName: names[i] ?? `Learner ${i + 1}` });
      await api.make.enrollment(cohort, learner);
      learners.push(learner);
    }
    const assignment = version.modules[0]!.assignments[0]!;
    return {
      facilitator,
      learners,
      cohort,
      version,
      base: `/cohorts/${cohort.id}/assignments/${assignment.id}`,
      criteria: { seal: assignment.rubric[0]!.id, care: assignment.rubric[1]!.id },
    };
  }

  const work = (body: string) => ({ body, links: ['https://example.org/photos/seal'] });

  const fullReview = (s: Setup) => ({
    scores: [
      { criterionId: s.criteria.seal, level: 'Holds', comment: 'No leak after a day.' },
      { criterionId: s.criteria.care, value: 8, comment: 'Clean clamps.' },
    ],
    overallComment: 'A tight seal, well documented.',
  });

  async function reviewFully(s: Setup, reviewer: MadeUser): Promise<ReviewBody> {
    const next = await as(reviewer).post(`${s.base}/reviews/next`);
    expect(next.status).toBe(200);
    const review = next.body as ReviewBody;
    expect((await as(reviewer).put(`${s.base}/reviews/${review.id}`, fullReview(s))).status).toBe(200);
    const submitted = await as(reviewer).post(`${s.base}/reviews/${review.id}/submit`);
    expect(submitted.status).toBe(200);
    return submitted.body as ReviewBody;
  }

  it('takes Markdown and links, answers sanitized HTML, and numbers each resubmission before the due date', async () => {
    const s = await setup('2026-03-03T12:00:00Z', 1);
    const [ana] = s.learners as [MadeUser];

    const first = await as(ana).post(`${s.base}/submissions`, {
      body: 'Two **clamps** <script>alert(1)</script>',
      links: ['https://example.org/photos/seal'],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ version: 1, late: false });
    api.clock.set('2026-03-05T09:00:00Z');
    const second = await as(ana).post(`${s.base}/submissions`, work('Three clamps now.'));
    expect(second.body).toMatchObject({ submissionId: first.body.submissionId, version: 2, late: false });

    const mine = await as(ana).get(`${s.base}/submissions/mine`);
    expect(mine.status).toBe(200);
    const versions = mine.body.versions as { version: number; bodyHtml: string; links: string[] }[];
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]!.bodyHtml).toContain('<strong>clamps</strong>');
    expect(versions[0]!.bodyHtml).not.toContain('<script');
    expect(versions[0]!.links).toEqual(['https://example.org/photos/seal']);
    expect(mine.body).toMatchObject({ reviewsNeeded: 2, reviewsToGive: 2, reviewsReceived: 0, reviews: [] });
  });

  it('refuses links that are not http(s) URLs, naming each one, and facilitators cannot submit', async () => {
    const s = await setup('2026-03-03T12:00:00Z', 1);
    const bad = await as(s.learners[0]!).post(`${s.base}/submissions`, {
      body: 'Look',
      links: ['https://example.org/ok', 'javascript:alert(1)'],
    });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'links.1' })]);

    const facilitator = await as(s.facilitator).post(`${s.base}/submissions`, work('Mine'));
    expect(facilitator.status).toBe(403);
    expect(facilitator.body.code).toBe('learners_only');
  });

  it('refuses late work unless the cohort takes it (then flagged late, never revised), and honours extensions', async () => {
    // 9 March: past module 1's due date (8 March, 23:59 UTC).
    const s = await setup('2026-03-09T10:00:00Z', 3);
    const [late, extended, other] = s.learners as [MadeUser, MadeUser, MadeUser];

    const refused = await as(late).post(`${s.base}/submissions`, work('Sorry, late.'));
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('late_submission_refused');

    const moduleId = s.version.modules[0]!.id;
    const granted = await as(s.facilitator).put(
      `/cohorts/${s.cohort.id}/learners/${extended.user.id}/extensions/${moduleId}`,
      { extraDays: 3 },
    );
    expect(granted.status).toBe(200);
    const onTime = await as(extended).post(`${s.base}/submissions`, work('Within my extension.'));
    expect(onTime.status).toBe(201);
    expect(onTime.body.late).toBe(false);

    expect((await as(other).get(`/cohorts/${s.cohort.id}/peer-review-settings`)).status).toBe(403);
    const settings = await as(s.facilitator).put(`/cohorts/${s.cohort.id}/peer-review-settings`, {
      lateSubmissions: true,
      reviewWindowDays: 5,
    });
    expect(settings.body).toEqual({
      cohortId: s.cohort.id,
      lateSubmissions: true,
      reviewWindowDays: 5,
      excludeOwnGroup: false,
    });
    const taken = await as(late).post(`${s.base}/submissions`, work('Sorry, late.'));
    expect(taken.status).toBe(201);
    expect(taken.body.late).toBe(true);
    const again = await as(late).post(`${s.base}/submissions`, work('A fix.'));
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('resubmission_closed');
    // The late submission gets its full window from the day it came in: 9 March + 5 days, 23:59.
    const mine = await as(late).get(`${s.base}/submissions/mine`);
    expect(mine.body.reviewClosesAt).toBe('2026-03-14T23:59:00.000Z');
  });

  it('hands a reviewer someone else’s submission under a lease, fewest reviews first, and takes it back when it expires', async () => {
    const s = await setup('2026-03-03T12:00:00Z', 4);
    const [a, b, c, d] = s.learners as [MadeUser, MadeUser, MadeUser, MadeUser];

    const before = await as(a).post(`${s.base}/reviews/next`);
    expect(before.status).toBe(409);
    expect(before.body.code).toBe('submission_required');

    for (const learner of [a, b, c]) {
      await as(learner).post(`${s.base}/submissions`, work(`Work of ${learner.user.displayName}`));
      api.clock.advance(60_000);
    }
    // a gets b's (the oldest that is not a's own); asking again hands the same open lease.
    const first = await as(a).post(`${s.base}/reviews/next`);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('leased');
    expect(first.body.submission.body).toBe('Work of Learner 2');
    expect((await as(a).post(`${s.base}/reviews/next`)).body.id).toBe(first.body.id);
    // c is handed a's (b's already has a lease; a's has none): fewest reviews first.
    const second = await as(c).post(`${s.base}/reviews/next`);
    expect(second.body.submission.body).toBe('Work of Learner 1');

    // The lease runs 5 minutes here; renewing moves it.
    api.clock.advance(4 * 60_000);
    const renewed = await as(a).post(`${s.base}/reviews/${first.body.id}/lease`);
    expect(renewed.status).toBe(200);
    expect(new Date(renewed.body.leaseExpiresAt).getTime()).toBe(api.clock.now().getTime() + 5 * 60_000);

    // c's lease expires: a's submission is back in the pool, and c sees the expired lease.
    api.clock.advance(2 * 60_000);
    await as(d).post(`${s.base}/submissions`, work('Work of Learner 4'));
    const forD = await as(d).post(`${s.base}/reviews/next`);
    expect(forD.body.submission.body).toBe('Work of Learner 1');
    const cReviews = await as(c).get(`${s.base}/reviews/mine`);
    expect(cReviews.body.map((r: ReviewBody) => r.status)).toEqual(['expired']);
    const late = await as(c).put(`${s.base}/reviews/${second.body.id}`, fullReview(s));
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('lease_expired');
  });

  it('checks every score against the rubric (400 naming the criterion), drafts, submits once, then refuses edits', async () => {
    const s = await setup('2026-03-03T12:00:00Z', 2);
    const [a, b] = s.learners as [MadeUser, MadeUser];
    await as(a).post(`${s.base}/submissions`, work('A'));
    await as(b).post(`${s.base}/submissions`, work('B'));
    const review = (await as(a).post(`${s.base}/reviews/next`)).body as ReviewBody;
    const url = `${s.base}/reviews/${review.id}`;

    const outOfScale = await as(a).put(url, { scores: [{ criterionId: s.criteria.care, value: 11 }] });
    expect(outOfScale.status).toBe(400);
    expect(outOfScale.body.errors).toEqual([
      { field: `scores.${s.criteria.care}`, message: expect.stringContaining('Care') },
    ]);
    const noSuchLevel = await as(a).put(url, { scores: [{ criterionId: s.criteria.seal, level: 'Perfect' }] });
    expect(noSuchLevel.body.errors).toEqual([
      { field: `scores.${s.criteria.seal}`, message: expect.stringContaining('Leaks') },
    ]);

    const draft = await as(a).put(url, { scores: [{ criterionId: s.criteria.seal, level: 'Holds' }] });
    expect(draft.status).toBe(200);
    expect(draft.body.status).toBe('leased');
    const incomplete = await as(a).post(`${url}/submit`);
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual([
      `scores.${s.criteria.seal}.comment`,
      `scores.${s.criteria.care}`,
      'overallComment',
    ]);

    await as(a).put(url, fullReview(s));
    const submitted = await as(a).post(`${url}/submit`);
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', versionId: review.versionId, version: 1 });
    const edit = await as(a).put(url, fullReview(s));
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('review_already_submitted');
    expect((await as(a).post(`${url}/submit`)).body.code).toBe('review_already_submitted');
    const othersReview = await as(b).put(url, fullReview(s));
    expect(othersReview.status).toBe(404);

    const events = await api.db.query<{ type: string }[]>(
      `SELECT type FROM outbox_events WHERE aggregate_type = 'submission' AND aggregate_id = $1 ORDER BY id`,
      [review.submissionId],
    );
    expect(events.map((e) => e.type)).toEqual([
      'peer-review.submission-made',
      'peer-review.review-leased',
      'peer-review.review-submitted',
    ]);
  });

  it('double-blind: the reviewer never sees the author, the author sees reviews once released and never the reviewer; facilitators see both', async () => {
    const s = await setup('2026-03-03T12:00:00Z', 3, {}, ['Ana', 'Bruno', 'Chen']);
    const [ana, bruno, chen] = s.learners as [MadeUser, MadeUser, MadeUser];
    for (const learner of s.learners) await as(learner).post(`${s.base}/submissions`, work(learner.user.displayName));

    // Each reviews the two others (m = 2), so each submission gets k = 2; fewest reviews first spreads them.
    const byBruno = await reviewFully(s, bruno);
    expect(byBruno.author).toBeNull();
    expect(JSON.stringify(byBruno)).not.toContain(ana.user.id);
    await reviewFully(s, bruno);
    await reviewFully(s, chen);

    await reviewFully(s, chen);
    // Ana's k = 2 reviews are in, but she has given none of her m = 2: they stay hidden.
    const early = await as(ana).get(`${s.base}/submissions/mine`);
    expect(early.body).toMatchObject({ reviewsReceived: 2, reviewsGiven: 0, reviewsReleased: false, reviews: [] });
    await reviewFully(s, ana);
    await reviewFully(s, ana);
    const released = await as(ana).get(`${s.base}/submissions/mine`);
    expect(released.body.reviewsReleased).toBe(true);
    expect(released.body.reviews).toHaveLength(2);
    expect(released.body.reviews[0]).toMatchObject({
      reviewer: null,
      overallComment: 'A tight seal, well documented.',
    });
    const text = JSON.stringify(released.body);
    expect(text).not.toContain(bruno.user.id);
    expect(text).not.toContain('Bruno');
    expect(text).not.toContain(chen.user.id);

    const facilitator = await as(s.facilitator).get(`${s.base}/submissions`);
    expect(facilitator.status).toBe(200);
    const anaSubmission = facilitator.body.items.find((x: { author: { id: string } }) => x.author.id === ana.user.id);
    expect(anaSubmission.author.displayName).toBe('Ana');
    expect(anaSubmission.reviews.map((r: ReviewBody) => r.reviewer?.displayName).sort()).toEqual(['Bruno', 'Chen']);
    expect((await as(ana).get(`${s.base}/submissions`)).status).toBe(403);
  });

  it('open reviews name both people; single-blind shows the author to the reviewer only', async () => {
    const open = await setup(
      '2026-03-03T12:00:00Z',
      2,
      { review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.Open } },
      ['Ana', 'Bruno'],
    );
    for (const learner of open.learners) await as(learner).post(`${open.base}/submissions`, work('w'));
    const [ana, bruno] = open.learners as [MadeUser, MadeUser];
    const byBruno = await reviewFully(open, bruno);
    expect(byBruno.author).toEqual({ id: ana.user.id, displayName: 'Ana' });
    await reviewFully(open, ana);
    const anaSees = await as(ana).get(`${open.base}/submissions/mine`);
    expect(anaSees.body.reviews[0].reviewer).toEqual({ id: bruno.user.id, displayName: 'Bruno' });

    const single = await setup(
      '2026-03-03T12:00:00Z',
      2,
      { review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: Anonymity.SingleBlind } },
      ['Ana', 'Bruno'],
    );
    for (const learner of single.learners) await as(learner).post(`${single.base}/submissions`, work('w'));
    const [ana2, bruno2] = single.learners as [MadeUser, MadeUser];
    expect((await reviewFully(single, bruno2)).author).toEqual({ id: ana2.user.id, displayName: 'Ana' });
    await reviewFully(single, ana2);
    const ana2Sees = await as(ana2).get(`${single.base}/submissions/mine`);
    expect(ana2Sees.body.reviews[0].reviewer).toBeNull();
  });

  it('exports a person’s submissions and reviews; erasing them empties their work and keeps their reviews, unnamed', async () => {
    const s = await setup('2026-03-03T12:00:00Z', 3, {}, ['Ana', 'Bruno', 'Chen']);
    const [ana, bruno, chen] = s.learners as [MadeUser, MadeUser, MadeUser];
    for (const learner of s.learners) {
      await as(learner).post(`${s.base}/submissions`, work(`By ${learner.user.displayName}`));
      api.clock.advance(60_000);
    }
    const byBruno = await reviewFully(s, bruno); // Ana's
    const byAna = await reviewFully(s, ana); // Chen's: Bruno's would make a reciprocal pair
    api.clock.advance(60_000);
    const leased = (await as(ana).post(`${s.base}/reviews/next`)).body as ReviewBody; // Bruno's, in progress

    const exported = await as(ana).get(`/users/${ana.user.id}/export`);
    expect(exported.status).toBe(200);
    const section = exported.body.sections.peerReview;
    expect(section.submissions).toEqual([
      expect.objectContaining({ versions: [expect.objectContaining({ version: 1, body: 'By Ana' })] }),
    ]);
    expect(section.reviewsGiven.map((r: { id: string }) => r.id)).toEqual([byAna.id, leased.id]);
    expect(section.reviewsReceived).toEqual([
      expect.objectContaining({ id: byBruno.id, overallComment: 'A tight seal, well documented.' }),
    ]);
    expect(JSON.stringify(section)).not.toContain(bruno.user.id);

    expect((await as(ana).delete(`/users/${ana.user.id}`, { password: ana.password })).status).toBe(204);
    const facilitator = await as(s.facilitator).get(`${s.base}/submissions`);
    const bySubmission = new Map(
      (
        facilitator.body.items as { author: { id: string }; latestVersion: { body: string }; reviews: ReviewBody[] }[]
      ).map((x) => [x.author.id, x]),
    );
    // Ana's work is emptied, the review Bruno gave it stays with its scores.
    expect(bySubmission.get(ana.user.id)!.latestVersion.body).toBe('');
    expect(bySubmission.get(ana.user.id)!.reviews).toEqual([
      expect.objectContaining({ id: byBruno.id, status: 'submitted' }),
    ]);
    // Ana's review of Chen's stays, unnamed; her lease on Bruno's is gone (Bruno's is back in the pool).
    expect(bySubmission.get(chen.user.id)!.reviews).toEqual([
      expect.objectContaining({ id: byAna.id, reviewer: null, overallComment: 'A tight seal, well documented.' }),
    ]);
    expect(bySubmission.get(bruno.user.id)!.reviews).toEqual([]);
  });

  it('a review stays on the version it was handed; the next reviewer gets the newest version', async () => {
    const s = await setup('2026-03-03T12:00:00Z', 3);
    const [a, b, c] = s.learners as [MadeUser, MadeUser, MadeUser];
    await as(a).post(`${s.base}/submissions`, work('First draft'));
    api.clock.advance(60_000);
    await as(b).post(`${s.base}/submissions`, work('B'));
    api.clock.advance(60_000);
    const byB = (await as(b).post(`${s.base}/reviews/next`)).body as ReviewBody;
    expect(byB.submission.body).toBe('First draft');

    await as(a).post(`${s.base}/submissions`, work('Second draft'));
    await as(b).put(`${s.base}/reviews/${byB.id}`, fullReview(s));
    const submitted = await as(b).post(`${s.base}/reviews/${byB.id}/submit`);
    expect(submitted.body).toMatchObject({ version: 1, versionId: byB.versionId, submission: { body: 'First draft' } });
    // a takes b's; c then finds both with one review and gets the older submission, a's, in its newest version.
    await as(a).post(`${s.base}/reviews/next`);
    await as(c).post(`${s.base}/submissions`, work('C'));
    const byC = (await as(c).post(`${s.base}/reviews/next`)).body as ReviewBody;
    expect(byC).toMatchObject({ submissionId: byB.submissionId, version: 2, submission: { body: 'Second draft' } });
  });

  it('closes reviewing at the window’s end (due date + 3 local days, 23:59) and then shows authors their reviews', async () => {
    const s = await setup('2026-03-03T12:00:00Z', 3);
    const [a, b, c] = s.learners as [MadeUser, MadeUser, MadeUser];
    for (const learner of s.learners) {
      await as(learner).post(`${s.base}/submissions`, work(`By ${learner.user.displayName}`));
      api.clock.advance(60_000);
    }
    await reviewFully(s, a); // B's
    const byB = (await as(b).post(`${s.base}/reviews/next`)).body as ReviewBody; // C's (A's would be reciprocal)
    await as(b).put(`${s.base}/reviews/${byB.id}`, fullReview(s));
    const before = await as(b).get(`${s.base}/submissions/mine`);
    expect(before.body).toMatchObject({
      reviewClosesAt: '2026-03-11T23:59:00.000Z',
      reviewsReceived: 1,
      reviewsReleased: false,
      reviews: [],
    });

    api.clock.set('2026-03-12T00:00:00Z');
    const late = await as(b).post(`${s.base}/reviews/${byB.id}/submit`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('review_window_closed');
    expect((await as(c).post(`${s.base}/reviews/next`)).status).toBe(204);
    const after = await as(b).get(`${s.base}/submissions/mine`);
    expect(after.body).toMatchObject({
      reviewsReleased: true,
      reviews: [expect.objectContaining({ status: 'submitted' })],
    });
  });

  it('once every submission has its k reviews, a reviewer still owing reviews gets an extra one, and it counts', async () => {
    const s = await setup('2026-03-03T12:00:00Z', 3, {
      review: { reviewsPerSubmission: 1, reviewsPerLearner: 2, anonymity: Anonymity.DoubleBlind },
    });
    const [a, b, c] = s.learners as [MadeUser, MadeUser, MadeUser];
    for (const learner of s.learners) {
      await as(learner).post(`${s.base}/submissions`, work(`By ${learner.user.displayName}`));
      api.clock.advance(60_000);
    }
    for (const reviewer of [a, b, c]) await reviewFully(s, reviewer);
    // Each submission has k = 1; a owes a second review and gets the one it has not reviewed yet.
    const extra = await reviewFully(s, a);
    expect(extra.status).toBe('submitted');
    const facilitator = await as(s.facilitator).get(`${s.base}/submissions`);
    const counts = (facilitator.body.items as { reviewsReceived: number }[]).map((x) => x.reviewsReceived).sort();
    expect(counts).toEqual([1, 1, 2]);
    const mine = await as(a).get(`${s.base}/submissions/mine`);
    expect(mine.body).toMatchObject({ reviewsGiven: 2, reviewsReleased: true });
  });

  it('unknown assignments are 404, malformed ids 400', async () => {
    const s = await setup('2026-03-03T12:00:00Z', 1);
    const unknown = await as(s.learners[0]!).post(
      `/cohorts/${s.cohort.id}/assignments/00000000-0000-4000-8000-000000000000/submissions`,
      work('x'),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('assignment_not_found');
    const malformed = await as(s.learners[0]!).post(`/cohorts/${s.cohort.id}/assignments/nope/reviews/next`);
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].field).toBe('assignmentId');
  });
});
