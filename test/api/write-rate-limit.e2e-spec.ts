import { startTestApi, v1, type TestApi } from '../support/api-app';
import { randomIp, type MadeUser } from '../support/factories';

/** A script writing in a loop is slowed down; people clicking, reading, or sharing an address with it are not. */
describe('write rate limits', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ RATE_LIMIT_WRITES_PER_IP_PER_MINUTE: '5', RATE_LIMIT_WRITES_PER_USER_PER_MINUTE: '3' });
  });
  afterAll(() => api.close());

  const rename = (who: MadeUser, ip: string) =>
    api
      .http()
      .patch(v1('/users/me'))
      .set('Authorization', who.auth)
      .set('X-Forwarded-For', ip)
      .send({ displayName: 'Renamed Learner' });

  it('answers 429 problem+json with Retry-After once a client address has used its budget of writes', async () => {
    const ip = randomIp();
    const [first, second] = [await api.make.user(), await api.make.user()];
    for (let i = 0; i < 3; i++) expect((await rename(first, ip)).status).toBe(200);
    const fourth = await rename(second, ip);
    expect(fourth.status).toBe(200);
    expect(fourth.headers).toMatchObject({ 'ratelimit-limit': '5', 'ratelimit-remaining': '1' });
    expect(Number(fourth.headers['ratelimit-reset'])).toBeGreaterThan(0);
    expect((await rename(second, ip)).headers['ratelimit-remaining']).toBe('0');

    const refused = await rename(second, ip);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers).toMatchObject({ 'ratelimit-limit': '5', 'ratelimit-remaining': '0' });

    // One-click unsubscribes come from mail providers' few servers on behalf of everyone: never refused for volume.
    const unsubscribe = await api.http().post(v1('/notifications/unsubscribe?token=forged')).set('X-Forwarded-For', ip);
    expect(unsubscribe.status).toBe(400);
    expect(unsubscribe.body.errors).toEqual([{ field: 'token', message: expect.any(String) }]);
  });

  it('limits an account across client addresses, but not its reads nor other accounts', async () => {
    const [script, neighbour] = [await api.make.user(), await api.make.user()];
    const [home, phone] = [randomIp(), randomIp()];
    expect((await rename(script, home)).status).toBe(200);
    expect((await rename(script, phone)).status).toBe(200);
    const third = await rename(script, home);
    expect(third.status).toBe(200);
    expect(third.headers).toMatchObject({ 'ratelimit-limit': '3', 'ratelimit-remaining': '0' });

    const refused = await rename(script, randomIp());
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    const read = await api.http().get(v1('/users/me')).set('Authorization', script.auth).set('X-Forwarded-For', home);
    expect(read.status).toBe(200);
    expect(read.headers['ratelimit-limit']).toBeUndefined();

    // Same address as the script's third write: the address still has budget, and the neighbour's account is fresh.
    expect((await rename(neighbour, home)).status).toBe(200);
  });
});
