import fc from 'fast-check';
import { CourseCatalog } from '@app/courses';
import { startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';
import { assignmentBody, courseBody } from './course-bodies';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '6f1c7a55-0f6e-4c3e-9d55-3f3c2f1e0a11';

describe('authoring and publishing courses', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const create = (author: MadeUser, body: Record<string, unknown> = courseBody()) =>
    api.http().post('/api/v1/courses').set('Authorization', author.auth).send(body);
  const edit = (author: MadeUser, courseId: string, body: Record<string, unknown>) =>
    api.http().patch(`/api/v1/courses/${courseId}/draft`).set('Authorization', author.auth).send(body);
  const publish = (author: MadeUser, courseId: string) =>
    api.http().post(`/api/v1/courses/${courseId}/publish`).set('Authorization', author.auth);
  const outboxOf = (aggregateId: string) =>
    api.db.query<{ type: string; payload: Record<string, unknown> }[]>(
      'SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY id',
      [aggregateId],
    );

  it('creates a draft, edits it, publishes v1, edits again and publishes v2 while v1 stays exactly as it was', async () => {
    const author = await api.make.user({ displayName: 'Ana Quispe' });

    const created = await create(author);
    expect(created.status).toBe(201);
    const course = created.body;
    expect(course).toMatchObject({
      title: 'Build a tube biogas digester',
      language: 'es-BO',
      topics: ['biogas', 'appropriate technology'],
      license: 'CC-BY-SA-4.0',
      authorId: author.user.id,
      authorName: 'Ana Quispe',
      forkedFrom: null,
      latestVersion: null,
      hasUnpublishedChanges: true,
      descriptionHtml: '<p>Built in <strong>Bolivia</strong> and <strong>Rwanda</strong>.</p>\n',
      attributions: [],
    });
    const [dig, lay] = course.modules;
    expect(dig.contentHtml).toBe('<p>Dig it <em>1 m</em> deep.</p>\n');
    expect(dig.assignments[0].instructionsHtml).toContain('<strong>seal</strong>');
    const ids = [dig.id, lay.id, dig.assignments[0].id, ...dig.assignments[0].rubric.map((c: { id: string }) => c.id)];
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);

    // Edit: rename, reorder, and keep every id by sending it back (HTML is read-only, so it is left out).
    const { contentHtml: _html, assignments, ...digFields } = dig;
    const digBack = {
      ...digFields,
      assignments: assignments.map(({ instructionsHtml: _i, ...a }: Record<string, unknown>) => a),
    };
    const renamed = await edit(author, course.id, {
      title: 'Build a tube digester',
      modules: [{ id: lay.id, title: 'Lay the tube first' }, digBack],
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.modules.map((m: { id: string }) => m.id)).toEqual([lay.id, dig.id]);
    expect(renamed.body.modules[1].assignments).toEqual(dig.assignments);
    expect(renamed.body.summary).toBe('Turn kitchen waste into cooking gas.');

    const v1 = await publish(author, course.id);
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({
      courseId: course.id,
      number: 1,
      title: 'Build a tube digester',
      latestVersionNumber: 1,
    });
    const v1Row = await api.db.query('SELECT content::text AS content FROM course_versions WHERE id = $1', [
      v1.body.id,
    ]);
    const v1Read = await api.http().get(`/api/v1/course-versions/${v1.body.id}`);
    expect(v1Read.status).toBe(200);

    const draftAfter = await api.http().get(`/api/v1/courses/${course.id}/draft`).set('Authorization', author.auth);
    expect(draftAfter.body).toMatchObject({
      hasUnpublishedChanges: false,
      latestVersion: { id: v1.body.id, number: 1 },
    });

    const edited = await edit(author, course.id, { title: 'Tube digesters, second edition', topics: ['energy'] });
    expect(edited.body).toMatchObject({ title: 'Tube digesters, second edition', hasUnpublishedChanges: true });

    // The draft changed; version 1 did not, to the byte.
    const v1Again = await api.http().get(`/api/v1/course-versions/${v1.body.id}`);
    expect({ ...v1Again.body, latestVersionNumber: 1 }).toEqual(v1Read.body);
    expect(
      await api.db.query('SELECT content::text AS content FROM course_versions WHERE id = $1', [v1.body.id]),
    ).toEqual(v1Row);

    const v2 = await publish(author, course.id);
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ number: 2, title: 'Tube digesters, second edition', topics: ['energy'] });
    // Ids stay stable across versions: cohorts and submissions point at them.
    expect(v2.body.modules.map((m: { id: string }) => m.id)).toEqual([lay.id, dig.id]);

    const v1Final = await api.http().get(`/api/v1/course-versions/${v1.body.id}`);
    expect(v1Final.body).toEqual({ ...v1Read.body, latestVersionNumber: 2 });
    expect(v1Final.body.title).toBe('Build a tube digester');

    const latest = await api.http().get(`/api/v1/courses/${course.id}`);
    expect(latest.body).toMatchObject({ id: v2.body.id, number: 2 });
    const versions = await api.http().get(`/api/v1/courses/${course.id}/versions`);
    expect(versions.body.items.map((v: { number: number }) => v.number)).toEqual([2, 1]);

    // Each publish wrote its event in the same transaction.
    expect(await outboxOf(course.id)).toEqual([
      { type: 'course.published', payload: { courseId: course.id, versionId: v1.body.id, number: 1 } },
      { type: 'course.published', payload: { courseId: course.id, versionId: v2.body.id, number: 2 } },
    ]);
  });

  it('numbers concurrent publishes 1, 2, 3, ... without a duplicate or a gap', async () => {
    const author = await api.make.user();
    const { course } = await api.make.course(author, { published: false });
    const results = await Promise.all(Array.from({ length: 5 }, () => publish(author, course.id)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(results.map((r) => r.body.number).sort()).toEqual([1, 2, 3, 4, 5]);
    const rows = await api.db.query<{ number: number }[]>(
      'SELECT number FROM course_versions WHERE course_id = $1 ORDER BY number',
      [course.id],
    );
    expect(rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    const [state] = await api.db.query('SELECT latest_version_number FROM courses WHERE id = $1', [course.id]);
    expect(state.latest_version_number).toBe(5);
    expect(await outboxOf(course.id)).toHaveLength(5);

    // The history pages newest first.
    const numbers: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await api
        .http()
        .get(`/api/v1/courses/${course.id}/versions`)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.status).toBe(200);
      numbers.push(...page.body.items.map((v: { number: number }) => v.number));
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(numbers).toEqual([5, 4, 3, 2, 1]);
  });

  it('refuses to publish a course without modules, writing no version and no event', async () => {
    const author = await api.make.user();
    const { course } = await api.make.course(author, { published: false, modules: [] });
    const res = await publish(author, course.id);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'course_incomplete', errors: [{ field: 'modules' }] });
    expect(await api.db.query('SELECT id FROM course_versions WHERE course_id = $1', [course.id])).toEqual([]);
    expect(await outboxOf(course.id)).toEqual([]);
  });

  it('makes a published version unchangeable even by SQL', async () => {
    const author = await api.make.user();
    const { version } = await api.make.course(author);
    await expect(
      api.db.query("UPDATE course_versions SET title = 'changed' WHERE id = $1", [version!.id]),
    ).rejects.toThrow(/cannot change/);
  });

  it('keeps drafts private: only the author reads, edits or publishes, others get 404 or 403', async () => {
    const author = await api.make.user();
    const other = await api.make.user();
    const admin = await api.make.admin();
    const { course: draftOnly } = await api.make.course(author, { published: false, title: 'Secret plans' });
    const { course: published } = await api.make.course(author);

    for (const intruder of [other, admin]) {
      // A never-published course does not exist for anyone else.
      expect(
        (await api.http().get(`/api/v1/courses/${draftOnly.id}/draft`).set('Authorization', intruder.auth)).status,
      ).toBe(404);
      expect((await edit(intruder, draftOnly.id, { title: 'Mine now' })).status).toBe(404);
      expect((await publish(intruder, draftOnly.id)).status).toBe(404);
      expect((await api.http().get(`/api/v1/courses/${draftOnly.id}`)).status).toBe(404);
      // A published one does, but its draft is still the author's.
      const read = await api.http().get(`/api/v1/courses/${published.id}/draft`).set('Authorization', intruder.auth);
      expect(read.status).toBe(403);
      expect(read.body.code).toBe('forbidden');
      expect((await edit(intruder, published.id, { title: 'Mine now' })).status).toBe(403);
      expect((await publish(intruder, published.id)).status).toBe(403);
    }
    const mine = await api.http().get('/api/v1/courses/mine').set('Authorization', other.auth);
    expect(mine.body.items).toEqual([]);

    const draft = await api.http().get(`/api/v1/courses/${draftOnly.id}/draft`).set('Authorization', author.auth);
    expect(draft.body.title).toBe('Secret plans');
    const [row] = await api.db.query(
      "SELECT draft->>'title' AS title, latest_version_number FROM courses WHERE id = $1",
      [published.id],
    );
    expect(row).toEqual({ title: 'Build a tube biogas digester', latest_version_number: 1 });

    // Writing needs an account at all.
    expect((await api.http().post('/api/v1/courses').send(courseBody())).status).toBe(401);
    expect((await api.http().post(`/api/v1/courses/${published.id}/publish`)).status).toBe(401);
  });

  it("lists the author's own courses, drafts included, page by page", async () => {
    const author = await api.make.user();
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await api.make.course(author, { title: `Course ${i}`, published: i === 1 }));
    const seen: { id: string; latestVersion: unknown; hasUnpublishedChanges: boolean }[] = [];
    let cursor: string | undefined;
    do {
      const res = await api
        .http()
        .get('/api/v1/courses/mine')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', author.auth);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.map((c) => c.id)).toEqual(made.map((m) => m.course.id).reverse());
    expect(seen[1]).toMatchObject({ latestVersion: { number: 1 }, hasUnpublishedChanges: false });
    expect(seen[0]).toMatchObject({ latestVersion: null, hasUnpublishedChanges: true });
  });

  it('renders Markdown with scripts, javascript: links and event handlers removed', async () => {
    const author = await api.make.user();
    const res = await create(
      author,
      courseBody({
        description: 'Hi <script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror="alert(1)">',
        modules: [
          {
            title: 'm',
            content: '<a href="javascript:alert(1)" onclick="alert(2)">x</a>\n\n[ok](https://example.org)',
            assignments: [assignmentBody({ instructions: '<svg onload="alert(1)"></svg> *go*' })],
          },
        ],
      }),
    );
    expect(res.status).toBe(201);
    const html = [
      res.body.descriptionHtml,
      res.body.modules[0].contentHtml,
      res.body.modules[0].assignments[0].instructionsHtml,
    ];
    for (const h of html) {
      expect(h).not.toMatch(/<script|<svg/i);
      expect(h).not.toMatch(/<a [^>]*href="javascript:/i);
      expect(h).not.toMatch(/<[a-z]+ [^>]*on[a-z]+=/i);
    }
    expect(html[1]).toContain('<a href="https://example.org" rel="nofollow ugc noopener">ok</a>');
    expect(html[2]).toContain('<em>go</em>');
    // What the author wrote is kept as written: only the HTML is cleaned.
    expect(res.body.description).toContain('<script>alert(1)</script>');
  });

  it.each([
    ['no title', courseBody({ title: undefined }), 'title'],
    ['an unknown license', courseBody({ license: 'GPL' }), 'license'],
    ['a language that is no BCP 47 tag', courseBody({ language: 'english' }), 'language'],
    ['a field clients may not set', courseBody({ attributions: [] }), 'attributions'],
    ['101 modules', courseBody({ modules: Array.from({ length: 101 }, (_, i) => ({ title: `m${i}` })) }), 'modules'],
    [
      '21 assignments in a module',
      courseBody({ modules: [{ title: 'm', assignments: Array.from({ length: 21 }, () => assignmentBody()) }] }),
      'modules.0.assignments',
    ],
    [
      'a criterion with levels and a scale',
      courseBody({
        modules: [
          { title: 'a' },
          { title: 'b' },
          { title: 'c' },
          {
            title: 'd',
            assignments: [
              assignmentBody({
                rubric: [
                  { title: 'ok', weight: 1, scale: { min: 0, max: 4 } },
                  { title: 'both', weight: 1, levels: [{ label: 'x', points: 1 }], scale: { min: 0, max: 4 } },
                ],
              }),
            ],
          },
        ],
      }),
      'modules.3.assignments.0.rubric.1.scale',
    ],
    [
      'a scale with min above max',
      courseBody({
        modules: [
          {
            title: 'a',
            assignments: [assignmentBody({ rubric: [{ title: 's', weight: 1, scale: { min: 9, max: 1 } }] })],
          },
        ],
      }),
      'modules.0.assignments.0.rubric.0.scale.max',
    ],
    [
      'a level without points',
      courseBody({
        modules: [
          {
            title: 'a',
            assignments: [assignmentBody({ rubric: [{ title: 's', weight: 1, levels: [{ label: 'x' }] }] })],
          },
        ],
      }),
      'modules.0.assignments.0.rubric.0.levels.0.points',
    ],
    [
      'repeated level labels',
      courseBody({
        modules: [
          {
            title: 'a',
            assignments: [
              assignmentBody({
                rubric: [
                  {
                    title: 's',
                    weight: 1,
                    levels: [
                      { label: 'Done', points: 1 },
                      { label: 'done', points: 2 },
                    ],
                  },
                ],
              }),
            ],
          },
        ],
      }),
      'modules.0.assignments.0.rubric.0.levels.1.label',
    ],
    [
      'an unknown anonymity',
      courseBody({
        modules: [
          {
            title: 'a',
            assignments: [
              assignmentBody({ review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: 'none' } }),
            ],
          },
        ],
      }),
      'modules.0.assignments.0.review.anonymity',
    ],
    ['a module id that is no uuid', courseBody({ modules: [{ id: '42', title: 'a' }] }), 'modules.0.id'],
    ['an over-long description', courseBody({ description: 'x'.repeat(20_001) }), 'description'],
  ])('refuses %s with 400 naming the field, storing nothing', async (_, body, field) => {
    const author = await api.make.user();
    const res = await create(author, body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await api.db.query('SELECT id FROM courses WHERE author_id = $1', [author.user.id])).toEqual([]);
  });

  it('answers any body, however malformed, with 201 or a 400 naming fields, never a 500 (property)', async () => {
    const author = await api.make.user();
    /** A valid value or anything JSON can carry, with keys sometimes missing. */
    const or = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: valid }, fc.jsonValue({ maxDepth: 2 }));
    const criterion = fc.record(
      {
        title: or(fc.string({ minLength: 1, maxLength: 10 })),
        weight: or(fc.double({ min: -5, max: 200 })),
        levels: or(fc.array(fc.record({ label: or(fc.string()), points: or(fc.integer()) }), { maxLength: 3 })),
        scale: or(fc.record({ min: or(fc.integer({ min: -2000, max: 2000 })), max: or(fc.integer()) })),
        id: or(fc.uuid()),
      },
      { requiredKeys: [] },
    );
    const assignment = fc.record(
      {
        title: or(fc.string({ minLength: 1 })),
        instructions: or(fc.string({ minLength: 1 })),
        rubric: or(fc.array(criterion, { maxLength: 3 })),
        review: or(
          fc.record({
            reviewsPerSubmission: or(fc.integer({ min: 0, max: 12 })),
            reviewsPerLearner: or(fc.integer({ min: 0, max: 12 })),
            anonymity: or(fc.constantFrom('double-blind', 'single-blind', 'open')),
          }),
        ),
      },
      { requiredKeys: [] },
    );
    const body = fc.record(
      {
        title: or(fc.string({ minLength: 1, maxLength: 30 })),
        language: or(fc.constantFrom('es', 'pt-BR', 'rw', 'xx-YY-ZZ', '')),
        license: or(fc.constantFrom('CC0-1.0', 'CC-BY-4.0', 'all-rights-reserved')),
        topics: or(fc.array(fc.string(), { maxLength: 3 })),
        description: or(fc.string()),
        modules: or(
          fc.array(fc.record({ title: or(fc.string()), assignments: or(fc.array(assignment, { maxLength: 2 })) }), {
            maxLength: 3,
          }),
        ),
      },
      { requiredKeys: [] },
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await create(author, b);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect([201, 400]).toContain(res.status);
        if (res.status === 400) {
          expect(res.body.code).toBe('validation_failed');
          expect(res.body.errors.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 150 },
    );
    // Both answers happened: the bodies reached the domain's rules, not only the DTO's.
    expect(statuses.get(201)).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(0);
  });

  it('refuses a bad edit with 400 and leaves the draft as it was', async () => {
    const author = await api.make.user();
    const { course } = await api.make.course(author, { published: false });
    const res = await edit(author, course.id, {
      title: 'New title',
      modules: [
        {
          title: 'ok',
          assignments: [
            assignmentBody({ review: { reviewsPerSubmission: 3, reviewsPerLearner: 1, anonymity: 'open' } }),
          ],
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      {
        field: 'modules.0.assignments.0.review.reviewsPerLearner',
        message: expect.stringContaining('at least reviewsPerSubmission'),
      },
    ]);
    const draft = await api.http().get(`/api/v1/courses/${course.id}/draft`).set('Authorization', author.auth);
    expect(draft.body.title).toBe('Build a tube biogas digester');
    expect(draft.body.modules).toHaveLength(1);
  });

  it('answers 400 for malformed ids and 404 for unknown ones, never 500', async () => {
    const author = await api.make.user();
    const cases: [string, () => Promise<{ status: number; body: { errors?: { field: string }[] } }>, number][] = [
      ['GET /courses/x', () => api.http().get('/api/v1/courses/not-a-uuid'), 400],
      ['GET /courses/x/versions', () => api.http().get('/api/v1/courses/123/versions'), 400],
      ['GET /courses/x/lineage', () => api.http().get('/api/v1/courses/123/lineage'), 400],
      ['GET /course-versions/x', () => api.http().get('/api/v1/course-versions/v1'), 400],
      ['PATCH draft', () => edit(author, 'nope', { title: 'x' }), 400],
      ['publish', () => publish(author, 'nope'), 400],
      [
        'fork',
        () => api.http().post('/api/v1/course-versions/nope/forks').set('Authorization', author.auth).send({}),
        400,
      ],
      ['GET unknown course', () => api.http().get(`/api/v1/courses/${UNKNOWN_ID}`), 404],
      ['GET unknown version', () => api.http().get(`/api/v1/course-versions/${UNKNOWN_ID}`), 404],
      ['publish unknown', () => publish(author, UNKNOWN_ID), 404],
      [
        'fork unknown',
        () => api.http().post(`/api/v1/course-versions/${UNKNOWN_ID}/forks`).set('Authorization', author.auth).send({}),
        404,
      ],
    ];
    for (const [name, call, status] of cases) {
      const res = await call();
      expect({ name, status: res.status }).toEqual({ name, status });
      if (status === 400) expect(res.body.errors?.[0]?.field).toMatch(/^(courseId|versionId)$/);
    }
  });

  it('lets other domains check a pinned version through CourseCatalog.findPublishedVersion', async () => {
    const author = await api.make.user();
    const { version, course } = await api.make.course(author);
    const catalog = api.app.get(CourseCatalog);
    const found = await catalog.findPublishedVersion(version!.id);
    expect(found).toMatchObject({ id: version!.id, courseId: course.id, number: 1 });
    expect(await catalog.findPublishedVersion(UNKNOWN_ID)).toBeNull();
    expect(await catalog.findPublishedVersion('not-a-uuid')).toBeNull();
    // A course id is not a version id.
    expect(await catalog.findPublishedVersion(course.id)).toBeNull();
  });

  it("exports the author's courses and, on erasure, keeps published courses but drops private drafts", async () => {
    const author = await api.make.user({ displayName: 'Nima Sherpa' });
    const { course: published, version } = await api.make.course(author, { title: 'Solar dryers' });
    const { course: privateDraft } = await api.make.course(author, { published: false, title: 'Half an idea' });
    await edit(author, published.id, { title: 'Solar dryers (unpublished edit)' });

    const exported = await api.http().get(`/api/v1/users/${author.user.id}/export`).set('Authorization', author.auth);
    expect(exported.status).toBe(200);
    expect(exported.body.sections.courses).toEqual([
      expect.objectContaining({
        id: published.id,
        title: 'Solar dryers (unpublished edit)',
        versions: [expect.objectContaining({ id: version!.id, number: 1, title: 'Solar dryers' })],
      }),
      expect.objectContaining({ id: privateDraft.id, title: 'Half an idea', versions: [] }),
    ]);

    const del = await api
      .http()
      .delete(`/api/v1/users/${author.user.id}`)
      .set('Authorization', author.auth)
      .send({ password: author.password });
    expect(del.status).toBe(204);

    const stillThere = await api.http().get(`/api/v1/courses/${published.id}`);
    expect(stillThere.status).toBe(200);
    expect(stillThere.body).toMatchObject({
      title: 'Solar dryers',
      authorName: 'Deleted user',
      authorId: author.user.id,
    });
    expect(await api.db.query('SELECT id FROM courses WHERE id = $1', [privateDraft.id])).toEqual([]);
    const [row] = await api.db.query("SELECT draft->>'title' AS title FROM courses WHERE id = $1", [published.id]);
    expect(row.title).toBe('Solar dryers');
  });
});
