import { startTestApi, type TestApi } from '../support/api-app';

describe('profile and preferences', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('updates the profile, availability and notification preferences, and keeps them', async () => {
    const { auth } = await api.make.user();
    const changes = {
      displayName: '  Nima Sherpa ',
      bio: 'Biogas builder in Kathmandu',
      timeZone: 'Asia/Kathmandu',
      locale: 'fr',
      availability: [
        { weekday: 1, start: '18:00', end: '21:30' },
        { weekday: 6, start: '07:00', end: '24:00' },
      ],
      notifications: {
        digest: 'weekly',
        digestHour: 7,
        digestWeekday: 6,
        categories: { badges: false },
        announcementDelivery: 'digest',
        reviewActivityDelivery: 'digest',
        quietHours: { start: '22:00', end: '07:00' },
      },
    };
    const res = await api.http().patch('/api/v1/users/me').set('Authorization', auth).send(changes);
    expect(res.status).toBe(200);
    const again = await api.http().get('/api/v1/users/me').set('Authorization', auth);
    expect(again.body).toMatchObject({
      displayName: 'Nima Sherpa',
      bio: 'Biogas builder in Kathmandu',
      timeZone: 'Asia/Kathmandu',
      locale: 'fr',
      availability: changes.availability,
      notifications: {
        digest: 'weekly',
        digestHour: 7,
        digestWeekday: 6,
        categories: { reminders: true, reviewActivity: true, announcements: true, badges: false },
        announcementDelivery: 'digest',
        reviewActivityDelivery: 'digest',
        quietHours: { start: '22:00', end: '07:00' },
      },
    });

    const off = await api
      .http()
      .patch('/api/v1/users/me')
      .set('Authorization', auth)
      .send({ notifications: { quietHours: null } });
    expect(off.body.notifications.quietHours).toBeNull();
  });

  it.each([
    ['an unknown zone', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
    ['an hour past 23', { notifications: { digestHour: 24 } }, 'notifications.digestHour'],
    ['a weekday 0', { notifications: { digestWeekday: 0 } }, 'notifications.digestWeekday'],
    ['an unknown digest frequency', { notifications: { digest: 'hourly' } }, 'notifications.digest'],
    [
      'an unknown announcement delivery',
      { notifications: { announcementDelivery: 'weekly' } },
      'notifications.announcementDelivery',
    ],
    [
      'an unknown review activity delivery',
      { notifications: { reviewActivityDelivery: 'hourly' } },
      'notifications.reviewActivityDelivery',
    ],
    [
      'an availability hour past 24',
      { availability: [{ weekday: 2, start: '09:00', end: '25:00' }] },
      'availability.0.end',
    ],
    [
      'an availability ending before it starts',
      { availability: [{ weekday: 2, start: '10:00', end: '09:00' }] },
      'availability.0.end',
    ],
    [
      'overlapping availability',
      {
        availability: [
          { weekday: 3, start: '09:00', end: '12:00' },
          { weekday: 3, start: '11:00', end: '13:00' },
        ],
      },
      'availability.1',
    ],
    [
      'an unknown category',
      { notifications: { categories: { marketing: true } } },
      'notifications.categories.marketing',
    ],
    ['trying to become admin', { role: 'admin' }, 'role'],
    ['an oversized bio', { bio: 'x'.repeat(2001) }, 'bio'],
  ])('rejects %s with 400 naming the field and changes nothing', async (_, body, field) => {
    const { auth, user } = await api.make.user({ timeZone: 'Europe/Berlin' });
    const res = await api.http().patch('/api/v1/users/me').set('Authorization', auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    const me = await api.http().get('/api/v1/users/me').set('Authorization', auth);
    expect(me.body).toMatchObject({ timeZone: 'Europe/Berlin', role: 'user', availability: [], bio: null });
    expect(me.body.id).toBe(user.id);
  });

  it("shows another user's public profile without their email or preferences", async () => {
    const viewer = await api.make.user();
    const { user: other } = await api.make.user({ displayName: 'Chidi Okafor', timeZone: 'Africa/Kigali' });
    const res = await api.http().get(`/api/v1/users/${other.id}`).set('Authorization', viewer.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: other.id,
      displayName: 'Chidi Okafor',
      bio: null,
      timeZone: 'Africa/Kigali',
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(res.body)).not.toContain(other.email);
  });

  it('answers 400 for a malformed user id and 404 for an unknown one', async () => {
    const { auth } = await api.make.user();
    const bad = await api.http().get('/api/v1/users/not-a-uuid').set('Authorization', auth);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'userId', message: 'userId must be a UUID' }]);
    const badExport = await api.http().get('/api/v1/users/12345/export').set('Authorization', auth);
    expect(badExport.status).toBe(400);
    const missing = await api
      .http()
      .get('/api/v1/users/6f1c7a55-0f6e-4c3e-9d55-3f3c2f1e0a11')
      .set('Authorization', auth);
    expect(missing.status).toBe(404);
  });

  it('lets only admins list users, page by page with a cursor', async () => {
    const learner = await api.make.user();
    expect((await api.http().get('/api/v1/users').set('Authorization', learner.auth)).status).toBe(403);

    const admin = await api.make.admin();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await api
        .http()
        .get('/api/v1/users')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set('Authorization', admin.auth);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((u: { id: string }) => u.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    const total = await api.db.query('SELECT count(*)::int AS n FROM users WHERE deleted_at IS NULL');
    expect(seen).toHaveLength(total[0].n);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([learner.user.id, admin.user.id]));

    const badLimit = await api.http().get('/api/v1/users').query({ limit: 1000 }).set('Authorization', admin.auth);
    expect(badLimit.status).toBe(400);
    const badCursor = await api
      .http()
      .get('/api/v1/users')
      .query({ cursor: 'garbage' })
      .set('Authorization', admin.auth);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors[0].field).toBe('cursor');
    const forged = Buffer.from(JSON.stringify(['yesterday', 'someone'])).toString('base64url');
    const forgedCursor = await api
      .http()
      .get('/api/v1/users')
      .query({ cursor: forged })
      .set('Authorization', admin.auth);
    expect(forgedCursor.status).toBe(400);
  });
});

