import { GroupVisibility } from '@app/groups';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * GET /groups/:groupId/public: what a link to a group shows someone without an account (the web app's group page
 * before sign-up). The same face as search: seats and the next meeting, never a private group or a meeting link.
 */
describe('a public group read without an account (GET /groups/:groupId/public)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    // Monday 2 March 2026, 12:00 UTC; La Paz keeps UTC-4 all year, Kathmandu UTC+5:45.
    api.clock.set('2026-03-02T12:00:00Z');
  });
  afterAll(() => api.close());

  it('shows seats and the next meeting in the zone asked for, beside the group’s', async () => {
    const host = await api.make.user({ timeZone: 'America/La_Paz' });
    const group = await api.make.group(host, { name: 'Evening biogas', timeZone: 'America/La_Paz', capacity: 6 });
    const scheduled = await api
      .http()
      .post(`/api/v1/groups/${group.id}/meetings`)
      .set('Authorization', host.auth)
      .send({ meetings: [{ localDate: '2026-03-04', localTime: '18:00', durationMinutes: 90 }] });
    expect(scheduled.status).toBe(201);

    const res = await api.http().get(`/api/v1/groups/${group.id}/public`).query({ timeZone: 'Asia/Kathmandu' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: group.id,
      name: 'Evening biogas',
      seatsLeft: 5,
      memberCount: 1,
      nextMeeting: {
        utc: '2026-03-04T22:00:00.000Z',
        durationMinutes: 90,
        viewer: { zone: 'Asia/Kathmandu', local: '2026-03-05T03:45' },
        group: { zone: 'America/La_Paz', local: '2026-03-04T18:00' },
      },
    });
    expect(JSON.stringify(res.body)).not.toContain('meet.example.org');
  });

  it('answers 404 for a private group and an unknown one, and 400 naming groupId for a malformed id', async () => {
    const host = await api.make.user();
    const secret = await api.make.group(host, { visibility: GroupVisibility.Private });
    const hidden = await api.http().get(`/api/v1/groups/${secret.id}/public`);
    expect(hidden.status).toBe(404);
    const unknown = await api.http().get('/api/v1/groups/3f0c8a53-3a59-4a57-9c2d-6d2f7b0b5f1e/public');
    expect(unknown.status).toBe(404);
    const malformed = await api.http().get('/api/v1/groups/not-a-uuid/public');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ field: 'groupId' })]);
    const badZone = await api.http().get(`/api/v1/groups/${secret.id}/public`).query({ timeZone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.errors).toEqual([expect.objectContaining({ field: 'timeZone' })]);
  });
});
