import { PassThrough } from 'node:stream';
import { startTestApi, type TestApi } from '../support/api-app';

/** Operators read these logs; people's addresses, passwords and tokens must never be in them. */
describe('request logs', () => {
  let api: TestApi;
  const lines: string[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    api = await startTestApi({ LOG_LEVEL: 'info' }, { logStream: stream });
  });
  afterAll(() => api.close());

  it('are one JSON object per line with the request id, and hold no personal data', async () => {
    const email = 'private.person@example.org';
    const password = 'my very secret password';
    const registered = await api
      .http()
      .post('/api/v1/auth/register')
      .set('X-Request-Id', 'req-register-1')
      .send({ email, password, displayName: 'Private Person', timeZone: 'Europe/Paris', locale: 'fr' });
    expect(registered.status).toBe(201);
    const login = await api.http().post('/api/v1/auth/login').send({ email, password });
    await api.http().post('/api/v1/auth/login').send({ email, password: 'wrong password here' }).expect(401);
    await api.http().post('/api/v1/auth/refresh').send({ refreshToken: login.body.refreshToken }).expect(200);
    await api
      .http()
      .get(`/api/v1/users?cursor=${encodeURIComponent(email)}`)
      .set('Authorization', `Bearer ${login.body.accessToken}`);
    await api.http().post('/api/v1/auth/password-reset').send({ email }).expect(202);

    expect(lines.length).toBeGreaterThanOrEqual(6);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const registerLine = entries.find((e) => e.requestId === 'req-register-1');
    expect(registerLine).toMatchObject({
      req: { method: 'POST', path: '/api/v1/auth/register' },
      res: { statusCode: 201 },
    });

    // A clean boot and ordinary traffic warn about nothing, so a warning in production means something.
    expect(entries.filter((e) => Number(e.level) >= 40).map((e) => e.msg)).toEqual([]);

    const all = lines.join('\n');
    for (const secret of [
      email,
      'private.person',
      password,
      login.body.refreshToken,
      login.body.accessToken,
      'Private Person',
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