describe('data rights', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('exports everything about the user as JSON, and nobody else may read it', async () => {
    const { auth, user } = await api.make.user({ displayName: 'Ana' });
    const res = await api.http().get(`/api/v1/users/${user.id}/export`).set('Authorization', auth);
    expect(res.status).toBe(200);
    expect(res.body.userId).toBe(user.id);
    expect(res.body.sections.account).toMatchObject({
      email: user.email,
      displayName: 'Ana',
      timeZone: 'Europe/Berlin',
    });
    expect(res.body.sections.account.sessions.length).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(/scrypt|token_?hash/i);

    const other = await api.make.user();
    const denied = await api.http().get(`/api/v1/users/${user.id}/export`).set('Authorization', other.auth);
    expect(denied.status).toBe(403);
    expect(JSON.stringify(denied.body)).not.toContain(user.email!);

    const admin = await api.make.admin();
    expect((await api.http().get(`/api/v1/users/${user.id}/export`).set('Authorization', admin.auth)).status).toBe(200);
  });

  it('deletes an account only with the right password, then erases personal data and ends every session', async () => {
    const { auth, user, password, refreshToken } = await api.make.user({ displayName: 'Leaving Person' });

    const noPassword = await api.http().delete(`/api/v1/users/${user.id}`).set('Authorization', auth).send({});
    expect(noPassword.status).toBe(400);
    const wrong = await api
      .http()
      .delete(`/api/v1/users/${user.id}`)
      .set('Authorization', auth)
      .send({ password: 'nope nope nope' });
    expect(wrong.status).toBe(403);
    const other = await api.make.user();
    const byOther = await api
      .http()
      .delete(`/api/v1/users/${user.id}`)
      .set('Authorization', other.auth)
      .send({ password });
    expect(byOther.status).toBe(403);

    await api.http().delete(`/api/v1/users/${user.id}`).set('Authorization', auth).send({ password }).expect(204);

    const [row] = await api.db.query('SELECT * FROM users WHERE id = $1', [user.id]);
    expect(row).toMatchObject({ email: null, password_hash: null, bio: null, display_name: 'Deleted user' });
    expect(row.deleted_at).not.toBeNull();
    expect(await api.db.query('SELECT 1 FROM refresh_tokens WHERE user_id = $1', [user.id])).toHaveLength(0);

    expect((await api.http().get('/api/v1/users/me').set('Authorization', auth)).status).toBe(401);
    expect((await api.http().post('/api/v1/auth/refresh').send({ refreshToken })).status).toBe(401);
    const login = await api.http().post('/api/v1/auth/login').send({ email: user.email, password });
    expect(login.status).toBe(401);
    expect((await api.http().get(`/api/v1/users/${user.id}`).set('Authorization', other.auth)).status).toBe(404);

    // The address is free again for a new account.
    const again = await api.http().post('/api/v1/auth/register').send({
      email: user.email,
      password: 'a brand new password',
      displayName: 'Back Again',
      timeZone: 'UTC',
      locale: 'en',
    });
    expect(again.status).toBe(201);
  });

  it('lets an admin delete an account without its password', async () => {
    const { user } = await api.make.user();
    const admin = await api.make.admin();
    await api.http().delete(`/api/v1/users/${user.id}`).set('Authorization', admin.auth).send({}).expect(204);
    const [row] = await api.db.query('SELECT email, deleted_at FROM users WHERE id = $1', [user.id]);
    expect(row.email).toBeNull();
    expect(row.deleted_at).not.toBeNull();
  });
});

describe('languages on the profile', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('keeps languages as canonical BCP 47 tags, names a bad one by its index, and erases them with the account', async () => {
    const { auth, user, password } = await api.make.user();
    const me = () => api.http().get('/api/v1/users/me').set('Authorization', auth);
    const patch = (body: object) => api.http().patch('/api/v1/users/me').set('Authorization', auth).send(body);
    expect((await me()).body.languages).toEqual([]);

    const res = await patch({ languages: ['ES-bo', 'es-BO', 'fr', ' qu '] });
    expect(res.status).toBe(200);
    expect(res.body.languages).toEqual(['es-BO', 'fr', 'qu']);
    expect((await me()).body.languages).toEqual(['es-BO', 'fr', 'qu']);

    for (const [languages, field] of [
      [['es', 'not a tag!'], 'languages.1'],
      [['x-private'], 'languages.0'],
      [['es', 42], 'languages'],
      ['es', 'languages'],
      [['es', 'fr', 'en', 'de', 'it', 'pt', 'qu', 'ay', 'rw', 'ne', 'ja'], 'languages'],
    ] as const) {
      const bad = await patch({ languages, displayName: 'Changed' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect((await me()).body).toMatchObject({ languages: ['es-BO', 'fr', 'qu'], displayName: 'Test Learner' });

    const exported = await api.http().get(`/api/v1/users/${user.id}/export`).set('Authorization', auth);
    expect(exported.body.sections.account.languages).toEqual(['es-BO', 'fr', 'qu']);
    await api.http().delete(`/api/v1/users/${user.id}`).set('Authorization', auth).send({ password }).expect(204);
    const [row] = await api.db.query('SELECT languages FROM users WHERE id = $1', [user.id]);
    expect(row.languages).toEqual([]);
  });
});
