import { randomBytes } from 'node:crypto';
import { Anonymity } from '@app/courses';
import { signedIn, startTestApi, v1, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import { leaseNext, reviewCohort, submitReview, submitWork, type ReviewCohort } from '../support/peer-review-flow';

interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
}

/** Read routes outside the assignment's own that show a person's peer review: their data, progress, the dashboard. */
const ALSO_WALKED = [
  '/api/v1/users/{userId}/export',
  '/api/v1/cohorts/{cohortId}/me',
  '/api/v1/cohorts/{cohortId}/learners/{userId}/progress',
  '/api/v1/cohorts/{cohortId}/dashboard',
  '/api/v1/cohorts/{cohortId}/dashboard.csv',
];

/**
 * Walks every read route of the OpenAPI document that shows a submission or a review (every GET under an
 * assignment, and the routes above) as each learner and as the facilitator, with every id of the assignment in
 * every id parameter, and collects all they were answered: bodies, headers, error messages. Then checks whose
 * identity (id, display name, email) each could read, per anonymity mode, against who reviewed whom.
 */
describe('peer review anonymity: what each person can learn about the others, from every route', () => {
  let api: TestApi;
  let doc: OpenApiDocument;

  beforeAll(async () => {
    api = await startTestApi();
    doc = (await api.http().get('/docs-json').expect(200)).body as OpenApiDocument;
  });
  afterAll(() => api.close());

  const walkedPaths = (): string[] =>
    Object.keys(doc.paths).filter(
      (path) => doc.paths[path]!.get && (path.includes('{assignmentId}') || ALSO_WALKED.includes(path)),
    );

  /** Every way to fill the path's parameters from `ids`; none when a parameter has no known value. */
  function fill(path: string, ids: Record<string, string[]>): string[] {
    let paths = [path];
    for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
      const values = ids[name!] ?? [];
      paths = paths.flatMap((p) => values.map((value) => p.replace(`{${name}}`, value)));
    }
    return paths;
  }

  /** Everything `who` is answered on the walked routes, as one text. */
  async function walk(who: MadeUser, ids: Record<string, string[]>, also: string): Promise<string> {
    const seen = [also];
    for (const path of walkedPaths()) {
      for (const url of fill(path, { ...ids, userId: ids.userId ?? [who.user.id] })) {
        const res = await api.http().get(url).set('Authorization', who.auth);
        expect(res.status).toBeLessThan(500);
        seen.push(`${url} ${res.status} ${JSON.stringify(res.headers)} ${res.text}`);
      }
    }
    return seen.join('\n');
  }

  const markersOf = (who: MadeUser): string[] => [
    who.user.id,
    who.user.displayName ?? who.user.id,
    who.user.email ?? who.user.id,
  ];

  interface Scenario {
    s: ReviewCohort & { learners: MadeUser[] };
    /** reviewer id -> ids of the authors they reviewed */
    reviewed: Map<string, Set<string>>;
    /** What each learner was answered while reviewing and rating (the write routes' bodies). */
    writes: Map<string, string>;
    ids: Record<string, string[]>;
  }

  /** Resubmits the learner's work with a text file attached; the attachment's id. */
  async function attachFile(s: ReviewCohort, learner: MadeUser): Promise<string> {
    const uploaded = await api
      .http()
      .post(v1(`${s.base}/attachments`))
      .set('Authorization', learner.auth)
      .attach('file', Buffer.from('Measurements: 1 m deep, 5 m long.\n'), { filename: 'notes.txt' });
    expect(uploaded.status).toBe(201);
    const id = (uploaded.body as { id: string }).id;
    const resubmitted = await signedIn(api, learner).post(`${s.base}/submissions`, {
      body: 'How I sealed the tube, with my notes.',
      attachmentIds: [id],
    });
    expect(resubmitted.status).toBe(201);
    return id;
  }

  /** Three learners, k = m = 1, each with a file: each reviews one other; each rates the review they got. */
  async function scenario(anonymity: Anonymity): Promise<Scenario> {
    const tag = randomBytes(3).toString('hex');
    const names = [`Ana Quispe ${tag}`, `Bruno Okafor ${tag}`, `Chen Tanaka ${tag}`];
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ displayName: `Facilitator Fatima ${tag}`, timeZone: 'UTC' });
    const learners: MadeUser[] = [];
    for (const displayName of names) learners.push(await api.make.user({ displayName }));
    const rc = await reviewCohort(api, facilitator, learners, {
      review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity },
    });
    const s = { ...rc, learners };
    for (const learner of learners) {
      await submitWork(api, s, learner); // the work does not name its author
      api.clock.advance(60_000);
    }
    const attachmentIds: string[] = [];
    for (const learner of s.learners) attachmentIds.push(await attachFile(s, learner));
    const writes = new Map<string, string>();
    for (const learner of s.learners) {
      const lease = await leaseNext(api, s, learner);
      writes.set(learner.user.id, JSON.stringify(await submitReview(api, s, learner, lease.reviewId)));
    }
    const pairs = await api.db.query<
      { reviewer_id: string; author_id: string; review_id: string; submission_id: string }[]
    >(
      `SELECT r.reviewer_id, s.author_id, r.id AS review_id, s.id AS submission_id
         FROM peer_reviews r JOIN peer_review_submissions s ON s.id = r.submission_id
        WHERE s.cohort_id = $1`,
      [s.cohort.id],
    );
    expect(pairs).toHaveLength(3);
    const reviewed = new Map<string, Set<string>>();
    for (const pair of pairs) reviewed.set(pair.reviewer_id, new Set([pair.author_id]));
    for (const learner of s.learners) {
      const mine = pairs.find((p) => p.author_id === learner.user.id)!;
      const rated = await signedIn(api, learner).put(`${s.base}/submissions/mine/reviews/${mine.review_id}/rating`, {
        helpfulness: 4,
      });
      expect(rated.status).toBe(200);
      writes.set(learner.user.id, `${writes.get(learner.user.id)}\n${JSON.stringify(rated.body)}`);
    }
    return {
      s,
      reviewed,
      writes,
      ids: {
        cohortId: [s.cohort.id],
        assignmentId: [s.assignmentId],
        submissionId: pairs.map((p) => p.submission_id),
        reviewId: pairs.map((p) => p.review_id),
        attachmentId: attachmentIds,
      },
    };
  }

  /** Whether `viewer` may know `other` by name in `mode`: only across a review between them, as the mode allows. */
  function mayKnow(mode: Anonymity, reviewed: Map<string, Set<string>>, viewer: string, other: string): boolean {
    const viewerReviewedOther = reviewed.get(viewer)?.has(other) ?? false;
    const otherReviewedViewer = reviewed.get(other)?.has(viewer) ?? false;
    if (mode === Anonymity.Open) return viewerReviewedOther || otherReviewedViewer;
    if (mode === Anonymity.SingleBlind) return viewerReviewedOther;
    return false;
  }

  it.each([Anonymity.DoubleBlind, Anonymity.SingleBlind, Anonymity.Open])(
    '%s: a learner learns nobody’s identity beyond what the mode allows; the facilitator sees everyone',
    async (mode) => {
      const { s, reviewed, writes, ids } = await scenario(mode);
      api.clock.set('2026-03-12T12:00:00Z'); // the window has closed: everything that will be shown is shown

      for (const viewer of s.learners) {
        const seen = await walk(viewer, ids, writes.get(viewer.user.id)!);
        expect(seen).toContain('submissions/mine'); // the walk reached the assignment's routes
        for (const other of s.learners.filter((l) => l !== viewer)) {
          const [id, name, email] = markersOf(other);
          // Another learner's email: never, in any mode.
          expect(seen).not.toContain(email);
          if (mayKnow(mode, reviewed, viewer.user.id, other.user.id)) {
            expect(seen).toContain(name);
          } else {
            expect(seen).not.toContain(name);
            expect(seen).not.toContain(id);
          }
        }
      }

      const byFacilitator = await walk(s.facilitator, { ...ids, userId: s.learners.map((l) => l.user.id) }, '');
      for (const learner of s.learners) expect(byFacilitator).toContain(learner.user.displayName);
    },
  );

  it('walks every read route of an assignment (a route added later is walked without editing this test)', () => {
    const paths = walkedPaths();
    expect(paths).toEqual(
      expect.arrayContaining([
        v1('/cohorts/{cohortId}/assignments/{assignmentId}/submissions/mine'),
        v1('/cohorts/{cohortId}/assignments/{assignmentId}/reviews/mine'),
        v1('/cohorts/{cohortId}/assignments/{assignmentId}/scores/mine'),
        v1('/cohorts/{cohortId}/assignments/{assignmentId}/review-queue'),
        ...ALSO_WALKED,
      ]),
    );
    // Every parameter of a walked route has values in the scenario, so no route is skipped for want of an id.
    const known = new Set(['cohortId', 'assignmentId', 'submissionId', 'reviewId', 'userId', 'attachmentId']);
    for (const path of paths) for (const [, name] of path.matchAll(/\{(\w+)\}/g)) expect(known).toContain(name);
  });
});
