import type { Response } from 'supertest';
import { startTestApi, v1, type TestApi } from '../support/api-app';
import { randomIp, type MadeUser } from '../support/factories';

interface SetCookie {
  value: string;
  /** Attribute names lower-cased; flags map to true. */
  attributes: Map<string, string | true>;
}

/** The cookies a response sets, by name, read as a browser would. */
function setCookies(res: Response): Map<string, SetCookie> {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookies = new Map<string, SetCookie>();
  for (const line of header ?? []) {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const at = pair.indexOf('=');
    cookies.set(pair.slice(0, at), {
      value: pair.slice(at + 1),
      attributes: new Map(
        attributes.map((attribute): [string, string | true] => {
          const eq = attribute.indexOf('=');
          return eq < 0
            ? [attribute.toLowerCase(), true]
            : [attribute.slice(0, eq).toLowerCase(), attribute.slice(eq + 1)];
        }),
      ),
    });
  }
  return cookies;
}

/** What a browser holds after a browser-mode answer: the access token in memory, the two cookies in its jar. */
interface BrowserSession {
  auth: string;
  refresh: string;
  csrf: string;
}

function sessionOf(res: Response): BrowserSession {
  expect(res.status).toBe(200);
  const cookies = setCookies(res);
  const refresh = cookies.get('cp_refresh')?.value;
  const csrf = cookies.get('cp_csrf')?.value;
  expect(refresh).toBeTruthy();
  expect(csrf).toBeTruthy();
  return { auth: `Bearer ${res.body.accessToken as string}`, refresh: refresh ?? '', csrf: csrf ?? '' };
}

const cookieHeader = (s: Pick<BrowserSession, 'refresh' | 'csrf'>): string =>
  `cp_refresh=${s.refresh}; cp_csrf=${s.csrf}`;

