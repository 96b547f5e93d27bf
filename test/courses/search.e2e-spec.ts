import { randomBytes } from 'node:crypto';
import { CourseLicense } from '@app/courses';
import { startTestApi, type TestApi } from '../support/api-app';

/** A word no other test uses, so each test sees only its own courses in the shared catalog of this file. */
const word = (): string => `w${randomBytes(5).toString('hex')}`;

interface Summary {
  courseId: string;
  versionId: string;
  number: number;
  title: string;
  language: string;
  license: string;
  topics: string[];
}

describe('browsing and searching published courses', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  /** Anonymous, as anyone browsing the commons. */
  const search = (query: Record<string, string | number>) => api.http().get('/api/v1/courses').query(query);
  const titles = (body: { items: Summary[] }): string[] => body.items.map((i) => i.title);

  async function allPages(query: Record<string, string | number>): Promise<Summary[]> {
    const seen: Summary[] = [];
    let cursor: string | undefined;
    do {
      const res = await search({ ...query, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(Number(query.limit ?? 20));
      seen.push(...res.body.items);
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  }

  it('finds words in title, topics, summary and description, best matches first, without an account', async () => {
    const author = await api.make.user({ displayName: 'Ana Quispe' });
    const w = word();
    await api.make.course(author, { title: `Description match`, description: `All about ${w} in depth.` });
    await api.make.course(author, { title: `Title match ${w}` });
    await api.make.course(author, { title: 'Summary match', summary: `A short ${w} course.` });
    await api.make.course(author, { title: 'Topic match', topics: [w] });
    await api.make.course(author, { title: 'Unrelated' });

    const res = await search({ q: w });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(4);
    // Title weighs most, description least.
    expect(titles(res.body)[0]).toBe(`Title match ${w}`);
    expect(titles(res.body)[3]).toBe('Description match');
    expect(res.body.items[0]).toMatchObject({
      authorName: 'Ana Quispe',
      number: 1,
      language: 'es',
      license: 'CC-BY-SA-4.0',
    });
    expect(res.body.items[0]).not.toHaveProperty('modules');

    // Web-search syntax: a phrase, an excluded word, case-insensitive.
    expect(titles((await search({ q: `"title match" ${w.toUpperCase()}` })).body)).toEqual([`Title match ${w}`]);
    expect(titles((await search({ q: `${w} -title` })).body)).not.toContain(`Title match ${w}`);
  });

  it('shows each course once, by its newest version, and never a draft', async () => {
    const author = await api.make.user();
    const w = word();
    const { course } = await api.make.course(author, { title: `Old title ${w}` });
    await api
      .http()
      .patch(`/api/v1/courses/${course.id}/draft`)
      .set('Authorization', author.auth)
      .send({ title: `New title ${w}` });
    // Before publishing the edit, search still shows version 1.
    expect(titles((await search({ q: w })).body)).toEqual([`Old title ${w}`]);
    await api.http().post(`/api/v1/courses/${course.id}/publish`).set('Authorization', author.auth).expect(201);

    const found = (await search({ q: w })).body.items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ courseId: course.id, number: 2, title: `New title ${w}` });
    expect((await search({ q: `old ${w}` })).body.items).toEqual([]);

    await api.make.course(author, { title: `Draft only ${w}`, published: false });
    expect(titles((await search({ q: w })).body)).toEqual([`New title ${w}`]);
  });

  it('filters by topic, language (with its regional variants) and license', async () => {
    const author = await api.make.user();
    const w = word();
    const make = (title: string, language: string, license: CourseLicense, topics: string[]) =>
      api.make.course(author, { title, language, license, topics: [w, ...topics] });
    await make('Bolivian', 'es-BO', CourseLicense.CcBySa, ['Solar Power']);
    await make('Spanish', 'es', CourseLicense.CcBy, ['solar power', 'cooking']);
    await make('Latin American', 'es-419', CourseLicense.CcByNc, []);
    await make('Estonian', 'et', CourseLicense.CcBySa, ['solar power']);
    await make('Central Yupik', 'esu', CourseLicense.CcBySa, []);
    await make('Kinyarwanda', 'rw', CourseLicense.CcByNd, ['cooking']);

    const sorted = async (query: Record<string, string>) => titles((await search({ topic: w, ...query })).body).sort();
    expect(await sorted({})).toHaveLength(6);
    expect(await sorted({ language: 'es' })).toEqual(['Bolivian', 'Latin American', 'Spanish']);
    expect(await sorted({ language: 'ES-bo' })).toEqual(['Bolivian']);
    expect(await sorted({ language: 'rw' })).toEqual(['Kinyarwanda']);
    expect(await sorted({ language: 'es', license: 'CC-BY-SA-4.0' })).toEqual(['Bolivian']);
    expect(await sorted({ license: 'CC-BY-ND-4.0' })).toEqual(['Kinyarwanda']);
    // Topics match as normalized; no other test of this file uses this one.
    expect(titles((await search({ topic: '  SOLAR   power ' })).body).sort()).toEqual([
      'Bolivian',
      'Estonian',
      'Spanish',
    ]);
    expect(titles((await search({ topic: 'solar power', q: w, language: 'es' })).body).sort()).toEqual([
      'Bolivian',
      'Spanish',
    ]);
  });

  it('pages through every result once, in browse order and in relevance order', async () => {
    const author = await api.make.user();
    const w = word();
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      // Repeating the word changes relevance, so ranks differ and tie.
      const { course } = await api.make.course(author, {
        title: `Course ${i}`,
        topics: [w],
        description: Array.from({ length: (i % 3) + 1 }, () => w).join(' '),
      });
      made.push(course.id);
      api.clock.advance(60_000);
    }
    const browse = await allPages({ topic: w, limit: 3 });
    // Newest published first.
    expect(browse.map((s) => s.courseId)).toEqual([...made].reverse());

    const relevance = await allPages({ q: w, limit: 2 });
    expect(relevance.map((s) => s.courseId).sort()).toEqual([...made].sort());
    expect(new Set(relevance.map((s) => s.versionId)).size).toBe(7);
    const firstPage = (await search({ q: w, limit: 7 })).body.items.map((s: Summary) => s.courseId);
    expect(relevance.map((s) => s.courseId)).toEqual(firstPage);
  });

  it('refuses bad paging and filter values with 400 naming the parameter', async () => {
    const w = word();
    const cases: [Record<string, string | number>, string][] = [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ cursor: 'bm90LWEtY3Vyc29y' }, 'cursor'],
      [{ language: 'english' }, 'language'],
      [{ license: 'MIT' }, 'license'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ sort: 'title' }, 'sort'],
    ];
    for (const [query, field] of cases) {
      const res = await search(query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // A browse cursor does not fit a relevance search (and the other way round).
    const author = await api.make.user();
    await api.make.course(author, { topics: [w] });
    await api.make.course(author, { topics: [w] });
    const browseCursor = (await search({ topic: w, limit: 1 })).body.nextCursor;
    expect(browseCursor).toEqual(expect.any(String));
    const mixed = await search({ q: w, cursor: browseCursor });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors[0].field).toBe('cursor');
  });
});
