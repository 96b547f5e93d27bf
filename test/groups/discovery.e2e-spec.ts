import { randomBytes } from 'node:crypto';
import { GroupMode, GroupVisibility, type StudyGroup } from '@app/groups';
import { startTestApi, type TestApi } from '../support/api-app';
import type { GroupSpec, MadeUser } from '../support/factories';

interface Found {
  id: string;
  name: string;
  topic: string | null;
  course: { versionId: string; title: string } | null;
  language: string;
  mode: string;
  capacity: number;
  memberCount: number;
  seatsLeft: number;
  distanceKm: number | null;
  firstMeetingAt: string | null;
  nextMeeting: {
    utc: string;
    durationMinutes: number;
    viewer: { zone: string; local: string; offset: string; display: string };
    group: { zone: string; local: string; offset: string; display: string };
  } | null;
}

type Query = Record<string, string | number | boolean>;

/**
 * Discovery through HTTP, on groups made by the factories and meetings made by the meetings code (the weekly
 * schedule endpoint), which keeps `first_meeting_at` and `meeting_slots` as discovery reads them. Every test
 * file shares one database: each test names its groups with its own word, or checks what is in and out.
 */
describe('group discovery (GET /groups/search)', () => {
  let api: TestApi;
  let searcher: MadeUser;

  beforeAll(async () => {
    api = await startTestApi();
    // Monday 2 March 2026, 12:00 UTC. Neither La Paz nor Kigali changes its clocks.
    api.clock.set('2026-03-02T12:00:00Z');
    searcher = await api.make.user({ timeZone: 'America/La_Paz' });
  });
  afterAll(() => api.close());

  /** A word no other test uses, so a text search sees only this test's groups. */
  // Ten random letters: hex with its digits mapped to one letter made words collide (a run's tests shared ~1 in 3).
  const word = (): string => `zq${Array.from(randomBytes(10), (b) => String.fromCharCode(97 + (b % 26))).join('')}`;

  const search = (who: MadeUser, query: Query) =>
    api.http().get('/api/v1/groups/search').query(query).set('Authorization', who.auth);

  async function found(who: MadeUser, query: Query): Promise<Found[]> {
    const res = await search(who, { limit: 100, ...query });
    expect(res.status).toBe(200);
    expect(res.body.nextCursor).toBeNull();
    return res.body.items as Found[];
  }
  const idsOf = (groups: Found[]): string[] => groups.map((g) => g.id);

  async function group(spec: GroupSpec = {}): Promise<{ facilitator: MadeUser; group: StudyGroup }> {
    const facilitator = await api.make.user({ timeZone: spec.timeZone ?? 'Europe/Berlin' });
    return { facilitator, group: await api.make.group(facilitator, spec) };
  }

  /** A group meeting weekly at a local time in its own zone, through the meetings code. */
  async function meetingGroup(
    spec: GroupSpec,
    schedule: { weekday: number; time: string; minutes?: number; startDate?: string },
  ): Promise<StudyGroup> {
    const made = await group(spec);
    const res = await api
      .http()
      .put(`/api/v1/groups/${made.group.id}/schedule`)
      .set('Authorization', made.facilitator.auth)
      .send({
        weekday: schedule.weekday,
        localStartTime: schedule.time,
        durationMinutes: schedule.minutes ?? 90,
        startDate: schedule.startDate ?? '2026-03-02',
        occurrences: 6,
      });
    expect(res.status).toBe(200);
    return made.group;
  }

  async function personIn(timeZone: string, availability: { weekday: number; start: string; end: string }[] = []) {
    const person = await api.make.user({ timeZone });
    if (availability.length > 0) {
      const res = await api.http().patch('/api/v1/users/me').set('Authorization', person.auth).send({ availability });
      expect(res.status).toBe(200);
    }
    return person;
  }

  it('finds public groups by words in name, topic or description, name matches first, never private ones', async () => {
    const w = word();
    const byName = (await group({ name: `Solar ${w} builders`, topic: 'energy' })).group;
    const byTopic = (await group({ name: 'Roof panels', topic: `${w} power` })).group;
    const byDescription = (await group({ name: 'Evening circle', description: `We read about ${w} together.` })).group;
    const secret = (await group({ name: `Secret ${w} circle`, visibility: GroupVisibility.Private })).group;
    await group({ name: 'Unrelated builders' });

    const results = await found(searcher, { q: w });
    expect(idsOf(results)).toEqual([byName.id, byTopic.id, byDescription.id]);
    expect(idsOf(results)).not.toContain(secret.id);
    // Words of three letters or more match as prefixes; every word must occur.
    expect(idsOf(await found(searcher, { q: w.slice(0, 5) }))).toEqual(expect.arrayContaining([byName.id]));
    expect(idsOf(await found(searcher, { q: `${w} builders` }))).toEqual([byName.id]);
    expect(idsOf(await found(searcher, { q: `${w.toUpperCase()}, "solar"!` }))).toEqual([byName.id]);
    // What a search shows: seats, never the meeting link.
    const res = await search(searcher, { q: w });
    expect(res.body.items[0]).toMatchObject({ capacity: 10, memberCount: 1, seatsLeft: 9, signupOpen: true });
    expect(JSON.stringify(res.body)).not.toMatch(/meet\.example\.org|meetingLink|inviteCode/);
  });

  it("filters by topic, the group's own or its course's, ignoring case", async () => {
    const topic = word();
    const author = await api.make.user();
    const { version } = await api.make.course(author, { topics: [topic, 'biogas'] });
    const own = (await group({ topic: `${topic.toUpperCase()}` })).group;
    const course = (await group({ courseVersionId: version!.id })).group;
    const other = (await group({ topic: `${topic}s and more` })).group;

    const results = await found(searcher, { topic: ` ${topic} ` });
    expect(idsOf(results).sort()).toEqual([own.id, course.id].sort());
    expect(idsOf(results)).not.toContain(other.id);
    expect(results.find((g) => g.id === course.id)?.course).toEqual({
      versionId: version!.id,
      title: 'Build a tube biogas digester',
    });
  });

  it('filters by language ("es" also finds "es-BO") and by online or in person', async () => {
    const w = word();
    const es = (await group({ name: w, language: 'es' })).group;
    const esBo = (await group({ name: w, language: 'es-BO', mode: GroupMode.InPerson })).group;
    const fr = (await group({ name: w, language: 'fr' })).group;

    expect(idsOf(await found(searcher, { q: w, language: 'es' })).sort()).toEqual([es.id, esBo.id].sort());
    expect(idsOf(await found(searcher, { q: w, language: 'ES-bo' }))).toEqual([esBo.id]);
    expect(idsOf(await found(searcher, { q: w, language: 'fr' }))).toEqual([fr.id]);
    expect(idsOf(await found(searcher, { q: w, mode: 'in-person' }))).toEqual([esBo.id]);
    expect(idsOf(await found(searcher, { q: w, mode: 'online' })).sort()).toEqual([es.id, fr.id].sort());
  });

  it('finds groups within a distance of a point, with their distance', async () => {
    const w = word();
    const place = { name: w, mode: GroupMode.InPerson };
    const laPaz = (await group({ ...place, latitude: -16.5, longitude: -68.15 })).group;
    const cochabamba = (await group({ ...place, latitude: -17.39, longitude: -66.16 })).group;
    const kigali = (await group({ ...place, latitude: -1.95, longitude: 30.06 })).group;
    const online = (await group({ name: w })).group;

    const near = await found(searcher, { q: w, lat: -16.52, lon: -68.12, radiusKm: 50 });
    expect(idsOf(near)).toEqual([laPaz.id]);
    expect(near[0]!.distanceKm).toBeGreaterThan(2);
    expect(near[0]!.distanceKm).toBeLessThan(5);
    // Cochabamba is about 230 km from La Paz.
    const wider = idsOf(await found(searcher, { q: w, lat: -16.52, lon: -68.12, radiusKm: 300 }));
    expect(wider.sort()).toEqual([laPaz.id, cochabamba.id].sort());
    expect(wider).not.toContain(kigali.id);
    expect(wider).not.toContain(online.id);
    expect((await found(searcher, { q: w })).find((g) => g.id === online.id)?.distanceKm).toBeNull();
  });

  it('filters groups with open seats', async () => {
    const w = word();
    const full = (await group({ name: w, capacity: 1 })).group; // its facilitator takes the only seat
    const open = (await group({ name: w, capacity: 2 })).group;
    expect(idsOf(await found(searcher, { q: w, openSeats: true }))).toEqual([open.id]);
    expect(idsOf(await found(searcher, { q: w, openSeats: false })).sort()).toEqual([full.id, open.id].sort());
  });

  it('filters by start date, read as days in the searcher zone', async () => {
    const w = word();
    // Tuesday 31 March 18:00 in La Paz is already 1 April in UTC and in Kigali.
    const lateMarch = await meetingGroup(
      { name: w, timeZone: 'America/La_Paz' },
      { weekday: 2, time: '18:00', startDate: '2026-03-31' },
    );
    const april = await meetingGroup(
      { name: w, timeZone: 'America/La_Paz' },
      { weekday: 2, time: '18:00', startDate: '2026-04-07' },
    );
    const unscheduled = (await group({ name: w })).group;

    const march = { q: w, startsFrom: '2026-03-01', startsTo: '2026-03-31' };
    expect(idsOf(await found(searcher, march))).toEqual([lateMarch.id]);
    const kigali = await personIn('Africa/Kigali');
    expect(idsOf(await found(kigali, march))).toEqual([]);
    expect(idsOf(await found(searcher, { ...march, timeZone: 'Africa/Kigali' }))).toEqual([]);
    expect(idsOf(await found(kigali, { q: w, startsFrom: '2026-04-01' })).sort()).toEqual(
      [lateMarch.id, april.id].sort(),
    );
    expect(idsOf(await found(searcher, { q: w }))).toContain(unscheduled.id);
  });

  it('"fits my day" across zones: Tuesday 18:00 in La Paz is Wednesday 00:00 in Kigali', async () => {
    const w = word();
    const tuesdays = await meetingGroup(
      { name: `Biogas ${w}`, timeZone: 'America/La_Paz' },
      { weekday: 2, time: '18:00', minutes: 90, startDate: '2026-03-03' },
    );
    const unscheduled = (await group({ name: `Biogas ${w}` })).group;

    const wednesdayNights = await personIn('Africa/Kigali', [{ weekday: 3, start: '00:00', end: '02:00' }]);
    const tuesdayEvenings = await personIn('Africa/Kigali', [{ weekday: 2, start: '18:00', end: '20:00' }]);
    const laPazEvenings = await personIn('America/La_Paz', [{ weekday: 2, start: '17:00', end: '20:00' }]);
    const tooShort = await personIn('Africa/Kigali', [{ weekday: 3, start: '00:00', end: '01:00' }]);

    const fits = await found(wednesdayNights, { q: w, fitsMyDay: true });
    expect(idsOf(fits)).toEqual([tuesdays.id]);
    expect(idsOf(await found(tuesdayEvenings, { q: w, fitsMyDay: true }))).toEqual([]);
    expect(idsOf(await found(laPazEvenings, { q: w, fitsMyDay: true }))).toEqual([tuesdays.id]);
    // The meeting lasts 90 minutes: a window ending at 01:00 in Kigali does not hold it.
    expect(idsOf(await found(tooShort, { q: w, fitsMyDay: true }))).toEqual([]);
    // Without the filter, both groups are found.
    expect(idsOf(await found(tuesdayEvenings, { q: w })).sort()).toEqual([tuesdays.id, unscheduled.id].sort());

    // The next meeting, in UTC, in the searcher's zone and in the group's.
    expect(fits[0]!.nextMeeting).toEqual({
      utc: '2026-03-03T22:00:00.000Z',
      durationMinutes: 90,
      viewer: {
        zone: 'Africa/Kigali',
        local: '2026-03-04T00:00',
        offset: '+02:00',
        display: 'Wed, Mar 4, 2026, 00:00 (Africa/Kigali)',
      },
      group: {
        zone: 'America/La_Paz',
        local: '2026-03-03T18:00',
        offset: '-04:00',
        display: 'Tue, Mar 3, 2026, 18:00 (America/La_Paz)',
      },
    });
    const inKathmandu = await found(wednesdayNights, { q: w, fitsMyDay: true, timeZone: 'Asia/Kathmandu' });
    expect(inKathmandu[0]!.nextMeeting?.viewer).toMatchObject({ zone: 'Asia/Kathmandu', local: '2026-03-04T03:45' });

    // Once the first meeting is over, the next one is shown.
    api.clock.set('2026-03-04T12:00:00Z');
    try {
      const later = await found(wednesdayNights, { q: w, fitsMyDay: true });
      expect(later[0]!.nextMeeting?.utc).toBe('2026-03-10T22:00:00.000Z');
      expect(later[0]!.firstMeetingAt).toBe('2026-03-03T22:00:00.000Z');
    } finally {
      api.clock.set('2026-03-02T12:00:00Z');
    }
  });

  it('pages through every result exactly once, by relevance and by start', async () => {
    const w = word();
    const made: string[] = [];
    for (let i = 0; i < 4; i++) made.push((await group({ name: `${w} circle`, topic: w })).group.id);
    for (let i = 0; i < 3; i++) {
      const start = ['2026-03-09', '2026-03-02', '2026-03-09'][i]!;
      made.push(
        (await meetingGroup({ name: `${w} club`, topic: w }, { weekday: 3, time: '10:00', startDate: start })).id,
      );
    }
    const all = async (query: Query, limit: number): Promise<string[]> => {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const res = await search(searcher, { ...query, limit, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...idsOf(res.body.items));
        cursor = res.body.nextCursor ?? undefined;
        if (!cursor) return seen;
      }
      throw new Error('more pages than results');
    };

    for (const query of [{ q: w }, { topic: w }] as Query[]) {
      const onePage = await all(query, 100);
      expect(onePage.sort()).toEqual([...made].sort());
      for (const limit of [1, 2, 3]) {
        const paged = await all(query, limit);
        expect(paged).toHaveLength(made.length);
        expect(new Set(paged).size).toBe(made.length);
        expect(paged).toEqual(await all(query, 100));
      }
    }
    // Without text: earliest first meeting first, groups with no meeting last.
    const byStart = await found(searcher, { topic: w });
    expect(byStart.slice(0, 3).map((g) => g.firstMeetingAt)).toEqual([
      '2026-03-04T09:00:00.000Z',
      '2026-03-11T09:00:00.000Z',
      '2026-03-11T09:00:00.000Z',
    ]);
    expect(byStart.slice(3).every((g) => g.firstMeetingAt === null)).toBe(true);
  });

  it.each<[string, Query, string[]]>([
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }, ['timeZone']],
    ['a radius without a point', { radiusKm: 10 }, ['lat', 'lon']],
    ['a point without a radius', { lat: -16.5, lon: -68.15 }, ['radiusKm']],
    ['a latitude out of range', { lat: 95, lon: 0, radiusKm: 10 }, ['lat']],
    ['a longitude that is not a number', { lat: 0, lon: 'east', radiusKm: 10 }, ['lon']],
    ['a radius too large', { lat: 0, lon: 0, radiusKm: 20000 }, ['radiusKm']],
    ['a limit too big', { limit: 101 }, ['limit']],
    ['a limit of zero', { limit: 0 }, ['limit']],
    ['a malformed cursor', { cursor: 'not-a-cursor' }, ['cursor']],
    ['a forged cursor', { cursor: Buffer.from('["s:yesterday","x"]').toString('base64url') }, ['cursor']],
    ['a boolean spelled otherwise', { openSeats: 'yes' }, ['openSeats']],
    ['an impossible date', { startsFrom: '2026-02-30' }, ['startsFrom']],
    ['a date with a time', { startsTo: '2026-03-01T10:00:00Z' }, ['startsTo']],
    ['an end before the start', { startsFrom: '2026-03-10', startsTo: '2026-03-01' }, ['startsTo']],
    ['a language that is no tag', { language: 'english' }, ['language']],
    ['text without a word', { q: '!!! ...' }, ['q']],
    ['text too long', { q: 'a'.repeat(201) }, ['q']],
    ['an unknown mode', { mode: 'boat' }, ['mode']],
    ['an unknown parameter', { sort: 'name' }, ['sort']],
  ])('answers 400 naming the field for %s', async (_, query, fields) => {
    const res = await search(searcher, query);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(fields);
  });

  it('refuses the cursor of one order in the other, and "fits my day" without available hours', async () => {
    const w = word();
    for (let i = 0; i < 2; i++) await group({ name: w, topic: w });
    const textPage = await search(searcher, { q: w, limit: 1 });
    expect(textPage.body.nextCursor).toEqual(expect.any(String));
    const mixed = await search(searcher, { topic: w, cursor: textPage.body.nextCursor as string });
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors).toEqual([{ field: 'cursor', message: expect.any(String) }]);

    const noHours = await search(searcher, { fitsMyDay: true });
    expect(noHours.status).toBe(400);
    expect(noHours.body.errors).toEqual([{ field: 'fitsMyDay', message: expect.stringContaining('availability') }]);
  });

  describe('without an account', () => {
    const anonymous = (query: Query) => api.http().get('/api/v1/groups/search').query(query);

    it('finds public groups, never private ones, times in UTC; a token sent must be valid', async () => {
      const w = word();
      const open = await meetingGroup(
        { name: `Compost ${w}`, timeZone: 'America/La_Paz' },
        { weekday: 2, time: '18:00', startDate: '2026-03-03' },
      );
      const secret = (await group({ name: `Compost ${w}`, visibility: GroupVisibility.Private })).group;

      const res = await anonymous({ q: w });
      expect(res.status).toBe(200);
      expect(idsOf(res.body.items as Found[])).toEqual([open.id]);
      expect(JSON.stringify(res.body)).not.toContain(secret.id);
      expect(res.body.items[0].nextMeeting.viewer).toMatchObject({ zone: 'UTC', local: '2026-03-03T22:00' });

      // Signed in, the profile's zone is the default, as before.
      const signedIn = await found(searcher, { q: w });
      expect(signedIn[0]!.nextMeeting?.viewer).toMatchObject({ zone: 'America/La_Paz', local: '2026-03-03T18:00' });

      const badToken = await anonymous({ q: w }).set('Authorization', 'Bearer not-a-token');
      expect(badToken.status).toBe(401);
      expect(badToken.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('"fits my day" takes the hours and their zone as parameters', async () => {
      const w = word();
      const tuesdays = await meetingGroup(
        { name: `Beekeeping ${w}`, timeZone: 'America/La_Paz' },
        { weekday: 2, time: '18:00', minutes: 90, startDate: '2026-03-03' },
      );
      await group({ name: `Beekeeping ${w}` });
      const fits = (hours: string, timeZone = 'Africa/Kigali') =>
        anonymous({ q: w, fitsMyDay: true, availability: hours, timeZone, limit: 100 });

      // Tuesday 18:00-19:30 in La Paz is Wednesday 00:00-01:30 in Kigali.
      const wednesdayNights = await fits('mon:18:00-20:00,wed:00:00-02:00');
      expect(wednesdayNights.status).toBe(200);
      expect(idsOf(wednesdayNights.body.items as Found[])).toEqual([tuesdays.id]);
      expect(wednesdayNights.body.items[0].nextMeeting.viewer).toMatchObject({
        zone: 'Africa/Kigali',
        local: '2026-03-04T00:00',
      });
      expect((await fits('tue:18:00-20:00')).body.items).toEqual([]);
      expect((await fits('wed:00:00-01:00')).body.items).toEqual([]);
      expect(idsOf((await fits('tue:17:00-24:00', 'America/La_Paz')).body.items as Found[])).toEqual([tuesdays.id]);

      // Signed in, hours in the query replace the profile's, read in the profile's zone unless timeZone says.
      const tuesdayEvenings = await personIn('Africa/Kigali', [{ weekday: 2, start: '18:00', end: '20:00' }]);
      expect(await found(tuesdayEvenings, { q: w, fitsMyDay: true })).toEqual([]);
      const overridden = await found(tuesdayEvenings, { q: w, fitsMyDay: true, availability: 'wed:00:00-02:00' });
      expect(idsOf(overridden)).toEqual([tuesdays.id]);
    });

    it('names the missing or malformed parameter', async () => {
      const errorsOf = async (query: Query) => {
        const res = await anonymous(query);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        return res.body.errors as { field: string; message: string }[];
      };
      expect(await errorsOf({ fitsMyDay: true })).toEqual([
        { field: 'availability', message: expect.stringContaining('timeZone') },
      ]);
      expect(await errorsOf({ fitsMyDay: true, availability: 'mon:08:00-12:00' })).toEqual([
        { field: 'timeZone', message: expect.stringContaining('timeZone') },
      ]);
      expect(await errorsOf({ fitsMyDay: true, availability: 'monday 8-12', timeZone: 'Europe/Paris' })).toEqual([
        { field: 'availability', message: expect.stringContaining('mon:08:00-12:00') },
      ]);
      expect(await errorsOf({ fitsMyDay: true, availability: 'fri:18:00-09:00', timeZone: 'Europe/Paris' })).toEqual([
        { field: 'availability', message: expect.stringContaining('end after it starts') },
      ]);
      expect(await errorsOf({ fitsMyDay: true, availability: 'mon:08:00-12:00', timeZone: 'Paris' })).toEqual([
        { field: 'timeZone', message: expect.stringContaining('IANA') },
      ]);
    });
  });
});