describe('browser sessions: the refresh token in an HttpOnly cookie, guarded against cross-site requests', () => {
  let api: TestApi;
  let secureApi: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_URL: 'http://localhost:3000', REFRESH_TOKEN_TTL_DAYS: '30' });
    // Served under a path by its proxy: the browser sees the auth routes beneath it.
    secureApi = await startTestApi({
      PUBLIC_URL: 'https://learn.example.org/commonplace',
      REFRESH_TOKEN_TTL_DAYS: '7',
    });
  });
  afterAll(async () => {
    await api.close();
    await secureApi.close();
  });

  const browserLogin = (on: TestApi, who: MadeUser, headers: Record<string, string> = {}) =>
    on
      .http()
      .post(v1('/auth/login'))
      .set('X-Forwarded-For', randomIp())
      .set('X-Session-Transport', 'cookie')
      .set(headers)
      .send({ email: who.user.email, password: who.password });

  /** A refresh as our page makes it: same origin, both cookies, the CSRF cookie copied into the header. */
  const pageRefresh = (s: Pick<BrowserSession, 'refresh' | 'csrf'>, headers: Record<string, string> = {}) =>
    api
      .http()
      .post(v1('/auth/refresh'))
      .set('Cookie', cookieHeader(s))
      .set('X-CSRF-Token', s.csrf)
      .set('Origin', 'http://localhost:3000')
      .set('Sec-Fetch-Site', 'same-origin')
      .set(headers);

  const me = (on: TestApi, auth: string) => on.http().get(v1('/users/me')).set('Authorization', auth);
  const expectDead = async (auth: string) => {
    const res = await me(api, auth);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  };
  const expectCsrfRejected = (res: Response) => {
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('csrf_rejected');
    expect(res.headers['set-cookie']).toBeUndefined();
  };

  it('behind https: the refresh token is an HttpOnly, Secure, SameSite=Strict cookie on the auth routes only', async () => {
    const ana = await secureApi.make.user();
    const res = await browserLogin(secureApi, ana, { Origin: 'https://learn.example.org' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn']);
    expect(res.headers['cache-control']).toBe('no-store');

    const cookies = setCookies(res);
    const refresh = cookies.get('cp_refresh');
    expect(refresh?.attributes).toEqual(
      new Map<string, string | true>([
        ['max-age', String(7 * 86400)],
        ['path', '/commonplace/api/v1/auth'],
        ['httponly', true],
        ['secure', true],
        ['samesite', 'Strict'],
      ]),
    );
    // The page's scripts read this one; it is all they learn, and it is not the refresh token.
    const csrf = cookies.get('cp_csrf');
    expect(csrf?.attributes).toEqual(
      new Map<string, string | true>([
        ['max-age', String(7 * 86400)],
        ['path', '/'],
        ['secure', true],
        ['samesite', 'Strict'],
      ]),
    );
    expect(csrf?.value).not.toBe(refresh?.value);
    expect((await me(secureApi, `Bearer ${res.body.accessToken as string}`)).status).toBe(200);
  });

  it('on http://localhost the cookies are not Secure (a browser would drop them), the rest is the same', async () => {
    const ana = await api.make.user();
    const res = await browserLogin(api, ana);
    const cookies = setCookies(res);
    expect(res.body.refreshToken).toBeUndefined();
    expect(cookies.get('cp_refresh')?.attributes).toEqual(
      new Map<string, string | true>([
        ['max-age', String(30 * 86400)],
        ['path', '/api/v1/auth'],
        ['httponly', true],
        ['samesite', 'Strict'],
      ]),
    );
    expect(cookies.get('cp_csrf')?.attributes.has('secure')).toBe(false);
    expect(cookies.get('cp_csrf')?.attributes.has('httponly')).toBe(false);
  });

  it('refresh by cookie rotates both cookies and answers only the access token; the chain goes on', async () => {
    const ana = await api.make.user();
    const first = sessionOf(await browserLogin(api, ana));

    const res = await pageRefresh(first);
    const second = sessionOf(res);
    expect(Object.keys(res.body).sort()).toEqual(['accessToken', 'expiresIn']);
    expect(second.refresh).not.toBe(first.refresh);
    expect(second.csrf).not.toBe(first.csrf);
    expect((await me(api, second.auth)).status).toBe(200);

    // A token read from the HttpOnly cookie never comes back in a body, whatever transport is asked for.
    const asBody = await pageRefresh(second, { 'X-Session-Transport': 'body' });
    const third = sessionOf(asBody);
    expect(asBody.body.refreshToken).toBeUndefined();
    expect(third.refresh).not.toBe(second.refresh);
    expect((await me(api, third.auth)).status).toBe(200);
  });

  it('reuse of an old refresh cookie ends the session: the newest access token is refused at once', async () => {
    const ana = await api.make.user();
    const stolen = sessionOf(await browserLogin(api, ana));
    const current = sessionOf(await pageRefresh(stolen));
    expect((await me(api, current.auth)).status).toBe(200);

    const replay = await pageRefresh(stolen);
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('invalid_refresh_token');
    // The dead cookie is deleted, so the page asks the person to log in.
    expect(setCookies(replay).get('cp_refresh')).toMatchObject({ value: '', attributes: expect.any(Map) });
    expect(setCookies(replay).get('cp_refresh')?.attributes.get('max-age')).toBe('0');

    await expectDead(current.auth);
    await expectDead(stolen.auth);
    expect((await pageRefresh(current)).status).toBe(401);
  });

  it('a cookie refresh without the CSRF token, with a wrong one, or from another site is 403 and rotates nothing', async () => {
    const ana = await api.make.user();
    const session = sessionOf(await browserLogin(api, ana));
    const other = sessionOf(await browserLogin(api, await api.make.user()));

    // Missing: the cookies alone, as a form on another site would send them if SameSite failed.
    expectCsrfRejected(await api.http().post(v1('/auth/refresh')).set('Cookie', cookieHeader(session)));
    // Header without the CSRF cookie, and the CSRF cookie without the header.
    expectCsrfRejected(
      await api
        .http()
        .post(v1('/auth/refresh'))
        .set('Cookie', `cp_refresh=${session.refresh}`)
        .set('X-CSRF-Token', session.csrf),
    );
    expectCsrfRejected(await pageRefresh(session, { 'X-CSRF-Token': '' }));
    // Wrong: a value the attacker chose, planted as the cookie too (a sibling subdomain can set cookies).
    expectCsrfRejected(
      await pageRefresh({ refresh: session.refresh, csrf: 'attacker-chosen' }, { 'X-CSRF-Token': 'attacker-chosen' }),
    );
    // Wrong: a real CSRF token, but of somebody else's session.
    expectCsrfRejected(await pageRefresh({ refresh: session.refresh, csrf: other.csrf }));
    // A second cp_refresh beside ours: refused rather than guessed at.
    expectCsrfRejected(await pageRefresh(session, { Cookie: `cp_refresh=${other.refresh}; ${cookieHeader(session)}` }));
    // Cross-site, even with the right token.
    expectCsrfRejected(await pageRefresh(session, { Origin: 'https://evil.example' }));
    expectCsrfRejected(await pageRefresh(session, { Origin: 'null' }));
    expectCsrfRejected(await pageRefresh(session, { 'Sec-Fetch-Site': 'cross-site' }));
    expectCsrfRejected(await pageRefresh(session, { 'Sec-Fetch-Site': 'same-site' }));

    // Nothing was rotated: the cookie still works once (had it been used, this would be a replay and a 401).
    expect((await me(api, session.auth)).status).toBe(200);
    const next = sessionOf(await pageRefresh(session));
    expect((await me(api, next.auth)).status).toBe(200);
  });

  it('browser-mode login from another site is 403 and sets no cookie; our dev server on another port is ours', async () => {
    const ana = await api.make.user();
    expectCsrfRejected(await browserLogin(api, ana, { Origin: 'https://evil.example' }));
    expectCsrfRejected(await browserLogin(api, ana, { 'Sec-Fetch-Site': 'cross-site' }));
    // The web app's dev server proxies /api: the browser sends its Origin, and the page is same-origin to it.
    sessionOf(await browserLogin(api, ana, { Origin: 'http://localhost:5173', 'Sec-Fetch-Site': 'same-origin' }));
    // Behind https only our own origin counts.
    const bea = await secureApi.make.user();
    expectCsrfRejected(await browserLogin(secureApi, bea, { Origin: 'http://localhost:5173' }));
    expectCsrfRejected(await browserLogin(secureApi, bea, { Origin: 'http://learn.example.org' }));
  });

  it('logout by cookie deletes both cookies and ends the session; without the CSRF token nothing ends', async () => {
    const ana = await api.make.user();
    const session = sessionOf(await browserLogin(api, ana));
    const logout = (headers: Record<string, string>) =>
      api
        .http()
        .post(v1('/auth/logout'))
        .set('Authorization', session.auth)
        .set('Cookie', cookieHeader(session))
        .set('Origin', 'http://localhost:3000')
        .set(headers);

    expectCsrfRejected(await logout({}));
    expectCsrfRejected(await logout({ 'X-CSRF-Token': session.csrf, Origin: 'https://evil.example' }));
    expect((await me(api, session.auth)).status).toBe(200);

    const res = await logout({ 'X-CSRF-Token': session.csrf });
    expect(res.status).toBe(204);
    const cleared = setCookies(res);
    for (const name of ['cp_refresh', 'cp_csrf']) {
      expect(cleared.get(name)?.value).toBe('');
      expect(cleared.get(name)?.attributes.get('max-age')).toBe('0');
    }
    expect(cleared.get('cp_refresh')?.attributes.get('path')).toBe('/api/v1/auth');
    expect(cleared.get('cp_csrf')?.attributes.get('path')).toBe('/');
    await expectDead(session.auth);
    expect((await pageRefresh(session)).status).toBe(401);
  });

  it('a password change in browser mode moves the cookies to the new session', async () => {
    const ana = await api.make.user();
    const before = sessionOf(await browserLogin(api, ana));
    const changed = await api
      .http()
      .post(v1('/auth/password'))
      .set('Authorization', before.auth)
      .set('X-Forwarded-For', randomIp())
      .set('X-Session-Transport', 'cookie')
      .send({ currentPassword: ana.password, newPassword: 'a brand new password' });
    const after = sessionOf(changed);
    expect(changed.body.refreshToken).toBeUndefined();
    await expectDead(before.auth);
    expect((await pageRefresh(before)).status).toBe(401);
    expect((await pageRefresh(after)).status).toBe(200);
  });

  it('API clients are unchanged: tokens in the body, no cookies, a body token never needs a CSRF token', async () => {
    const ana = await api.make.user();
    const login = await api
      .http()
      .post(v1('/auth/login'))
      .set('X-Forwarded-For', randomIp())
      .send({ email: ana.user.email, password: ana.password });
    expect(login.status).toBe(200);
    expect(Object.keys(login.body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken']);
    expect(login.headers['set-cookie']).toBeUndefined();

    // A stray cookie does not change the body path, nor ask it for a CSRF token.
    const browser = sessionOf(await browserLogin(api, await api.make.user()));
    const refreshed = await api
      .http()
      .post(v1('/auth/refresh'))
      .set('Cookie', cookieHeader(browser))
      .send({ refreshToken: login.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refreshToken).toEqual(expect.any(String));
    expect(refreshed.headers['set-cookie']).toBeUndefined();
    expect((await pageRefresh(browser)).status).toBe(200);

    const none = await api.http().post(v1('/auth/refresh')).send({});
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([expect.objectContaining({ field: 'refreshToken' })]);
    const nullToken = await api.http().post(v1('/auth/refresh')).send({ refreshToken: null });
    expect(nullToken.status).toBe(400);
    expect(nullToken.body.errors).toEqual([expect.objectContaining({ field: 'refreshToken' })]);
    const unknownMode = await browserLogin(api, ana, { 'X-Session-Transport': 'localStorage' });
    expect(unknownMode.status).toBe(400);
    expect(unknownMode.body.errors).toEqual([expect.objectContaining({ field: 'X-Session-Transport' })]);

    await api
      .http()
      .post(v1('/auth/logout'))
      .set('Authorization', `Bearer ${refreshed.body.accessToken as string}`)
      .send({ refreshToken: refreshed.body.refreshToken })
      .expect(204);
    await expectDead(`Bearer ${refreshed.body.accessToken as string}`);
  });
});
