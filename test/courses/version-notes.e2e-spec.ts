import { startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

/** An author says what changed when publishing a version; readers see it with the version and in the history. */
describe('notes on a published version', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const publish = (author: MadeUser, courseId: string, body?: Record<string, unknown>) => {
    const request = api.http().post(`/api/v1/courses/${courseId}/publish`).set('Authorization', author.auth);
    return body === undefined ? request : request.send(body);
  };

  it('keeps the notes given when publishing (trimmed) and shows them with the version and in its history', async () => {
    const author = await api.make.user();
    const { course } = await api.make.course(author, { published: false });
    const v1 = await publish(author, course.id);
    expect(v1.status).toBe(201);
    expect(v1.body.notes).toBe('');
    // null reads as no notes, like a field left out.
    const again = await publish(author, course.id, { notes: null });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ number: 2, notes: '' });

    await api
      .http()
      .patch(`/api/v1/courses/${course.id}/draft`)
      .set('Authorization', author.auth)
      .send({ title: 'Tube digesters, second edition' })
      .expect(200);
    const v2 = await publish(author, course.id, { notes: '  The seal is now its own module.  ' });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ number: 3, notes: 'The seal is now its own module.' });

    const read = await api.http().get(`/api/v1/course-versions/${v2.body.id}`);
    expect(read.body.notes).toBe('The seal is now its own module.');
    const latest = await api.http().get(`/api/v1/courses/${course.id}`);
    expect(latest.body.notes).toBe('The seal is now its own module.');
    const history = await api.http().get(`/api/v1/courses/${course.id}/versions`);
    expect(history.body.items.map((v: { number: number; notes: string }) => [v.number, v.notes])).toEqual([
      [3, 'The seal is now its own module.'],
      [2, ''],
      [1, ''],
    ]);
  });

  it('refuses notes that are too long or not text, naming the field, and publishes nothing', async () => {
    const author = await api.make.user();
    const { course } = await api.make.course(author, { published: false });
    for (const notes of ['x'.repeat(2001), 42]) {
      const res = await publish(author, course.id, { notes });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['notes']);
    }
    const versions = await api.db.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM course_versions WHERE course_id = $1',
      [course.id],
    );
    expect(versions[0]?.n).toBe(0);
    expect((await api.http().get(`/api/v1/courses/${course.id}`)).status).toBe(404);
  });
});
