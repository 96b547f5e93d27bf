import { startTestApi, signedIn, v1, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

/** Input no honest client sends, answered as the client's mistake (400 naming the field), never a 500. */
describe('hostile input', () => {
  let api: TestApi;
  let author: MadeUser;

  beforeAll(async () => {
    api = await startTestApi();
    author = await api.make.user();
  });
  afterAll(() => api.close());

  const expectProblem = (res: { status: number; headers: Record<string, string>; body: unknown }, status: number) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  };
  const fieldsOf = (res: { body: { errors?: Array<{ field: string }> } }): string[] =>
    (res.body.errors ?? []).map((e) => e.field);

  describe('deeply nested or huge bodies', () => {
    it('refuses a body nested thousands of levels deep, before anyone signs in', async () => {
      const res = await api
        .http()
        .post(v1('/auth/login'))
        .set('Content-Type', 'application/json')
        .send(`{"email":"a@example.org","password":"x","a":${'['.repeat(5000)}${']'.repeat(5000)}}`);
      expectProblem(res, 400);
      expect(res.body).toMatchObject({ status: 400, code: 'body_too_complex' });
      expect(res.body.detail).toMatch(/deeper than 32 levels/);

      // Within the bound, the body goes on to validation, which names the unknown field.
      let value: unknown = 'x';
      for (let i = 0; i < 30; i++) value = [value];
      const within = await api.http().post(v1('/auth/login')).send({ email: 'a@example.org', password: 'x', a: value });
      expectProblem(within, 400);
      expect(within.body.code).toBe('validation_failed');
      expect(fieldsOf(within)).toEqual(['a']);
    });

    it('refuses a list of more than 10,000 items and an object of more than 1,000 keys', async () => {
      const list = await api
        .http()
        .post(v1('/auth/login'))
        .send({ email: 'a@example.org', password: 'x', a: new Array(10_001).fill(0) });
      expectProblem(list, 400);
      expect(list.body.code).toBe('body_too_complex');
      const keys = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, i]));
      const object = await api.http().post(v1('/auth/login')).send(keys);
      expectProblem(object, 400);
      expect(object.body.code).toBe('body_too_complex');
    });
  });

  it('refuses JSON in a charset other than UTF-8 (RFC 8259), whose shape it cannot check', async () => {
    const res = await api
      .http()
      .post(v1('/auth/login'))
      .set('Content-Type', 'application/json; charset=utf-16le')
      .send(Buffer.from(`{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'utf16le'));
    expectProblem(res, 415);
    expect(res.body.code).toBe('unsupported_charset');
  });

  describe('NUL characters', () => {
    it('are refused in any body field, nested ones named by their path', async () => {
      const res = await signedIn(api, author).post('/courses', {
        title: 'ab\u0000cd',
        language: 'es',
        license: 'CC-BY-SA-4.0',
        modules: [{ title: 'Dig' }, { title: 'Fill\u0000' }],
      });
      expectProblem(res, 400);
      expect(res.body.code).toBe('validation_failed');
      expect(fieldsOf(res)).toEqual(['title', 'modules.1.title']);
      expect(res.body.errors[0].message).toMatch(/NUL/);
    });

    it('are refused in query strings, for anonymous course search and signed-in group search alike', async () => {
      const courses = await api.http().get(v1('/courses?q=%00'));
      expectProblem(courses, 400);
      expect(fieldsOf(courses)).toEqual(['q']);
      const groups = await signedIn(api, author).get('/groups/search?q=ab%00cd&topic=biogas');
      expectProblem(groups, 400);
      expect(fieldsOf(groups)).toEqual(['q']);
    });

    it('are refused in route parameters', async () => {
      const res = await api.http().get(v1('/calendar/ab%00cd.ics'));
      expectProblem(res, 400);
      expect(fieldsOf(res)).toEqual(['token']);
    });
  });

  describe('lone surrogates (ill-formed Unicode)', () => {
    const email = 'ana\ud800@example.org';

    it('are refused as an email on register, login and password reset, naming email', async () => {
      const attempts = [
        api.http().post(v1('/auth/register')).send({
          email,
          password: 'a long enough password',
          displayName: 'Ana',
          timeZone: 'America/La_Paz',
          locale: 'es',
        }),
        api.http().post(v1('/auth/login')).send({ email, password: 'a long enough password' }),
        api.http().post(v1('/auth/password-reset')).send({ email }),
      ];
      for (const res of await Promise.all(attempts)) {
        expectProblem(res, 400);
        expect(res.body.code).toBe('validation_failed');
        expect(fieldsOf(res)).toEqual(['email']);
        expect(res.body.errors[0].message).toMatch(/well-formed Unicode/);
      }
    });

    it('are refused in course text, while emoji (surrogate pairs) are kept', async () => {
      const refused = await signedIn(api, author).post('/courses', {
        title: 'Biogas \udc00',
        language: 'es',
        license: 'CC-BY-SA-4.0',
      });
      expectProblem(refused, 400);
      expect(fieldsOf(refused)).toEqual(['title']);
      const kept = await signedIn(api, author)
        .post('/courses', { title: 'Biogas 🔥', language: 'es', license: 'CC-BY-SA-4.0' })
        .expect(201);
      expect(kept.body.title).toBe('Biogas 🔥');
    });
  });

  it('refuses null for a profile field that cannot be empty, naming it', async () => {
    const res = await signedIn(api, author).patch('/users/me', { timeZone: null, notifications: { digest: null } });
    expectProblem(res, 400);
    expect(fieldsOf(res).sort()).toEqual(['notifications.digest', 'timeZone']);
  });
});
