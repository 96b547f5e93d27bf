import { CourseLicense } from '@app/courses';
import { startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

describe('forking courses and their lineage', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const fork = (who: MadeUser, versionId: string, body: Record<string, unknown> = {}) =>
    api.http().post(`/api/v1/course-versions/${versionId}/forks`).set('Authorization', who.auth).send(body);
  const publish = (who: MadeUser, courseId: string) =>
    api.http().post(`/api/v1/courses/${courseId}/publish`).set('Authorization', who.auth);
  const lineage = (courseId: string) => api.http().get(`/api/v1/courses/${courseId}/lineage`);

  it('forks an open version into a new course of the forker, with lineage, attribution and an event', async () => {
    const ana = await api.make.user({ displayName: 'Ana Quispe' });
    const chidi = await api.make.user({ displayName: 'Chidi Okafor' });
    const { course: source, version } = await api.make.course(ana, { license: CourseLicense.CcBySa });

    const res = await fork(chidi, version!.id);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      authorId: chidi.user.id,
      authorName: 'Chidi Okafor',
      title: version!.title,
      license: 'CC-BY-SA-4.0',
      latestVersion: null,
      forkedFrom: { versionId: version!.id, courseId: source.id, number: 1, title: version!.title },
      attributions: [
        {
          courseId: source.id,
          versionId: version!.id,
          title: version!.title,
          authorName: 'Ana Quispe',
          license: 'CC-BY-SA-4.0',
        },
      ],
    });
    expect(res.body.id).not.toBe(source.id);
    // Same modules, same stable ids: the fork starts as the version's content.
    expect(res.body.modules).toEqual(version!.modules);

    const [row] = await api.db.query('SELECT author_id, forked_from_version_id FROM courses WHERE id = $1', [
      res.body.id,
    ]);
    expect(row).toEqual({ author_id: chidi.user.id, forked_from_version_id: version!.id });
    const events = await api.db.query('SELECT type, payload FROM outbox_events WHERE aggregate_id = $1', [res.body.id]);
    expect(events).toEqual([
      {
        type: 'course.forked',
        payload: { courseId: res.body.id, fromCourseId: source.id, fromVersionId: version!.id },
      },
    ]);
    // The fork is the forker's draft: private until published.
    expect((await api.http().get(`/api/v1/courses/${res.body.id}`)).status).toBe(404);
    const v1 = await publish(chidi, res.body.id);
    expect(v1.status).toBe(201);
    expect(v1.body.forkedFrom).toMatchObject({ versionId: version!.id });
  });

  it.each([[CourseLicense.CcByNd], [CourseLicense.CcByNcNd], [CourseLicense.AllRightsReserved]])(
    'refuses to fork %s material with 403 license_forbids_derivatives, creating nothing',
    async (license) => {
      const author = await api.make.user();
      const forker = await api.make.user();
      const { version } = await api.make.course(author, { license });
      const res = await fork(forker, version!.id);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('license_forbids_derivatives');
      expect(await api.db.query('SELECT id FROM courses WHERE author_id = $1', [forker.user.id])).toEqual([]);
      expect(
        await api.db.query(
          "SELECT id FROM outbox_events WHERE type = 'course.forked' AND payload->>'fromVersionId' = $1",
          [version!.id],
        ),
      ).toEqual([]);
    },
  );

  it.each([
    [CourseLicense.CC0, CourseLicense.AllRightsReserved, 201],
    [CourseLicense.CcBy, CourseLicense.CcByNcSa, 201],
    [CourseLicense.CcBy, CourseLicense.AllRightsReserved, 201],
    [CourseLicense.CcBy, CourseLicense.CC0, 409],
    [CourseLicense.CcBySa, CourseLicense.CcBy, 409],
    [CourseLicense.CcBySa, CourseLicense.CcByNcSa, 409],
    [CourseLicense.CcByNc, CourseLicense.CcByNcSa, 201],
    [CourseLicense.CcByNc, CourseLicense.CcBy, 409],
    [CourseLicense.CcByNcSa, CourseLicense.CcByNc, 409],
  ])('a fork of %s asking for %s gets %i', async (source, target, status) => {
    const author = await api.make.user();
    const forker = await api.make.user();
    const { version } = await api.make.course(author, { license: source });
    const res = await fork(forker, version!.id, { license: target });
    expect(res.status).toBe(status);
    if (status === 201) expect(res.body.license).toBe(target);
    else expect(res.body).toMatchObject({ code: 'license_incompatible', errors: [{ field: 'license' }] });
  });

  it("refuses to change a fork's license to one its source forbids, on edit and on publish", async () => {
    const author = await api.make.user();
    const forker = await api.make.user();
    const { version } = await api.make.course(author, { license: CourseLicense.CcByNc });
    const forked = (await fork(forker, version!.id)).body;

    const bad = await api
      .http()
      .patch(`/api/v1/courses/${forked.id}/draft`)
      .set('Authorization', forker.auth)
      .send({ license: 'CC-BY-4.0', title: 'Now commercial' });
    expect(bad.status).toBe(409);
    expect(bad.body).toMatchObject({ code: 'license_incompatible', errors: [{ field: 'license' }] });
    expect(bad.body.errors[0].message).toContain('CC-BY-NC-4.0, CC-BY-NC-SA-4.0');
    const [row] = await api.db.query(
      "SELECT draft->>'license' AS license, draft->>'title' AS title FROM courses WHERE id = $1",
      [forked.id],
    );
    expect(row).toEqual({ license: 'CC-BY-NC-4.0', title: version!.title });

    const good = await api
      .http()
      .patch(`/api/v1/courses/${forked.id}/draft`)
      .set('Authorization', forker.auth)
      .send({ license: 'CC-BY-NC-SA-4.0' });
    expect(good.status).toBe(200);

    // A draft that got an incompatible license some other way is still never published.
    await api.db.query(`UPDATE courses SET draft = jsonb_set(draft, '{license}', '"CC0-1.0"') WHERE id = $1`, [
      forked.id,
    ]);
    const refused = await publish(forker, forked.id);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('license_incompatible');
    expect(await api.db.query('SELECT id FROM course_versions WHERE course_id = $1', [forked.id])).toEqual([]);

    // An original course may take any license.
    const { course: original } = await api.make.course(author, { license: CourseLicense.CcByNc, published: false });
    const free = await api
      .http()
      .patch(`/api/v1/courses/${original.id}/draft`)
      .set('Authorization', author.auth)
      .send({ license: 'all-rights-reserved' });
    expect(free.status).toBe(200);
  });

  it('chains attributions nearest first across forks of forks', async () => {
    const [a, b, c] = [
      await api.make.user({ displayName: 'Author A' }),
      await api.make.user({ displayName: 'Author B' }),
      await api.make.user({ displayName: 'Author C' }),
    ];
    const { course: root, version: rootV1 } = await api.make.course(a, { title: 'Root', license: CourseLicense.CcBy });
    const mid = (await fork(b, rootV1!.id, { license: 'CC-BY-SA-4.0' })).body;
    await api.http().patch(`/api/v1/courses/${mid.id}/draft`).set('Authorization', b.auth).send({ title: 'Middle' });
    const midV1 = (await publish(b, mid.id)).body;
    const leaf = (await fork(c, midV1.id)).body;
    expect(leaf.license).toBe('CC-BY-SA-4.0');
    expect(leaf.attributions).toEqual([
      { courseId: mid.id, versionId: midV1.id, title: 'Middle', authorName: 'Author B', license: 'CC-BY-SA-4.0' },
      { courseId: root.id, versionId: rootV1!.id, title: 'Root', authorName: 'Author A', license: 'CC-BY-4.0' },
    ]);
    // Attributions are the platform's to keep: an author cannot send them.
    const edit = await api
      .http()
      .patch(`/api/v1/courses/${leaf.id}/draft`)
      .set('Authorization', c.auth)
      .send({ attributions: [] });
    expect(edit.status).toBe(400);
    expect(edit.body.errors[0].field).toBe('attributions');
  });

  it('shows lineage: ancestors nearest first, published direct forks with their descendant counts', async () => {
    const users = await Promise.all(
      ['Root', 'F1', 'F2', 'F1a', 'F1b', 'F1a-x', 'Hidden'].map((n) => api.make.user({ displayName: n })),
    );
    const [u0, u1, u2, u1a, u1b, u1ax, hidden] = users as [
      MadeUser,
      MadeUser,
      MadeUser,
      MadeUser,
      MadeUser,
      MadeUser,
      MadeUser,
    ];
    const { course: root, version: rootV1 } = await api.make.course(u0, { title: 'Root', license: CourseLicense.CC0 });
    // Root v2: forks of either version count as forks of the course.
    const rootV2 = (await publish(u0, root.id)).body;

    const forkAndPublish = async (who: MadeUser, versionId: string, title: string) => {
      const draft = (await fork(who, versionId)).body;
      await api.http().patch(`/api/v1/courses/${draft.id}/draft`).set('Authorization', who.auth).send({ title });
      return { course: draft, version: (await publish(who, draft.id)).body };
    };
    const f1 = await forkAndPublish(u1, rootV1!.id, 'F1');
    const f2 = await forkAndPublish(u2, rootV2.id, 'F2');
    const f1a = await forkAndPublish(u1a, f1.version.id, 'F1a');
    await forkAndPublish(u1b, f1.version.id, 'F1b');
    const f1ax = await forkAndPublish(u1ax, f1a.version.id, 'F1a-x');
    // An unpublished fork is a private draft: it appears nowhere.
    await fork(hidden, rootV1!.id);

    const rootLineage = await lineage(root.id);
    expect(rootLineage.status).toBe(200);
    expect(rootLineage.body).toMatchObject({ courseId: root.id, ancestors: [], forkCount: 2 });
    expect(
      rootLineage.body.forks.map((f: { title: string; descendants: number; forkedFromVersionNumber: number }) => [
        f.title,
        f.descendants,
        f.forkedFromVersionNumber,
      ]),
    ).toEqual([
      ['F1', 3, 1],
      ['F2', 0, 2],
    ]);
    expect(rootLineage.body.forks[1].courseId).toBe(f2.course.id);
    expect(rootLineage.body.forks[0]).toMatchObject({
      courseId: f1.course.id,
      authorName: 'F1',
      latestVersionId: f1.version.id,
      latestVersionNumber: 1,
      license: 'CC0-1.0',
    });

    const leafLineage = await lineage(f1ax.course.id);
    expect(leafLineage.body.forks).toEqual([]);
    expect(leafLineage.body.forkCount).toBe(0);
    expect(
      leafLineage.body.ancestors.map(
        (a: { depth: number; title: string; versionNumber: number; authorName: string }) => [
          a.depth,
          a.title,
          a.versionNumber,
          a.authorName,
        ],
      ),
    ).toEqual([
      [1, 'F1a', 1, 'F1a'],
      [2, 'F1', 1, 'F1'],
      [3, 'Root', 1, 'Root'],
    ]);
    expect(leafLineage.body.ancestors[2]).toMatchObject({ courseId: root.id, versionId: rootV1!.id });

    const f1Lineage = await lineage(f1.course.id);
    expect(f1Lineage.body.ancestors.map((a: { versionId: string }) => a.versionId)).toEqual([rootV1!.id]);
    expect(f1Lineage.body.forks.map((f: { title: string; descendants: number }) => [f.title, f.descendants])).toEqual([
      ['F1a', 1],
      ['F1b', 0],
    ]);

    // Lineage is about published courses; a draft has none to show.
    const { course: draft } = await api.make.course(u0, { published: false });
    expect((await lineage(draft.id)).status).toBe(404);
  });

  it('needs an account to fork, and a license it knows', async () => {
    const author = await api.make.user();
    const { version } = await api.make.course(author);
    expect((await api.http().post(`/api/v1/course-versions/${version!.id}/forks`).send({})).status).toBe(401);
    const badLicense = await fork(author, version!.id, { license: 'MIT' });
    expect(badLicense.status).toBe(400);
    expect(badLicense.body.errors[0].field).toBe('license');
  });
});
