import supertest from 'supertest';
import { startReplica, startTestApi, type TestApi } from '../support/api-app';
import { randomIp } from '../support/factories';

const registration = (overrides: Record<string, unknown> = {}) => ({
  email: `ana-${Math.random().toString(36).slice(2)}@example.org`,
  password: 'a long enough secret',
  displayName: 'Ana Quispe',
  timeZone: 'America/La_Paz',
  locale: 'es',
  ...overrides,
});

describe('registration and login', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('registers an account with a zone and locale, unverified, without revealing the password', async () => {
    const body = registration({ email: 'Ana.Quispe@Example.org' });
    const res = await api.http().post('/api/v1/auth/register').set('X-Forwarded-For', randomIp()).send(body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      email: 'ana.quispe@example.org',
      displayName: 'Ana Quispe',
      timeZone: 'America/La_Paz',
      locale: 'es',
      emailVerified: false,
      role: 'user',
      notifications: { digest: 'daily', digestHour: 8 },
    });
    expect(JSON.stringify(res.body)).not.toContain(body.password);
    const rows = await api.db.query('SELECT password_hash FROM users WHERE id = $1', [res.body.id]);
    expect(rows[0].password_hash).toMatch(/^scrypt\$/);
    expect(rows[0].password_hash).not.toContain(body.password);
  });

  it('refuses a second account for the same email, whatever its case, with 409', async () => {
    const body = registration();
    await api.http().post('/api/v1/auth/register').set('X-Forwarded-For', randomIp()).send(body).expect(201);
    const again = await api
      .http()
      .post('/api/v1/auth/register')
      .set('X-Forwarded-For', randomIp())
      .send({ ...body, email: body.email.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'email_taken', errors: [{ field: 'email' }] });
    const count = await api.db.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [body.email]);
    expect(count[0].n).toBe(1);
  });

  it.each([
    ['a missing field', { displayName: undefined }, 'displayName'],
    ['an unknown field', { isAdmin: true }, 'isAdmin'],
    ['a wrong type', { displayName: 42 }, 'displayName'],
    ['an invalid time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['an offset instead of a zone', { timeZone: '+02:00' }, 'timeZone'],
    ['an unsupported locale', { locale: 'de' }, 'locale'],
    ['a short password', { password: 'short' }, 'password'],
    ['a malformed email', { email: 'not-an-email' }, 'email'],
  ])('rejects %s with 400 naming the field, and creates nothing', async (_, overrides, field) => {
    const body = registration(overrides);
    const res = await api.http().post('/api/v1/auth/register').set('X-Forwarded-For', randomIp()).send(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const rows = await api.db.query('SELECT 1 FROM users WHERE email = $1', [String(body.email).toLowerCase()]);
    expect(rows).toHaveLength(0);
  });

  it('logs in with the right password and gives the same 401 for a wrong password or an unknown email', async () => {
    const { user, password } = await api.make.user();
    const ok = await api
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', randomIp())
      .send({ email: user.email, password });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ expiresIn: 900 });
    const me = await api.http().get('/api/v1/users/me').set('Authorization', `Bearer ${ok.body.accessToken}`);
    expect(me.body.id).toBe(user.id);

    const wrong = await api
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', randomIp())
      .send({ email: user.email, password: 'not the password' });
    const unknown = await api
      .http()
      .post('/api/v1/auth/login')
      .set('X-Forwarded-For', randomIp())
      .send({ email: 'nobody@example.org', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.code).toBe('invalid_credentials');
  });

  it('rotates refresh tokens, and a reused one revokes the whole session family', async () => {
    const { refreshToken: first } = await api.make.user();
    const second = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: first });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first);

    // An attacker replays the first token: refused, and the legitimate holder's newer token dies with it.
    const replay = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: first });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('invalid_refresh_token');
    const victim = await api.http().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(victim.status).toBe(401);
  });

  it('refuses an expired refresh token', async () => {
    const { refreshToken } = await api.make.user();
    api.clock.advance((api.config.REFRESH_TOKEN_TTL_DAYS + 1) * 24 * 3600 * 1000);
    try {
      const res = await api.http().post('/api/v1/auth/refresh').send({ refreshToken });
      expect(res.status).toBe(401);
    } finally {
      api.clock.set(new Date());
    }
  });

  it('logs out: the refresh token stops working', async () => {
    const { auth, refreshToken } = await api.make.user();
    await api.http().post('/api/v1/auth/logout').set('Authorization', auth).send({ refreshToken }).expect(204);
    const res = await api.http().post('/api/v1/auth/refresh').send({ refreshToken });
    expect(res.status).toBe(401);
  });
});

describe('rate limits (counted in Redis)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({
      RATE_LIMIT_LOGIN_PER_EMAIL_PER_15_MINUTES: '3',
      RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '5',
      RATE_LIMIT_REGISTER_PER_IP_PER_HOUR: '2',
    });
  });
  afterAll(() => api.close());

  it('limits login attempts per email, across client addresses, with 429 and Retry-After', async () => {
    const { user } = await api.make.user();
    const attempt = () =>
      api
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', randomIp())
        .send({ email: user.email, password: 'wrong password' });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const blocked = await attempt();
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('rate_limited');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits login attempts per client address, whatever the email', async () => {
    const ip = randomIp();
    const attempt = (i: number) =>
      api
        .http()
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', ip)
        .send({ email: `guess${i}@example.org`, password: 'wrong password' });
    for (let i = 0; i < 5; i++) expect((await attempt(i)).status).toBe(401);
    expect((await attempt(99)).status).toBe(429);
  });

  it('limits registrations per client address', async () => {
    const ip = randomIp();
    const register = () => api.http().post('/api/v1/auth/register').set('X-Forwarded-For', ip).send(registration());
    expect((await register()).status).toBe(201);
    expect((await register()).status).toBe(201);
    expect((await register()).status).toBe(429);
  });

  it('shares the counts between API replicas', async () => {
    const replica = await startReplica(api);
    try {
      const { user } = await api.make.user();
      const attempt = (on: TestApi | typeof replica) =>
        supertest(on.app.getHttpServer())
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', randomIp())
          .send({ email: user.email, password: 'wrong password' });
      expect((await attempt(api)).status).toBe(401);
      expect((await attempt(replica)).status).toBe(401);
      expect((await attempt(api)).status).toBe(401);
      expect((await attempt(replica)).status).toBe(429);
    } finally {
      await replica.app.close();
    }
  });
});
