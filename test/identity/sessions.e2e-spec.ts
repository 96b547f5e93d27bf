import { JwtService } from '@nestjs/jwt';
import { startTestApi, v1, type TestApi } from '../support/api-app';
import { randomIp, type MadeUser } from '../support/factories';

interface Claims {
  sub: string;
  role: string;
  sv: number;
  sid: string;
}

/** The claims a real access token carries (without its times), read from the token as any holder could. */
function claimsOf(auth: string): Claims {
  const payload = auth.replace(/^Bearer /, '').split('.')[1] ?? '';
  const { sub, role, sv, sid } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
  return { sub, role, sv, sid };
}

const base64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('sessions: access tokens die with their session', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const me = (auth: string) => api.http().get(v1('/users/me')).set('Authorization', auth);
  const login = async (who: MadeUser, password = who.password) => {
    const res = await api
      .http()
      .post(v1('/auth/login'))
      .set('X-Forwarded-For', randomIp())
      .send({ email: who.user.email, password });
    expect(res.status).toBe(200);
    return { auth: `Bearer ${res.body.accessToken as string}`, refreshToken: res.body.refreshToken as string };
  };
  const expectDead = async (auth: string) => {
    const res = await me(auth);
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('unauthenticated');
  };

  it('logout: the access token of that session stops working at once, another session goes on', async () => {
    const ana = await api.make.user();
    const laptop = await login(ana);
    expect((await me(ana.auth)).status).toBe(200);

    await api
      .http()
      .post(v1('/auth/logout'))
      .set('Authorization', ana.auth)
      .send({ refreshToken: ana.refreshToken })
      .expect(204);

    await expectDead(ana.auth);
    expect((await me(laptop.auth)).status).toBe(200);
    expect((await api.http().post(v1('/auth/refresh')).send({ refreshToken: laptop.refreshToken })).status).toBe(200);
  });

  it('refresh-token replay: every access token of the family stops working at once', async () => {
    const ana = await api.make.user();
    const other = await login(ana);
    const rotated = await api.http().post(v1('/auth/refresh')).send({ refreshToken: ana.refreshToken });
    expect(rotated.status).toBe(200);
    const newer = `Bearer ${rotated.body.accessToken as string}`;
    expect((await me(newer)).status).toBe(200);

    const replay = await api.http().post(v1('/auth/refresh')).send({ refreshToken: ana.refreshToken });
    expect(replay.status).toBe(401);

    await expectDead(ana.auth);
    await expectDead(newer);
    expect((await me(other.auth)).status).toBe(200);
  });

  it('logout with a token already rotated ends the session, the newer tokens and their access tokens too', async () => {
    const ana = await api.make.user();
    const rotated = await api.http().post(v1('/auth/refresh')).send({ refreshToken: ana.refreshToken });
    expect(rotated.status).toBe(200);
    await api
      .http()
      .post(v1('/auth/logout'))
      .set('Authorization', `Bearer ${rotated.body.accessToken as string}`)
      .send({ refreshToken: ana.refreshToken })
      .expect(204);
    await expectDead(ana.auth);
    await expectDead(`Bearer ${rotated.body.accessToken as string}`);
    expect((await api.http().post(v1('/auth/refresh')).send({ refreshToken: rotated.body.refreshToken })).status).toBe(
      401,
    );
  });

  it('a logout racing a refresh of the same token still ends the session, whichever commits first', async () => {
    for (let i = 0; i < 6; i++) {
      const ana = await api.make.user();
      const [out, refreshed] = await Promise.all([
        api.http().post(v1('/auth/logout')).set('Authorization', ana.auth).send({ refreshToken: ana.refreshToken }),
        api.http().post(v1('/auth/refresh')).send({ refreshToken: ana.refreshToken }),
      ]);
      expect(out.status).toBe(204);
      await expectDead(ana.auth);
      if (refreshed.status !== 200) continue;
      await expectDead(`Bearer ${refreshed.body.accessToken as string}`);
      const next = await api.http().post(v1('/auth/refresh')).send({ refreshToken: refreshed.body.refreshToken });
      expect(next.status).toBe(401);
    }
  });

  it('password change: every session ends at once, the new tokens work, the old password does not', async () => {
    const ana = await api.make.user();
    const phone = await login(ana);

    const wrong = await api
      .http()
      .post(v1('/auth/password'))
      .set('Authorization', ana.auth)
      .set('X-Forwarded-For', randomIp())
      .send({ currentPassword: 'not my password', newPassword: 'a brand new password' });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ code: 'password_incorrect', errors: [{ field: 'currentPassword' }] });
    expect((await me(ana.auth)).status).toBe(200);

    const changed = await api
      .http()
      .post(v1('/auth/password'))
      .set('Authorization', ana.auth)
      .set('X-Forwarded-For', randomIp())
      .send({ currentPassword: ana.password, newPassword: 'a brand new password' });
    expect(changed.status).toBe(200);

    await expectDead(ana.auth);
    await expectDead(phone.auth);
    expect((await api.http().post(v1('/auth/refresh')).send({ refreshToken: phone.refreshToken })).status).toBe(401);
    expect((await me(`Bearer ${changed.body.accessToken as string}`)).status).toBe(200);
    const fresh = await api.http().post(v1('/auth/refresh')).send({ refreshToken: changed.body.refreshToken });
    expect(fresh.status).toBe(200);
    await login(ana, 'a brand new password');
    const old = await api
      .http()
      .post(v1('/auth/login'))
      .set('X-Forwarded-For', randomIp())
      .send({ email: ana.user.email, password: ana.password });
    expect(old.status).toBe(401);
  });

  it('password change: a short new password is refused with 400 naming the field, and nothing changes', async () => {
    const ana = await api.make.user();
    const res = await api
      .http()
      .post(v1('/auth/password'))
      .set('Authorization', ana.auth)
      .send({ currentPassword: ana.password, newPassword: 'short' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['newPassword']);
    expect((await me(ana.auth)).status).toBe(200);
  });

  it('logout with someone else’s refresh token: 401 as for an unknown one, and their session goes on', async () => {
    const ana = await api.make.user();
    const bea = await api.make.user();

    const foreign = await api
      .http()
      .post(v1('/auth/logout'))
      .set('Authorization', ana.auth)
      .send({ refreshToken: bea.refreshToken });
    const unknown = await api
      .http()
      .post(v1('/auth/logout'))
      .set('Authorization', ana.auth)
      .send({ refreshToken: 'no-such-token' });
    expect(foreign.status).toBe(401);
    expect(foreign.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(foreign.body.code).toBe('invalid_refresh_token');
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(foreign.body)).toEqual(strip(unknown.body));

    expect((await me(bea.auth)).status).toBe(200);
    expect((await api.http().post(v1('/auth/refresh')).send({ refreshToken: bea.refreshToken })).status).toBe(200);
    // Ana's own session was not ended either.
    expect((await me(ana.auth)).status).toBe(200);
  });

  it('logging out again with one’s own ended session stays 204 (from another live session)', async () => {
    const ana = await api.make.user();
    const phone = await login(ana);
    const logout = (auth: string) =>
      api.http().post(v1('/auth/logout')).set('Authorization', auth).send({ refreshToken: ana.refreshToken });
    await logout(ana.auth).expect(204);
    await logout(phone.auth).expect(204);
    expect((await me(phone.auth)).status).toBe(200);
  });

  describe('refuses access tokens it did not issue as they are (401 problem+json)', () => {
    let ana: MadeUser;
    let claims: Claims;
    let jwt: JwtService;

    beforeAll(async () => {
      ana = await api.make.user();
      claims = claimsOf(ana.auth);
      jwt = new JwtService({ secret: api.config.JWT_SECRET });
    });

    it('accepts a well-formed token signed with the secret (the control)', async () => {
      const token = jwt.sign({ ...claims }, { algorithm: 'HS256', expiresIn: 60 });
      expect((await me(`Bearer ${token}`)).status).toBe(200);
    });

    it.each([
      ['without exp', () => jwt.sign({ ...claims }, { algorithm: 'HS256' })],
      ['without iat', () => jwt.sign({ ...claims }, { algorithm: 'HS256', expiresIn: 60, noTimestamp: true })],
      ['with sub "nope"', () => jwt.sign({ ...claims, sub: 'nope' }, { algorithm: 'HS256', expiresIn: 60 })],
      ['without sid', () => jwt.sign({ ...claims, sid: undefined }, { algorithm: 'HS256', expiresIn: 60 })],
      ['with a sid that is no session', () => jwt.sign({ ...claims, sid: ana.user.id }, { expiresIn: 60 })],
      ['signed HS512', () => jwt.sign({ ...claims }, { algorithm: 'HS512', expiresIn: 60 })],
      [
        'with alg none',
        () => {
          const now = Math.floor(Date.now() / 1000);
          return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, iat: now, exp: now + 60 })}.`;
        },
      ],
    ])('%s', async (_, token) => {
      await expectDead(`Bearer ${token()}`);
    });
  });
});
