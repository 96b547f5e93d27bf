import { GroupRole, GroupVisibility, type StudyGroup } from '@app/groups';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { GroupSpec, MadeUser } from '../support/factories';

describe('weekly meeting schedules', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  async function groupWith(spec: GroupSpec = {}): Promise<{ facilitator: MadeUser; group: StudyGroup }> {
    const facilitator = await api.make.user({ timeZone: spec.timeZone ?? 'Europe/Berlin' });
    const group = await api.make.group(facilitator, spec);
    return { facilitator, group };
  }

  async function member(group: StudyGroup, timeZone = 'Europe/Berlin'): Promise<MadeUser> {
    const person = await api.make.user({ timeZone });
    await api.make.membership(group, person);
    return person;
  }

  /** Every meeting of the group, past ones included, as `who` sees them. */
  async function meetingsOf(who: MadeUser, group: StudyGroup, query = '') {
    const res = await as(who).get(`/groups/${group.id}/meetings?from=2000-01-01T00:00:00Z&limit=100${query}`);
    expect(res.status).toBe(200);
    return res.body.items as {
      id: string;
      status: string;
      sequence: number;
      fromSchedule: boolean;
      local: { date: string; time: string; timeZone: string };
      startsAt: { utc: string; viewer: { zone: string; local: string; offset: string; display: string } };
      myRsvp: string | null;
      rsvps: { yes: number } | null;
      meetingLink: string | null;
    }[];
  }

  const outboxOf = (groupId: string) =>
    api.db.query<{ type: string; payload: Record<string, string> }[]>(
      'SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 AND type LIKE $2 ORDER BY id',
      [groupId, 'group.meeting-%'],
    );

  const summaryOf = async (groupId: string) =>
    (
      await api.db.query<{ first: Date | null; slots: string }[]>(
        'SELECT first_meeting_at AS first, meeting_slots::text AS slots FROM study_groups WHERE id = $1',
        [groupId],
      )
    )[0];

  const tuesdays = {
    weekday: 2,
    localStartTime: '18:00',
    durationMinutes: 90,
    startDate: '2026-03-01',
    occurrences: 4,
  };

  it('keeps 18:00 in New York across the March change, and shows each learner their own local time', async () => {
    api.clock.set('2026-02-20T12:00:00Z');
    const { facilitator, group } = await groupWith({ timeZone: 'America/New_York' });
    const laPaz = await member(group, 'America/La_Paz');
    const kigali = await member(group, 'Africa/Kigali');

    const res = await as(facilitator).put(`/groups/${group.id}/schedule`, tuesdays);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      schedule: { ...tuesdays, untilDate: null, timeZone: 'America/New_York' },
      scheduled: 4,
      updated: 0,
      cancelled: 0,
    });

    const seenInLaPaz = await meetingsOf(laPaz, group);
    expect(seenInLaPaz.map((m) => m.startsAt.utc)).toEqual([
      '2026-03-03T23:00:00.000Z', // 18:00 EST
      '2026-03-10T22:00:00.000Z', // 18:00 EDT: New York changed its clocks on 8 March
      '2026-03-17T22:00:00.000Z',
      '2026-03-24T22:00:00.000Z',
    ]);
    expect(seenInLaPaz.map((m) => m.local)).toEqual(
      ['2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24'].map((date) => ({
        date,
        time: '18:00',
        timeZone: 'America/New_York',
      })),
    );
    // La Paz keeps -04:00 all year: the meeting moves from 19:00 to 18:00 there.
    expect(seenInLaPaz.map((m) => m.startsAt.viewer.local)).toEqual([
      '2026-03-03T19:00',
      '2026-03-10T18:00',
      '2026-03-17T18:00',
      '2026-03-24T18:00',
    ]);
    expect(seenInLaPaz[0]!.startsAt.viewer.display).toBe('Tue, Mar 3, 2026, 19:00 (America/La_Paz)');
    expect(seenInLaPaz[0]!.meetingLink).toBe('https://meet.example.org/biogas');

    const seenInKigali = await meetingsOf(kigali, group);
    expect(seenInKigali.map((m) => m.startsAt.viewer.local)).toEqual([
      '2026-03-04T01:00', // the next day in Kigali (+02:00)
      '2026-03-11T00:00',
      '2026-03-18T00:00',
      '2026-03-25T00:00',
    ]);
    expect(seenInKigali[1]!.startsAt).toMatchObject({
      utc: '2026-03-10T22:00:00.000Z',
      viewer: { zone: 'Africa/Kigali', offset: '+02:00' },
      group: { zone: 'America/New_York', local: '2026-03-10T18:00', offset: '-04:00' },
    });

    const inKathmandu = await meetingsOf(kigali, group, '&timeZone=Asia/Kathmandu');
    expect(inKathmandu[0]!.startsAt.viewer).toMatchObject({ zone: 'Asia/Kathmandu', local: '2026-03-04T04:45' });

    const events = await outboxOf(group.id);
    expect(events.map((e) => e.type)).toEqual(Array(4).fill('group.meeting-scheduled'));
    expect(events.map((e) => e.payload.startsAt)).toEqual(seenInLaPaz.map((m) => m.startsAt.utc));
  });

  it.each([
    // [zone, local date, local time, UTC instant, local time the meeting actually starts, offset]
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00.000Z', '2026-03-08T03:30', '-04:00'], // gap
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', '2026-11-01T01:30', '-04:00'], // twice
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z', '2026-03-29T03:30', '+02:00'], // gap
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', '2026-10-25T02:30', '+02:00'], // twice
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:45:00.000Z', '2026-10-04T02:45', '+11:00'], // gap
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00.000Z', '2026-04-05T01:45', '+11:00'], // twice
  ])(
    'in %s, %s %s (a DST change) starts at %s: a gap moves it forward by the gap, a repeated time is the first',
    async (zone, localDate, localTime, utc, startsLocal, offset) => {
      api.clock.set('2026-02-20T12:00:00Z');
      const { facilitator, group } = await groupWith({ timeZone: zone });
      const res = await as(facilitator).post(`/groups/${group.id}/meetings`, {
        meetings: [{ localDate, localTime, durationMinutes: 60 }],
      });
      expect(res.status).toBe(201);
      expect(res.body.items[0]).toMatchObject({
        local: { date: localDate, time: localTime, timeZone: zone },
        startsAt: { utc, group: { zone, local: startsLocal, offset } },
        fromSchedule: false,
        sequence: 0,
      });
    },
  );

  it('changes only future meetings on an edit: same meetings at the new time with their RSVPs, past ones as they were', async () => {
    api.clock.set('2026-02-20T12:00:00Z');
    const { facilitator, group } = await groupWith({ timeZone: 'Europe/Berlin' });
    const learner = await member(group);
    expect((await as(facilitator).put(`/groups/${group.id}/schedule`, tuesdays)).status).toBe(200);
    const before = await meetingsOf(learner, group);
    const [first, second, third, fourth] = before;
    expect((await as(learner).put(`/meetings/${third!.id}/rsvp`, { answer: 'yes' })).status).toBe(204);

    api.clock.set('2026-03-05T12:00:00Z'); // the first meeting (3 March) is over
    const attendance = await as(facilitator).put(`/meetings/${first!.id}/attendance`, {
      records: [{ userId: learner.user.id, attended: true }],
    });
    expect(attendance.status).toBe(200);

    const edit = await as(facilitator).put(`/groups/${group.id}/schedule`, {
      ...tuesdays,
      localStartTime: '19:30',
      durationMinutes: 60,
      occurrences: 5,
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ scheduled: 1, updated: 3, cancelled: 0 });

    const after = await meetingsOf(learner, group);
    expect(after.map((m) => m.id).slice(0, 4)).toEqual([first!.id, second!.id, third!.id, fourth!.id]);
    expect(after.map((m) => [m.local.date, m.local.time, m.sequence, m.status])).toEqual([
      ['2026-03-03', '18:00', 0, 'scheduled'], // held already: untouched
      ['2026-03-10', '19:30', 1, 'scheduled'],
      ['2026-03-17', '19:30', 1, 'scheduled'],
      ['2026-03-24', '19:30', 1, 'scheduled'],
      ['2026-03-31', '19:30', 0, 'scheduled'], // new
    ]);
    // 31 March is after Berlin's change to summer time (29 March): 19:30 CEST is 17:30 UTC.
    expect(after.map((m) => m.startsAt.utc)).toEqual([
      '2026-03-03T17:00:00.000Z',
      '2026-03-10T18:30:00.000Z',
      '2026-03-17T18:30:00.000Z',
      '2026-03-24T18:30:00.000Z',
      '2026-03-31T17:30:00.000Z',
    ]);
    expect(after[2]).toMatchObject({ myRsvp: 'yes', rsvps: { yes: 1 } });
    const kept = await as(facilitator).get(`/meetings/${first!.id}/attendance`);
    expect(kept.body.items).toEqual([{ userId: learner.user.id, displayName: 'Test Learner', attended: true }]);

    const moved = (await outboxOf(group.id)).filter((e) => e.type === 'group.meeting-moved');
    expect(moved.map((e) => e.payload)).toEqual(
      [second, third, fourth].map((m, i) => ({
        groupId: group.id,
        meetingId: m!.id,
        previousStartsAt: m!.startsAt.utc,
        startsAt: after[i + 1]!.startsAt.utc,
      })),
    );

    // Another weekday: no date matches, so the schedule's future meetings are cancelled and new ones made.
    const thursdays = await as(facilitator).put(`/groups/${group.id}/schedule`, {
      ...tuesdays,
      weekday: 4,
      localStartTime: '19:30',
      durationMinutes: 60,
      occurrences: 5,
    });
    expect(thursdays.body).toMatchObject({ scheduled: 5, updated: 0, cancelled: 4 });
    const final = await meetingsOf(learner, group);
    expect(final.filter((m) => m.status === 'cancelled').map((m) => [m.id, m.sequence])).toEqual(
      after.slice(1).map((m) => [m.id, m.sequence + 1]),
    );
    expect(final.filter((m) => m.status === 'scheduled').map((m) => m.local.date)).toEqual([
      '2026-03-03',
      '2026-03-05',
      '2026-03-12',
      '2026-03-19',
      '2026-03-26',
      '2026-04-02',
    ]);
    const cancelledEvents = (await outboxOf(group.id)).filter((e) => e.type === 'group.meeting-cancelled');
    expect(cancelledEvents.map((e) => e.payload.meetingId).sort()).toEqual(
      after
        .slice(1)
        .map((m) => m.id)
        .sort(),
    );
  });

  it('leaves meetings moved or cancelled by hand alone, and ending the schedule cancels only its own', async () => {
    api.clock.set('2026-02-20T12:00:00Z');
    const { facilitator, group } = await groupWith();
    await as(facilitator).put(`/groups/${group.id}/schedule`, tuesdays);
    const [m1, m2, m3, m4] = await meetingsOf(facilitator, group);
    expect(
      (await as(facilitator).patch(`/meetings/${m2!.id}`, { localDate: '2026-03-11', localTime: '18:30' })).status,
    ).toBe(200);
    expect((await as(facilitator).post(`/meetings/${m3!.id}/cancel`)).status).toBe(200);
    const extra = await as(facilitator).post(`/groups/${group.id}/meetings`, {
      meetings: [{ localDate: '2026-03-05', localTime: '10:00', durationMinutes: 30, title: 'Digester visit' }],
    });

    const edit = await as(facilitator).put(`/groups/${group.id}/schedule`, { ...tuesdays, localStartTime: '19:00' });
    expect(edit.body).toMatchObject({ scheduled: 0, updated: 2, cancelled: 0 });
    const after = await meetingsOf(facilitator, group);
    expect(after.map((m) => [m.id, m.local.date, m.local.time, m.status, m.fromSchedule])).toEqual([
      [m1!.id, '2026-03-03', '19:00', 'scheduled', true],
      [extra.body.items[0].id, '2026-03-05', '10:00', 'scheduled', false],
      [m2!.id, '2026-03-11', '18:30', 'scheduled', false],
      [m3!.id, '2026-03-17', '18:00', 'cancelled', false],
      [m4!.id, '2026-03-24', '19:00', 'scheduled', true],
    ]);

    const ended = await as(facilitator).delete(`/groups/${group.id}/schedule`);
    expect(ended.body).toEqual({ cancelled: 2 });
    const left = await meetingsOf(facilitator, group);
    expect(left.filter((m) => m.status === 'scheduled').map((m) => m.id)).toEqual([extra.body.items[0].id, m2!.id]);
    expect((await as(facilitator).get(`/groups/${group.id}/schedule`)).status).toBe(404);
  });

  it('brings back a meeting an earlier edit dropped, with the same id, when the schedule grows again', async () => {
    api.clock.set('2026-02-20T12:00:00Z');
    const { facilitator, group } = await groupWith();
    await as(facilitator).put(`/groups/${group.id}/schedule`, tuesdays);
    const original = await meetingsOf(facilitator, group);
    expect(
      (await as(facilitator).put(`/groups/${group.id}/schedule`, { ...tuesdays, occurrences: 2 })).body,
    ).toMatchObject({
      cancelled: 2,
    });
    const regrown = await as(facilitator).put(`/groups/${group.id}/schedule`, tuesdays);
    expect(regrown.body).toMatchObject({ scheduled: 2, updated: 0, cancelled: 0 });
    const after = await meetingsOf(facilitator, group);
    expect(after.map((m) => [m.id, m.status, m.sequence])).toEqual(
      original.map((m, i) => [m.id, 'scheduled', i < 2 ? 0 : 2]),
    );
  });

  it('keeps the discovery summary in step: first meeting, and the UTC minutes of the week of the next 8', async () => {
    api.clock.set('2026-02-20T12:00:00Z');
    const { facilitator, group } = await groupWith({ timeZone: 'America/New_York' });
    expect(await summaryOf(group.id)).toEqual({ first: null, slots: '{}' });

    await as(facilitator).put(`/groups/${group.id}/schedule`, tuesdays);
    // Tuesday 23:00 UTC (EST) is minute 1440 + 1380 = 2820; 22:00 UTC (EDT) is 2760; each 90 minutes long.
    expect(await summaryOf(group.id)).toEqual({ first: new Date('2026-03-03T23:00:00Z'), slots: '{[2760,2910)}' });

    const [first] = await meetingsOf(facilitator, group);
    await as(facilitator).post(`/meetings/${first!.id}/cancel`);
    expect(await summaryOf(group.id)).toEqual({ first: new Date('2026-03-10T22:00:00Z'), slots: '{[2760,2850)}' });

    // Sunday 23:00 UTC for 90 minutes crosses the end of the week: split in two.
    const { facilitator: f2, group: utc } = await groupWith({ timeZone: 'UTC' });
    await as(f2).put(`/groups/${utc.id}/schedule`, {
      ...tuesdays,
      weekday: 7,
      localStartTime: '23:00',
      occurrences: 16,
    });
    expect(await summaryOf(utc.id)).toMatchObject({ slots: '{[0,30),[10020,10080)}' });
    // Only meetings after "now" count, and only the next 8 of them.
    await as(f2).post(`/groups/${utc.id}/meetings`, {
      meetings: [{ localDate: '2026-06-03', localTime: '12:00', durationMinutes: 60 }], // the 9th+ upcoming
    });
    expect(await summaryOf(utc.id)).toMatchObject({ slots: '{[0,30),[10020,10080)}' });
    api.clock.set('2026-05-20T00:00:00Z'); // 4 Sundays of the schedule are ahead, and the Wednesdays
    await as(f2).post(`/groups/${utc.id}/meetings`, {
      meetings: [{ localDate: '2026-06-10', localTime: '06:00', durationMinutes: 30 }],
    });
    expect(await summaryOf(utc.id)).toEqual({
      first: new Date('2026-03-01T23:00:00Z'),
      slots: '{[0,30),[3240,3270),[3600,3660),[10020,10080)}',
    });
  });

  it("keeps the agreed local times when the group's zone changes", async () => {
    api.clock.set('2026-02-20T12:00:00Z');
    const { facilitator, group } = await groupWith({ timeZone: 'Europe/Berlin' });
    await as(facilitator).put(`/groups/${group.id}/schedule`, tuesdays);
    api.clock.set('2026-03-05T12:00:00Z');
    const changed = await api
      .http()
      .patch(`/api/v1/groups/${group.id}`)
      .set('Authorization', facilitator.auth)
      .send({ timeZone: 'America/New_York' });
    expect(changed.status).toBe(200);
    const after = await meetingsOf(facilitator, group);
    expect(after.map((m) => [m.local.time, m.local.timeZone, m.startsAt.utc, m.sequence])).toEqual([
      ['18:00', 'Europe/Berlin', '2026-03-03T17:00:00.000Z', 0], // held already
      ['18:00', 'America/New_York', '2026-03-10T22:00:00.000Z', 1],
      ['18:00', 'America/New_York', '2026-03-17T22:00:00.000Z', 1],
      ['18:00', 'America/New_York', '2026-03-24T22:00:00.000Z', 1],
    ]);
    expect((await outboxOf(group.id)).filter((e) => e.type === 'group.meeting-moved')).toHaveLength(3);
    expect(await summaryOf(group.id)).toMatchObject({ slots: '{[2760,2850)}' });
  });

  describe('refuses bad schedules with 400 naming the field, and writes nothing', () => {
    it.each([
      ['an end date before the start', { ...tuesdays, occurrences: undefined, untilDate: '2026-02-28' }, 'untilDate'],
      ['more than 200 meetings', { ...tuesdays, occurrences: 201 }, 'occurrences'],
      [
        'an end date more than 200 weeks away',
        { ...tuesdays, occurrences: undefined, untilDate: '2030-12-31' },
        'untilDate',
      ],
      ['both a count and an end date', { ...tuesdays, untilDate: '2026-04-30' }, 'untilDate'],
      ['neither a count nor an end date', { ...tuesdays, occurrences: undefined }, 'occurrences'],
      ['a start in the past', { ...tuesdays, startDate: '2026-02-19' }, 'startDate'],
      ['a date that does not exist', { ...tuesdays, startDate: '2026-02-30' }, 'startDate'],
      ['a 4-minute meeting', { ...tuesdays, durationMinutes: 4 }, 'durationMinutes'],
      ['a 721-minute meeting', { ...tuesdays, durationMinutes: 721 }, 'durationMinutes'],
      ['weekday 8', { ...tuesdays, weekday: 8 }, 'weekday'],
      ['24:00 as a start time', { ...tuesdays, localStartTime: '24:00' }, 'localStartTime'],
      ['a time zone field (the group has one)', { ...tuesdays, timeZone: 'Europe/Paris' }, 'timeZone'],
    ])('%s', async (_, body, field) => {
      api.clock.set('2026-02-20T12:00:00Z');
      const { facilitator, group } = await groupWith();
      const res = await as(facilitator).put(`/groups/${group.id}/schedule`, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      expect((await as(facilitator).get(`/groups/${group.id}/schedule`)).status).toBe(404);
      expect(await meetingsOf(facilitator, group)).toEqual([]);
      expect(await outboxOf(group.id)).toEqual([]);
      expect(await summaryOf(group.id)).toEqual({ first: null, slots: '{}' });
    });

    it('keeps a running schedule as it was when an edit is refused', async () => {
      api.clock.set('2026-02-20T12:00:00Z');
      const { facilitator, group } = await groupWith();
      await as(facilitator).put(`/groups/${group.id}/schedule`, tuesdays);
      const before = await meetingsOf(facilitator, group);
      const res = await as(facilitator).put(`/groups/${group.id}/schedule`, { ...tuesdays, startDate: '2026-01-01' });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('startDate');
      expect(await meetingsOf(facilitator, group)).toEqual(before);
      expect((await as(facilitator).get(`/groups/${group.id}/schedule`)).body).toMatchObject({
        startDate: '2026-03-01',
      });
    });

    it('keeps a running schedule’s start in the past on an edit, counting the meetings already held', async () => {
      api.clock.set('2026-02-20T12:00:00Z');
      const { facilitator, group } = await groupWith();
      await as(facilitator).put(`/groups/${group.id}/schedule`, tuesdays);
      api.clock.set('2026-03-12T12:00:00Z');
      const res = await as(facilitator).put(`/groups/${group.id}/schedule`, { ...tuesdays, occurrences: 3 });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ scheduled: 0, updated: 0, cancelled: 1 });
    });

    it('refuses more than 300 upcoming meetings in a group, schedule and hand-added ones together', async () => {
      api.clock.set('2026-02-20T12:00:00Z');
      const { facilitator, group } = await groupWith();
      expect(
        (await as(facilitator).put(`/groups/${group.id}/schedule`, { ...tuesdays, occurrences: 200 })).status,
      ).toBe(200);
      const day = (i: number) => new Date(Date.UTC(2026, 2, 2) + i * 86400000).toISOString().slice(0, 10);
      const batch = (from: number) =>
        Array.from({ length: 50 }, (_, i) => ({ localDate: day(from + i), localTime: '07:00', durationMinutes: 30 }));
      expect((await as(facilitator).post(`/groups/${group.id}/meetings`, { meetings: batch(0) })).status).toBe(201);
      expect((await as(facilitator).post(`/groups/${group.id}/meetings`, { meetings: batch(50) })).status).toBe(201);
      const over = await as(facilitator).post(`/groups/${group.id}/meetings`, { meetings: batch(100).slice(0, 1) });
      expect(over.status).toBe(400);
      expect(over.body).toMatchObject({ code: 'too_many_meetings', errors: [{ field: 'meetings' }] });
      const count = await api.db.query('SELECT count(*)::int AS n FROM meetings WHERE group_id = $1', [group.id]);
      expect(count[0].n).toBe(300);
    });
  });

  describe('who may change the schedule', () => {
    it('facilitators and co-facilitators only; members 403; outsiders of a private group 404', async () => {
      api.clock.set('2026-02-20T12:00:00Z');
      const { facilitator, group } = await groupWith({ visibility: GroupVisibility.Private });
      const learner = await member(group);
      const co = await api.make.user();
      await api.make.membership(group, co, { role: GroupRole.CoFacilitator });
      const outsider = await api.make.user();

      expect((await as(learner).put(`/groups/${group.id}/schedule`, tuesdays)).status).toBe(403);
      expect((await as(learner).delete(`/groups/${group.id}/schedule`)).status).toBe(403);
      expect((await as(outsider).put(`/groups/${group.id}/schedule`, tuesdays)).status).toBe(404);
      expect((await as(outsider).get(`/groups/${group.id}/schedule`)).status).toBe(404);
      expect((await as(outsider).get(`/groups/${group.id}/meetings`)).status).toBe(404);
      expect(await meetingsOf(facilitator, group)).toEqual([]);

      expect((await as(co).put(`/groups/${group.id}/schedule`, tuesdays)).status).toBe(200);
      expect((await as(learner).get(`/groups/${group.id}/schedule`)).body).toMatchObject({ weekday: 2 });
    });

    it('answers 400 for a malformed group id', async () => {
      const { facilitator } = await groupWith();
      const res = await as(facilitator).put('/groups/not-a-uuid/schedule', tuesdays);
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'groupId', message: 'groupId must be a UUID' }]);
    });
  });
});
