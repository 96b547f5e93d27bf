import { EnrollmentMode } from '@app/cohorts';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';

/** GET /users/me/cohorts: the cohorts a person runs, follows, asked to join or left; their own only. */
describe('my cohorts', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('lists my places in cohorts, newest first, with my role and status, and nobody else’s', async () => {
    const facilitator = await api.make.user();
    const learner = await api.make.user();
    const stranger = await api.make.user();
    const run = await api.make.cohort(facilitator, { title: 'Biogas, spring', timeZone: 'America/La_Paz' });
    const followed = await api.make.cohort(facilitator, { title: 'Compost, autumn' });
    const asked = await api.make.cohort(facilitator, {
      title: 'Solar dryers',
      enrollmentMode: EnrollmentMode.Approval,
    });

    api.clock.set('2026-02-20T10:00:00Z');
    expect((await signedIn(api, learner).post(`/cohorts/${followed.cohort.id}/enrollment`)).status).toBe(201);
    api.clock.set('2026-02-21T10:00:00Z');
    expect((await signedIn(api, learner).post(`/cohorts/${asked.cohort.id}/enrollment`)).status).toBe(201);

    const mine = await signedIn(api, learner).get('/users/me/cohorts');
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual({
      items: [
        expect.objectContaining({
          cohortId: asked.cohort.id,
          title: 'Solar dryers',
          courseTitle: 'Build a tube biogas digester',
          role: 'learner',
          status: 'pending',
          enrollmentMode: 'approval',
        }),
        expect.objectContaining({
          cohortId: followed.cohort.id,
          title: 'Compost, autumn',
          role: 'learner',
          status: 'active',
          startDate: '2026-03-02',
          completedAt: null,
        }),
      ],
      nextCursor: null,
    });

    const runs = await signedIn(api, facilitator).get('/users/me/cohorts?limit=1');
    expect(runs.status).toBe(200);
    expect(runs.body.items).toHaveLength(1);
    expect(runs.body.items[0]).toMatchObject({ role: 'facilitator', status: 'active' });
    const all = [runs.body.items[0].cohortId as string];
    let cursor = runs.body.nextCursor as string | null;
    while (cursor) {
      const next = await signedIn(api, facilitator).get(`/users/me/cohorts?limit=1&cursor=${cursor}`);
      all.push(...(next.body.items as { cohortId: string }[]).map((i) => i.cohortId));
      cursor = next.body.nextCursor as string | null;
    }
    expect(all.sort()).toEqual([run.cohort.id, followed.cohort.id, asked.cohort.id].sort());
    expect(
      (await signedIn(api, facilitator).get('/users/me/cohorts')).body.items.find(
        (i: { cohortId: string }) => i.cohortId === run.cohort.id,
      ),
    ).toMatchObject({ timeZone: 'America/La_Paz', title: 'Biogas, spring' });

    expect((await signedIn(api, stranger).get('/users/me/cohorts')).body).toEqual({ items: [], nextCursor: null });
  });

  it('answers 400 naming the field for a bad cursor or limit, and 401 to nobody', async () => {
    const someone = await api.make.user();
    const bad = await signedIn(api, someone).get('/users/me/cohorts?cursor=not-ours');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'cursor' })]);
    const tooMany = await signedIn(api, someone).get('/users/me/cohorts?limit=1000');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
    expect((await api.http().get('/api/v1/users/me/cohorts')).status).toBe(401);
  });
});
