import { GroupRole, GroupVisibility, MembershipStatus, type StudyGroup } from '@app/groups';
import { signedIn, startTestApi, v1, type TestApi } from '../support/api-app';
import type { GroupSpec, MadeUser } from '../support/factories';

describe('meetings one at a time: moves, cancellations, RSVPs and attendance', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  interface Setup {
    facilitator: MadeUser;
    learner: MadeUser;
    group: StudyGroup;
    /** Tuesday 10 March 2026, 18:00 in Berlin (17:00 UTC), 90 minutes. */
    meetingId: string;
  }

  /** A group with one facilitator, one active member and one meeting; "now" is well before the meeting. */
  async function setup(spec: GroupSpec = {}): Promise<Setup> {
    api.clock.set('2026-02-20T12:00:00Z');
    const facilitator = await api.make.user();
    const group = await api.make.group(facilitator, spec);
    const learner = await api.make.user({ displayName: 'Amaru Quispe', timeZone: 'America/La_Paz' });
    await api.make.membership(group, learner);
    const res = await as(facilitator).post(`/groups/${group.id}/meetings`, {
      meetings: [{ localDate: '2026-03-10', localTime: '18:00', durationMinutes: 90, title: 'Trench digging' }],
    });
    expect(res.status).toBe(201);
    return { facilitator, learner, group, meetingId: res.body.items[0].id };
  }

  const outboxOf = (groupId: string) =>
    api.db.query<{ type: string; payload: Record<string, string> }[]>(
      'SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 AND type LIKE $2 ORDER BY id',
      [groupId, 'group.meeting-%'],
    );

  describe('adding meetings by hand', () => {
    it('adds them all or none: one date in the past refuses the batch, naming it', async () => {
      const { facilitator, group } = await setup();
      const res = await as(facilitator).post(`/groups/${group.id}/meetings`, {
        meetings: [
          { localDate: '2026-03-12', localTime: '18:00', durationMinutes: 60 },
          { localDate: '2026-02-19', localTime: '18:00', durationMinutes: 60 },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['meetings.1.localDate']);
      const list = await as(facilitator).get(`/groups/${group.id}/meetings`);
      expect(list.body.items.map((m: { local: { date: string } }) => m.local.date)).toEqual(['2026-03-10']);
    });

    it('names the time when the date is today and the hour has passed', async () => {
      const { facilitator, group } = await setup();
      // 12:00 UTC is 13:00 in Berlin.
      const res = await as(facilitator).post(`/groups/${group.id}/meetings`, {
        meetings: [{ localDate: '2026-02-20', localTime: '12:30', durationMinutes: 60 }],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('meetings.0.localTime');
    });

    it.each([
      ['no meetings', { meetings: [] }, 'meetings'],
      [
        '51 meetings',
        { meetings: Array(51).fill({ localDate: '2026-04-01', localTime: '10:00', durationMinutes: 30 }) },
        'meetings',
      ],
      [
        'a 4-minute meeting',
        { meetings: [{ localDate: '2026-04-01', localTime: '10:00', durationMinutes: 4 }] },
        'meetings.0.durationMinutes',
      ],
      [
        'a 721-minute meeting',
        { meetings: [{ localDate: '2026-04-01', localTime: '10:00', durationMinutes: 721 }] },
        'meetings.0.durationMinutes',
      ],
      [
        'a malformed date',
        { meetings: [{ localDate: '1/4/2026', localTime: '10:00', durationMinutes: 30 }] },
        'meetings.0.localDate',
      ],
      [
        'a malformed time',
        { meetings: [{ localDate: '2026-04-01', localTime: '9:00', durationMinutes: 30 }] },
        'meetings.0.localTime',
      ],
      [
        'a zone of its own',
        { meetings: [{ localDate: '2026-04-01', localTime: '10:00', durationMinutes: 30, timeZone: 'UTC' }] },
        'meetings.0.timeZone',
      ],
    ])('refuses %s with 400 naming the field', async (_, body, field) => {
      const { facilitator, group } = await setup();
      const res = await as(facilitator).post(`/groups/${group.id}/meetings`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await as(facilitator).get(`/groups/${group.id}/meetings`)).body.items).toHaveLength(1);
    });
  });

  describe('moving and cancelling one meeting', () => {
    it('moves it: new instant, SEQUENCE + 1, a "moved" event with the previous instant', async () => {
      const { facilitator, learner, group, meetingId } = await setup();
      const res = await as(facilitator).patch(`/meetings/${meetingId}`, {
        localDate: '2026-03-31',
        localTime: '19:00',
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id: meetingId,
        local: { date: '2026-03-31', time: '19:00', timeZone: 'Europe/Berlin' },
        startsAt: { utc: '2026-03-31T17:00:00.000Z', group: { offset: '+02:00' } },
        sequence: 1,
        title: 'Trench digging',
        fromSchedule: false,
      });
      // The learner sees it in La Paz time.
      const seen = await as(learner).get(`/meetings/${meetingId}`);
      expect(seen.body.startsAt.viewer).toMatchObject({ zone: 'America/La_Paz', local: '2026-03-31T13:00' });
      expect((await outboxOf(group.id)).pop()).toEqual({
        type: 'group.meeting-moved',
        payload: {
          groupId: group.id,
          meetingId,
          previousStartsAt: '2026-03-10T17:00:00.000Z',
          startsAt: '2026-03-31T17:00:00.000Z',
        },
      });

      const retitled = await as(facilitator).patch(`/meetings/${meetingId}`, { title: null, durationMinutes: 45 });
      expect(retitled.body).toMatchObject({ title: null, durationMinutes: 45, sequence: 2 });
      expect(retitled.body.endsAt.utc).toBe('2026-03-31T17:45:00.000Z');
      const unchanged = await as(facilitator).patch(`/meetings/${meetingId}`, { localTime: '19:00' });
      expect(unchanged.body.sequence).toBe(2);
    });

    it('refuses to move a meeting into the past (400) or once it has started (409)', async () => {
      const { facilitator, meetingId } = await setup();
      const past = await as(facilitator).patch(`/meetings/${meetingId}`, { localDate: '2026-02-01' });
      expect(past.status).toBe(400);
      expect(past.body.errors[0].field).toBe('localDate');
      api.clock.set('2026-03-10T17:30:00Z');
      const started = await as(facilitator).patch(`/meetings/${meetingId}`, { localTime: '20:00' });
      expect(started.status).toBe(409);
      expect(started.body.code).toBe('meeting_started');
      expect((await as(facilitator).post(`/meetings/${meetingId}/cancel`)).status).toBe(409);
      expect((await as(facilitator).get(`/meetings/${meetingId}`)).body).toMatchObject({
        sequence: 0,
        status: 'scheduled',
      });
    });

    it('cancels it: STATUS cancelled, SEQUENCE + 1, a "cancelled" event; it cannot be cancelled twice', async () => {
      const { facilitator, group, meetingId } = await setup();
      const res = await as(facilitator).post(`/meetings/${meetingId}/cancel`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'cancelled', sequence: 1 });
      expect((await outboxOf(group.id)).pop()).toEqual({
        type: 'group.meeting-cancelled',
        payload: { groupId: group.id, meetingId, startsAt: '2026-03-10T17:00:00.000Z' },
      });
      const again = await as(facilitator).post(`/meetings/${meetingId}/cancel`);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('meeting_cancelled');
      expect((await as(facilitator).patch(`/meetings/${meetingId}`, { localTime: '19:00' })).status).toBe(409);
    });
  });

  describe('RSVPs', () => {
    it('lets an active member answer yes, no or maybe, change and withdraw it before the meeting', async () => {
      const { facilitator, learner, meetingId } = await setup();
      expect((await as(learner).put(`/meetings/${meetingId}/rsvp`, { answer: 'yes' })).status).toBe(204);
      expect((await as(facilitator).put(`/meetings/${meetingId}/rsvp`, { answer: 'maybe' })).status).toBe(204);
      expect((await as(learner).get(`/meetings/${meetingId}`)).body).toMatchObject({
        myRsvp: 'yes',
        rsvps: { yes: 1, no: 0, maybe: 1 },
      });
      await as(learner).put(`/meetings/${meetingId}/rsvp`, { answer: 'no' });
      const list = await as(facilitator).get(`/meetings/${meetingId}/rsvps`);
      expect(list.body.items).toEqual([
        { userId: learner.user.id, displayName: 'Amaru Quispe', answer: 'no' },
        { userId: facilitator.user.id, displayName: 'Test Learner', answer: 'maybe' },
      ]);
      expect((await as(learner).delete(`/meetings/${meetingId}/rsvp`)).status).toBe(204);
      expect((await as(learner).get(`/meetings/${meetingId}`)).body).toMatchObject({
        myRsvp: null,
        rsvps: { yes: 0, no: 0, maybe: 1 },
      });
    });

    it('refuses an unknown answer (400), a cancelled meeting and a meeting that has started (409)', async () => {
      const { facilitator, learner, meetingId } = await setup();
      const bad = await as(learner).put(`/meetings/${meetingId}/rsvp`, { answer: 'probably' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('answer');
      api.clock.set('2026-03-10T17:00:00Z');
      const started = await as(learner).put(`/meetings/${meetingId}/rsvp`, { answer: 'yes' });
      expect(started.status).toBe(409);
      expect(started.body.code).toBe('meeting_started');

      const other = await setup();
      await as(other.facilitator).post(`/meetings/${other.meetingId}/cancel`);
      const cancelled = await as(other.learner).put(`/meetings/${other.meetingId}/rsvp`, { answer: 'yes' });
      expect(cancelled.status).toBe(409);
      expect(cancelled.body.code).toBe('meeting_cancelled');
      expect((await as(facilitator).get(`/meetings/${meetingId}/rsvps`)).body.items).toEqual([]);
    });

    it('lets only active members answer and see answers and the meeting link', async () => {
      const { group, meetingId } = await setup();
      const outsider = await api.make.user();
      const waiting = await api.make.user();
      await api.make.membership(group, waiting, { status: MembershipStatus.Waitlisted });
      const admin = await api.make.admin();

      for (const who of [outsider, waiting]) {
        expect((await as(who).put(`/meetings/${meetingId}/rsvp`, { answer: 'yes' })).status).toBe(403);
        expect((await as(who).get(`/meetings/${meetingId}/rsvps`)).status).toBe(403);
        const seen = await as(who).get(`/meetings/${meetingId}`);
        expect(seen.status).toBe(200); // a public group's meeting times are public
        expect(seen.body).toMatchObject({ meetingLink: null, rsvps: null, myRsvp: null });
        expect(JSON.stringify(seen.body)).not.toContain('meet.example.org');
        const listed = await as(who).get(`/groups/${group.id}/meetings`);
        expect(JSON.stringify(listed.body)).not.toContain('meet.example.org');
      }
      // A platform admin may look, but an answer is a member's own.
      const byAdmin = await as(admin).put(`/meetings/${meetingId}/rsvp`, { answer: 'yes' });
      expect(byAdmin.status).toBe(403);
      expect(byAdmin.body.code).toBe('not_a_member');
    });

    it('does not count the answer of someone who has left the group', async () => {
      const { learner, facilitator, group, meetingId } = await setup();
      await as(learner).put(`/meetings/${meetingId}/rsvp`, { answer: 'yes' });
      expect((await as(learner).post(`/groups/${group.id}/leave`)).status).toBe(204);
      expect((await as(facilitator).get(`/meetings/${meetingId}`)).body.rsvps).toEqual({ yes: 0, no: 0, maybe: 0 });
    });
  });

  describe('attendance', () => {
    it('is recorded by a facilitator once the meeting has started, for active members, and can be corrected', async () => {
      const { facilitator, learner, meetingId } = await setup();
      const early = await as(facilitator).put(`/meetings/${meetingId}/attendance`, {
        records: [{ userId: learner.user.id, attended: true }],
      });
      expect(early.status).toBe(409);
      expect(early.body.code).toBe('meeting_not_started');

      api.clock.set('2026-03-10T17:05:00Z');
      const res = await as(facilitator).put(`/meetings/${meetingId}/attendance`, {
        records: [
          { userId: learner.user.id, attended: true },
          { userId: facilitator.user.id, attended: true },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        { userId: learner.user.id, displayName: 'Amaru Quispe', attended: true },
        { userId: facilitator.user.id, displayName: 'Test Learner', attended: true },
      ]);
      await as(facilitator).put(`/meetings/${meetingId}/attendance`, {
        records: [{ userId: learner.user.id, attended: false }],
      });
      const list = await as(facilitator).get(`/meetings/${meetingId}/attendance`);
      expect(list.body.items.map((a: { attended: boolean }) => a.attended)).toEqual([false, true]);
    });

    it('refuses people who are not active members, all or none, naming each one', async () => {
      const { facilitator, learner, group, meetingId } = await setup();
      const outsider = await api.make.user();
      const waiting = await api.make.user();
      await api.make.membership(group, waiting, { status: MembershipStatus.Waitlisted });
      api.clock.set('2026-03-10T18:00:00Z');
      const res = await as(facilitator).put(`/meetings/${meetingId}/attendance`, {
        records: [
          { userId: learner.user.id, attended: true },
          { userId: outsider.user.id, attended: true },
          { userId: waiting.user.id, attended: false },
        ],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['records.1.userId', 'records.2.userId']);
      const twice = await as(facilitator).put(`/meetings/${meetingId}/attendance`, {
        records: [
          { userId: learner.user.id, attended: true },
          { userId: learner.user.id, attended: false },
        ],
      });
      expect(twice.status).toBe(400);
      expect(twice.body.errors[0].field).toBe('records.1.userId');
      const malformed = await as(facilitator).put(`/meetings/${meetingId}/attendance`, {
        records: [{ userId: 'not-a-uuid', attended: true }],
      });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors[0].field).toBe('records.0.userId');
      expect((await as(facilitator).get(`/meetings/${meetingId}/attendance`)).body.items).toEqual([]);
    });

    it('is not for cancelled meetings', async () => {
      const { facilitator, learner, meetingId } = await setup();
      await as(facilitator).post(`/meetings/${meetingId}/cancel`);
      api.clock.set('2026-03-10T18:00:00Z');
      const res = await as(facilitator).put(`/meetings/${meetingId}/attendance`, {
        records: [{ userId: learner.user.id, attended: true }],
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('meeting_cancelled');
    });
  });

  describe('who may do what', () => {
    it('lets only facilitators move, cancel, add meetings and record or read attendance', async () => {
      const { learner, group, meetingId, facilitator } = await setup();
      const co = await api.make.user();
      await api.make.membership(group, co, { role: GroupRole.CoFacilitator });
      expect((await as(learner).patch(`/meetings/${meetingId}`, { localTime: '19:00' })).status).toBe(403);
      expect((await as(learner).post(`/meetings/${meetingId}/cancel`)).status).toBe(403);
      expect(
        (
          await as(learner).post(`/groups/${group.id}/meetings`, {
            meetings: [{ localDate: '2026-04-01', localTime: '10:00', durationMinutes: 30 }],
          })
        ).status,
      ).toBe(403);
      api.clock.set('2026-03-10T18:00:00Z');
      const records = { records: [{ userId: learner.user.id, attended: true }] };
      expect((await as(learner).put(`/meetings/${meetingId}/attendance`, records)).status).toBe(403);
      expect((await as(learner).get(`/meetings/${meetingId}/attendance`)).status).toBe(403);
      expect((await as(facilitator).get(`/meetings/${meetingId}`)).body).toMatchObject({
        sequence: 0,
        status: 'scheduled',
      });
      expect((await as(co).put(`/meetings/${meetingId}/attendance`, records)).status).toBe(200);
    });

    it('hides the meetings of a private group from outsiders entirely (404)', async () => {
      const { meetingId, group } = await setup({ visibility: GroupVisibility.Private });
      const outsider = await api.make.user();
      for (const res of [
        await as(outsider).get(`/meetings/${meetingId}`),
        await as(outsider).put(`/meetings/${meetingId}/rsvp`, { answer: 'yes' }),
        await as(outsider).get(`/meetings/${meetingId}/rsvps`),
        await as(outsider).patch(`/meetings/${meetingId}`, { localTime: '19:00' }),
        await as(outsider).post(`/meetings/${meetingId}/cancel`),
        await as(outsider).get(`/groups/${group.id}/meetings`),
      ]) {
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('Trench');
      }
    });

    it('answers 400 for malformed ids and 404 for unknown ones, and needs a token', async () => {
      const { facilitator } = await setup();
      const bad = await as(facilitator).get('/meetings/12345');
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([{ field: 'meetingId', message: 'meetingId must be a UUID' }]);
      expect((await as(facilitator).put('/meetings/12345/rsvp', { answer: 'yes' })).status).toBe(400);
      const unknown = await as(facilitator).get('/meetings/3f1c8a52-9d7e-4c1b-a6f0-2e4d5b6c7a8d');
      expect(unknown.status).toBe(404);
      expect((await api.http().get(v1('/meetings/3f1c8a52-9d7e-4c1b-a6f0-2e4d5b6c7a8d'))).status).toBe(401);
    });

    it('refuses an unknown zone for showing times (400 naming it)', async () => {
      const { learner, group, meetingId } = await setup();
      const list = await as(learner).get(`/groups/${group.id}/meetings?timeZone=Mars/Olympus_Mons`);
      expect(list.status).toBe(400);
      expect(list.body.errors[0].field).toBe('timeZone');
      expect((await as(learner).get(`/meetings/${meetingId}?timeZone=+02:00`)).status).toBe(400);
      const from = await as(learner).get(`/groups/${group.id}/meetings?from=2026-03-01T10:00`);
      expect(from.status).toBe(400);
      expect(from.body.errors[0].field).toBe('from');
    });
  });

  describe('listing', () => {
    it('lists meetings not yet over, in start order, a page at a time', async () => {
      const { facilitator, group } = await setup();
      await as(facilitator).post(`/groups/${group.id}/meetings`, {
        meetings: ['2026-03-11', '2026-03-12', '2026-03-13'].map((localDate) => ({
          localDate,
          localTime: '09:00',
          durationMinutes: 60,
        })),
      });
      api.clock.set('2026-03-10T18:00:00Z'); // the 10 March meeting is running (17:00-18:30 UTC)
      const first = await as(facilitator).get(`/groups/${group.id}/meetings?limit=2`);
      expect(first.body.items.map((m: { local: { date: string } }) => m.local.date)).toEqual([
        '2026-03-10',
        '2026-03-11',
      ]);
      const second = await as(facilitator).get(`/groups/${group.id}/meetings?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((m: { local: { date: string } }) => m.local.date)).toEqual([
        '2026-03-12',
        '2026-03-13',
      ]);
      expect(second.body.nextCursor).toBeNull();
      const upTo = await as(facilitator).get(`/groups/${group.id}/meetings?to=2026-03-12T00:00:00Z`);
      expect(upTo.body.items).toHaveLength(2);
      const tampered = await as(facilitator).get(`/groups/${group.id}/meetings?cursor=bm90LWEtY3Vyc29y`);
      expect(tampered.status).toBe(400);
    });
  });

  describe('personal data', () => {
    it('exports my RSVPs and attendance; deleting my account erases RSVPs and keeps attendance anonymous', async () => {
      const { facilitator, learner, meetingId, group } = await setup();
      const later = await as(facilitator).post(`/groups/${group.id}/meetings`, {
        meetings: [{ localDate: '2026-03-17', localTime: '18:00', durationMinutes: 60 }],
      });
      await as(learner).put(`/meetings/${later.body.items[0].id}/rsvp`, { answer: 'maybe' });
      api.clock.set('2026-03-10T18:00:00Z');
      await as(facilitator).put(`/meetings/${meetingId}/attendance`, {
        records: [{ userId: learner.user.id, attended: true }],
      });

      const exported = await as(learner).get(`/users/${learner.user.id}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body.sections.meetings).toMatchObject({
        rsvps: [
          { meetingId: later.body.items[0].id, groupId: group.id, groupName: 'Biogas builders', answer: 'maybe' },
        ],
        attendance: [{ meetingId, groupId: group.id, attended: true, startsAt: '2026-03-10T17:00:00.000Z' }],
      });

      const deleted = await as(learner).delete(`/users/${learner.user.id}`, { password: learner.password });
      expect(deleted.status).toBe(204);
      const rsvps = await api.db.query('SELECT * FROM meeting_rsvps WHERE user_id = $1', [learner.user.id]);
      expect(rsvps).toEqual([]);
      const attendance = await as(facilitator).get(`/meetings/${meetingId}/attendance`);
      expect(attendance.body.items).toEqual([{ userId: learner.user.id, displayName: 'Deleted user', attended: true }]);
    });
  });
});
