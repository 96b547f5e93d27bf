import { startTestApi, type TestApi } from '../support/api-app';

/** "Your next digest will come at …": the instant the planner would choose, from what was just saved. */
describe('GET /users/me/next-digest', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const next = (auth: string) => api.http().get('/api/v1/users/me/next-digest').set('Authorization', auth);
  const patch = (auth: string, body: object) =>
    api.http().patch('/api/v1/users/me').set('Authorization', auth).send(body);

  it('answers the next digest at the chosen local hour in the profile’s zone, following each change at once', async () => {
    api.clock.set('2026-03-02T00:00:00Z');
    const { auth } = await api.make.user({ timeZone: 'Asia/Kathmandu' });
    expect((await patch(auth, { notifications: { digest: 'daily', digestHour: 8 } })).status).toBe(200);

    // 08:00 in Kathmandu (UTC+5:45) on 2 March is 02:15Z, still ahead of midnight UTC.
    expect((await next(auth).expect(200)).body).toEqual({
      frequency: 'daily',
      dueAt: '2026-03-02T02:15:00.000Z',
      timeZone: 'Asia/Kathmandu',
    });

    // Moving to La Paz (UTC-4) moves the same local hour; weekly on Friday (6 March) waits for that day.
    await patch(auth, { timeZone: 'America/La_Paz', notifications: { digest: 'weekly', digestWeekday: 5 } });
    expect((await next(auth).expect(200)).body).toEqual({
      frequency: 'weekly',
      dueAt: '2026-03-06T12:00:00.000Z',
      timeZone: 'America/La_Paz',
    });

    // Quiet hours until 13:30 hold it back, as the releaser does: it comes when they end.
    await patch(auth, { notifications: { quietHours: { start: '22:00', end: '13:30' } } });
    expect((await next(auth).expect(200)).body).toMatchObject({ dueAt: '2026-03-06T17:30:00.000Z' });

    await patch(auth, { notifications: { digest: 'off' } });
    expect((await next(auth).expect(200)).body).toEqual({
      frequency: null,
      dueAt: null,
      timeZone: 'America/La_Paz',
    });
  });

  it('is only for someone signed in', async () => {
    await api.http().get('/api/v1/users/me/next-digest').expect(401);
  });
});
