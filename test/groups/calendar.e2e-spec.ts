import ICAL from 'ical.js';
import { GroupMode, GroupVisibility, MembershipStatus, type StudyGroup } from '@app/groups';
import { signedIn, startTestApi, v1, type TestApi } from '../support/api-app';
import type { GroupSpec, MadeUser } from '../support/factories';

const PUBLIC_URL = 'https://commonplace.example';

describe('iCalendar feeds', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ PUBLIC_URL });
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  const tuesdays = {
    weekday: 2,
    localStartTime: '18:00',
    durationMinutes: 90,
    startDate: '2026-03-01',
    occurrences: 4,
  };

  async function groupWith(spec: GroupSpec = {}): Promise<{ facilitator: MadeUser; group: StudyGroup }> {
    const facilitator = await api.make.user();
    const group = await api.make.group(facilitator, spec);
    return { facilitator, group };
  }

  /** The URL a calendar app would poll, fetched the way it would: no token. */
  async function fetchFeed(url: string) {
    expect(url.startsWith(`${PUBLIC_URL}/api/v1/calendar/`)).toBe(true);
    return api.http().get(url.slice(PUBLIC_URL.length));
  }

  /** Parses with ical.js (independent of the generator) and resolves DTSTART through the feed's VTIMEZONE. */
  function events(text: string) {
    const calendar = new ICAL.Component(ICAL.parse(text));
    return calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        sequence: event.sequence,
        start: event.startDate.toJSDate().toISOString(),
        tzid: event.startDate.zone?.tzid,
        status: vevent.getFirstPropertyValue('status'),
        summary: event.summary,
        description: event.description,
      };
    });
  }

  async function meetingsOf(who: MadeUser, group: StudyGroup) {
    const res = await as(who).get(`/groups/${group.id}/meetings?from=2000-01-01T00:00:00Z&limit=100`);
    return res.body.items as { id: string; startsAt: { utc: string } }[];
  }

  it("serves a member's group feed without login: stable UIDs, SEQUENCE up on edits, CANCELLED, instants across DST", async () => {
    api.clock.set('2026-02-20T12:00:00Z');
    const { facilitator, group } = await groupWith({ timeZone: 'America/New_York', name: 'Biogas NYC' });
    const learner = await api.make.user({ timeZone: 'America/La_Paz' });
    await api.make.membership(group, learner);
    await as(facilitator).put(`/groups/${group.id}/schedule`, tuesdays);
    const meetings = await meetingsOf(learner, group);

    const link = await as(learner).post(`/groups/${group.id}/calendar-feed`);
    expect(link.status).toBe(201);
    expect(link.body.webcalUrl).toBe(link.body.url.replace('https:', 'webcal:'));
    const res = await fetchFeed(link.body.url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');

    const before = events(res.text);
    expect(before.map((e) => e.uid)).toEqual(meetings.map((m) => `${m.id}@commonplace.example`));
    // 18:00 in New York is 23:00 UTC before 8 March and 22:00 UTC after: the feed's VTIMEZONE says so.
    expect(before.map((e) => e.start)).toEqual([
      '2026-03-03T23:00:00.000Z',
      '2026-03-10T22:00:00.000Z',
      '2026-03-17T22:00:00.000Z',
      '2026-03-24T22:00:00.000Z',
    ]);
    expect(before.every((e) => e.tzid === 'America/New_York')).toBe(true);
    expect(res.text).toContain('DTSTART;TZID=America/New_York:20260303T180000');
    expect(res.text).toContain('BEGIN:VTIMEZONE\r\nTZID:America/New_York');
    // Last revised when the schedule made them (by the test clock), in UTC.
    expect(res.text).toContain('DTSTAMP:20260220T120000Z');
    expect(res.text).toContain('LAST-MODIFIED:20260220T120000Z');
    expect(before.map((e) => [e.sequence, e.status])).toEqual(Array(4).fill([0, 'CONFIRMED']));
    expect(before[0]!.summary).toBe('Biogas NYC');
    expect(before[0]!.description).toContain('Join: https://meet.example.org/biogas');

    // Edit the schedule (19:00) and cancel one meeting: same UIDs, higher SEQUENCE, STATUS:CANCELLED.
    api.clock.set('2026-02-21T08:30:00Z');
    await as(facilitator).put(`/groups/${group.id}/schedule`, { ...tuesdays, localStartTime: '19:00' });
    await as(facilitator).post(`/meetings/${meetings[3]!.id}/cancel`);
    const text = (await fetchFeed(link.body.url)).text;
    expect(text).toContain('LAST-MODIFIED:20260221T083000Z');
    const after = events(text);
    expect(after.map((e) => e.uid)).toEqual(before.map((e) => e.uid));
    expect(after.map((e) => [e.start, e.sequence, e.status])).toEqual([
      ['2026-03-04T00:00:00.000Z', 1, 'CONFIRMED'],
      ['2026-03-10T23:00:00.000Z', 1, 'CONFIRMED'],
      ['2026-03-17T23:00:00.000Z', 1, 'CONFIRMED'],
      ['2026-03-24T23:00:00.000Z', 2, 'CANCELLED'], // moved to 19:00, then cancelled
    ]);
  });

  it('lists all my groups in my personal feed, each in its zone, with links only where I am an active member', async () => {
    api.clock.set('2026-02-20T12:00:00Z');
    const me = await api.make.user({ timeZone: 'Africa/Kigali' });
    const berlin = await groupWith({ timeZone: 'Europe/Berlin', meetingLink: 'https://meet.example.org/berlin' });
    const lordHowe = await groupWith({ timeZone: 'Australia/Lord_Howe', meetingLink: 'https://meet.example.org/lh' });
    const notMine = await groupWith({ meetingLink: 'https://meet.example.org/other' });
    await api.make.membership(berlin.group, me);
    await api.make.membership(lordHowe.group, me, { status: MembershipStatus.Waitlisted });
    const add = (f: MadeUser, g: StudyGroup, localDate: string, localTime: string) =>
      as(f).post(`/groups/${g.id}/meetings`, { meetings: [{ localDate, localTime, durationMinutes: 60 }] });
    await add(berlin.facilitator, berlin.group, '2026-03-29', '02:30'); // Berlin's gap: 03:30 CEST
    await add(lordHowe.facilitator, lordHowe.group, '2026-10-04', '02:15'); // Lord Howe's 30-minute gap: 02:45
    await add(notMine.facilitator, notMine.group, '2026-03-05', '10:00');

    const link = await as(me).post('/calendar/me');
    expect(link.status).toBe(201);
    const res = await fetchFeed(link.body.url);
    expect(res.status).toBe(200);
    const list = events(res.text);
    expect(list.map((e) => [e.start, e.tzid])).toEqual([
      ['2026-03-29T01:30:00.000Z', 'Europe/Berlin'],
      ['2026-10-03T15:45:00.000Z', 'Australia/Lord_Howe'],
    ]);
    expect(list[0]!.description).toContain('https://meet.example.org/berlin');
    expect(res.text).not.toContain('meet.example.org/lh'); // waitlisted: no link
    expect(res.text).not.toContain('meet.example.org/other');
    expect(res.text).toMatch(/TZOFFSETFROM:\+1030\r\nTZOFFSETTO:\+1100/);
  });

  it('puts the venue of an in-person group in LOCATION', async () => {
    api.clock.set('2026-02-20T12:00:00Z');
    const { facilitator, group } = await groupWith({ mode: GroupMode.InPerson });
    await api.db.query(`UPDATE study_groups SET venue = 'Casa Comunal', city = 'El Alto' WHERE id = $1`, [group.id]);
    await as(facilitator).post(`/groups/${group.id}/meetings`, {
      meetings: [{ localDate: '2026-03-05', localTime: '10:00', durationMinutes: 60 }],
    });
    const link = await as(facilitator).post(`/groups/${group.id}/calendar-feed`);
    const text = (await fetchFeed(link.body.url)).text;
    expect(text).toContain('LOCATION:Casa Comunal\\, El Alto');
  });

  describe('revocation', () => {
    it('revokes the old link when a new one is made, and on request; revoked links answer 404', async () => {
      api.clock.set('2026-02-20T12:00:00Z');
      const { facilitator, group } = await groupWith();
      const first = await as(facilitator).post(`/groups/${group.id}/calendar-feed`);
      const second = await as(facilitator).post(`/groups/${group.id}/calendar-feed`);
      expect(second.body.url).not.toBe(first.body.url);
      expect((await fetchFeed(first.body.url)).status).toBe(404);
      expect((await fetchFeed(second.body.url)).status).toBe(200);
      expect((await as(facilitator).delete(`/groups/${group.id}/calendar-feed`)).status).toBe(204);
      expect((await fetchFeed(second.body.url)).status).toBe(404);

      const mine = await as(facilitator).post('/calendar/me');
      const mineAgain = await as(facilitator).post('/calendar/me');
      expect((await fetchFeed(mine.body.url)).status).toBe(404);
      expect((await fetchFeed(mineAgain.body.url)).status).toBe(200);
      expect((await as(facilitator).delete('/calendar/me')).status).toBe(204);
      expect((await fetchFeed(mineAgain.body.url)).status).toBe(404);
    });

    it("lets facilitators, not members, revoke every member's link to the group feed", async () => {
      api.clock.set('2026-02-20T12:00:00Z');
      const { facilitator, group } = await groupWith();
      const learner = await api.make.user();
      await api.make.membership(group, learner);
      const learnersLink = await as(learner).post(`/groups/${group.id}/calendar-feed`);
      const facilitatorsLink = await as(facilitator).post(`/groups/${group.id}/calendar-feed`);
      expect((await as(learner).delete(`/groups/${group.id}/calendar-feeds`)).status).toBe(403);
      expect((await fetchFeed(facilitatorsLink.body.url)).status).toBe(200);

      const res = await as(facilitator).delete(`/groups/${group.id}/calendar-feeds`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ revoked: 2 });
      expect((await fetchFeed(learnersLink.body.url)).status).toBe(404);
      expect((await fetchFeed(facilitatorsLink.body.url)).status).toBe(404);
    });

    it("stops a member's group link when they leave, and every link when they delete their account", async () => {
      api.clock.set('2026-02-20T12:00:00Z');
      const { group } = await groupWith();
      const learner = await api.make.user();
      await api.make.membership(group, learner);
      const groupLink = await as(learner).post(`/groups/${group.id}/calendar-feed`);
      const personal = await as(learner).post('/calendar/me');
      expect((await as(learner).post(`/groups/${group.id}/leave`)).status).toBe(204);
      expect((await fetchFeed(groupLink.body.url)).status).toBe(404);
      expect((await fetchFeed(personal.body.url)).status).toBe(200);

      expect((await as(learner).delete(`/users/${learner.user.id}`, { password: learner.password })).status).toBe(204);
      expect((await fetchFeed(personal.body.url)).status).toBe(404);
      const rows = await api.db.query('SELECT id FROM calendar_feeds WHERE created_by = $1', [learner.user.id]);
      expect(rows).toEqual([]);
    });

    it('answers 404 for unknown and malformed links, never 500', async () => {
      for (const token of ['x', 'A'.repeat(43), '..%2F..%2Fetc', 'ÿ'.repeat(43)]) {
        const res = await api.http().get(v1(`/calendar/${token}.ics`));
        expect(res.status).toBe(404);
      }
    });
  });

  describe('who may get a link', () => {
    it('any active member; not outsiders (403), waitlisted people (403), nor outsiders of a private group (404)', async () => {
      api.clock.set('2026-02-20T12:00:00Z');
      const { group } = await groupWith();
      const outsider = await api.make.user();
      const waiting = await api.make.user();
      await api.make.membership(group, waiting, { status: MembershipStatus.Waitlisted });
      const admin = await api.make.admin();
      expect((await as(outsider).post(`/groups/${group.id}/calendar-feed`)).status).toBe(403);
      expect((await as(waiting).post(`/groups/${group.id}/calendar-feed`)).status).toBe(403);
      const byAdmin = await as(admin).post(`/groups/${group.id}/calendar-feed`);
      expect(byAdmin.status).toBe(403);
      expect(byAdmin.body.code).toBe('not_a_member');

      const hidden = await groupWith({ visibility: GroupVisibility.Private });
      expect((await as(outsider).post(`/groups/${hidden.group.id}/calendar-feed`)).status).toBe(404);
      expect((await as(outsider).delete(`/groups/${hidden.group.id}/calendar-feeds`)).status).toBe(404);
      const rows = await api.db.query('SELECT id FROM calendar_feeds WHERE owner_id IN ($1, $2)', [
        group.id,
        hidden.group.id,
      ]);
      expect(rows).toEqual([]);
    });

    it('stores only the SHA-256 of the secret', async () => {
      const { facilitator, group } = await groupWith();
      const link = await as(facilitator).post(`/groups/${group.id}/calendar-feed`);
      const token = /calendar\/([^/]+)\.ics$/.exec(link.body.url)![1]!;
      const rows = await api.db.query<{ hex: string }[]>(
        `SELECT encode(token_hash, 'hex') AS hex FROM calendar_feeds WHERE owner_id = $1`,
        [group.id],
      );
      const { createHash } = await import('node:crypto');
      expect(rows.map((r) => r.hex)).toEqual([createHash('sha256').update(token).digest('hex')]);
      const dump = JSON.stringify(await api.db.query('SELECT * FROM calendar_feeds WHERE owner_id = $1', [group.id]));
      expect(dump).not.toContain(token);
    });
  });
});
