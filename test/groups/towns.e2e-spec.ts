import { GroupMode, GroupVisibility } from '@app/groups';
import { startTestApi, type TestApi } from '../support/api-app';

/**
 * GET /groups/towns: the towns where public in-person groups meet, by the start of their name, so someone can
 * search near a place without sharing their location. No account needed; private groups never show.
 */
describe('towns of public groups (GET /groups/towns)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('finds towns by the start of their name in any case, most groups first, with the middle of their points', async () => {
    const host = await api.make.user();
    const inPerson = { mode: GroupMode.InPerson };
    await api.make.group(host, { ...inPerson, city: 'La Paz', country: 'BO', latitude: -16.5, longitude: -68.1 });
    await api.make.group(host, { ...inPerson, city: 'la paz', country: 'BO', latitude: -16.52, longitude: -68.14 });
    await api.make.group(host, { ...inPerson, city: 'La Paz', country: 'MX', latitude: 24.14, longitude: -110.31 });
    await api.make.group(host, { ...inPerson, city: 'Lagos', country: 'NG', latitude: 6.52, longitude: 3.38 });
    await api.make.group(host, {
      ...inPerson,
      city: 'Lahore',
      country: 'PK',
      latitude: 31.55,
      longitude: 74.34,
      visibility: GroupVisibility.Private,
    });

    const res = await api.http().get('/api/v1/groups/towns').query({ q: 'LA P' });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0]).toMatchObject({ city: 'La Paz', country: 'BO', groups: 2 });
    expect(res.body.items[0].latitude).toBeCloseTo(-16.51, 5);
    expect(res.body.items[0].longitude).toBeCloseTo(-68.12, 5);
    expect(res.body.items[1]).toMatchObject({ city: 'La Paz', country: 'MX', groups: 1 });

    const la = await api.http().get('/api/v1/groups/towns').query({ q: 'la' });
    // Lahore's only group is private: it is not a place anyone can find a group in.
    expect(la.body.items.map((t: { city: string }) => t.city)).toEqual(['La Paz', 'La Paz', 'Lagos']);
  });

  it('reads % and _ as letters, not wildcards, and names q when it is missing or too long', async () => {
    const host = await api.make.user();
    await api.make.group(host, { mode: GroupMode.InPerson, city: 'Kigali', latitude: -1.95, longitude: 30.06 });
    const wildcard = await api.http().get('/api/v1/groups/towns').query({ q: '%' });
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.items).toEqual([]);
    const underscore = await api.http().get('/api/v1/groups/towns').query({ q: '_igali' });
    expect(underscore.body.items).toEqual([]);

    const missing = await api.http().get('/api/v1/groups/towns');
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
    const long = await api
      .http()
      .get('/api/v1/groups/towns')
      .query({ q: 'x'.repeat(101) });
    expect(long.status).toBe(400);
    expect(long.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
  });
});
