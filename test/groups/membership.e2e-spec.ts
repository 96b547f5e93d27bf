import { randomUUID } from 'node:crypto';
import type { StudyGroup } from '@app/groups';
import { startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

/** Joining, the waitlist, leaving, my groups, and a person's group data. */
describe('group membership', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const join = (who: MadeUser, groupId: string, body: object = {}) =>
    api.http().post(`/api/v1/groups/${groupId}/join`).set('Authorization', who.auth).send(body);
  const leave = (who: MadeUser, groupId: string) =>
    api.http().post(`/api/v1/groups/${groupId}/leave`).set('Authorization', who.auth);
  const remove = (who: MadeUser, groupId: string, userId: string) =>
    api.http().delete(`/api/v1/groups/${groupId}/members/${userId}`).set('Authorization', who.auth);
  const myGroups = (who: MadeUser, query: Record<string, string | number> = {}) =>
    api.http().get('/api/v1/users/me/groups').query(query).set('Authorization', who.auth);
  const users = (n: number) => Promise.all(Array.from({ length: n }, () => api.make.user()));
  const outboxOf = (groupId: string) =>
    api.db.query<{ type: string; user: string }[]>(
      `SELECT type, payload->>'userId' AS user FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`,
      [groupId],
    );
  const rowsOf = (groupId: string) =>
    api.db.query<{ user_id: string; status: string; role: string }[]>(
      'SELECT user_id, status, role FROM group_members WHERE group_id = $1 ORDER BY user_id',
      [groupId],
    );
  const memberCount = async (groupId: string) =>
    (await api.db.query('SELECT member_count FROM study_groups WHERE id = $1', [groupId]))[0].member_count;

  it('joins a group with a free seat; joining again changes nothing', async () => {
    api.clock.set('2026-05-04T09:30:00Z');
    const facilitator = await api.make.user();
    const learner = await api.make.user({ timeZone: 'Africa/Kigali' });
    const group = await api.make.group(facilitator, { timeZone: 'America/New_York' });

    const first = await join(learner, group.id);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      groupId: group.id,
      role: 'member',
      status: 'active',
      waitlistPosition: null,
      joinedAt: {
        utc: '2026-05-04T09:30:00.000Z',
        viewer: expect.objectContaining({ zone: 'Africa/Kigali', local: '2026-05-04T11:30' }),
        group: expect.objectContaining({ zone: 'America/New_York', local: '2026-05-04T05:30' }),
      },
      waitlistedAt: null,
    });
    const again = await join(learner, group.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await memberCount(group.id)).toBe(2);
    expect(await outboxOf(group.id)).toEqual([{ type: 'group.member-joined', user: learner.user.id }]);
    // The facilitator is already in: idempotent too.
    expect((await join(facilitator, group.id)).body).toMatchObject({ status: 'active', role: 'facilitator' });
  });

  it('waitlists joiners of a full group in order, and gives a freed seat to the head of the waitlist', async () => {
    const facilitator = await api.make.user();
    const [seated, w1, w2, w3] = await users(4);
    const group = await api.make.group(facilitator, { capacity: 2 });
    expect((await join(seated!, group.id)).body.status).toBe('active');
    for (const [i, who] of [w1!, w2!, w3!].entries()) {
      api.clock.advance(1000);
      const res = await join(who, group.id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'waitlisted', waitlistPosition: i + 1 });
      expect(res.body.waitlistedAt.utc).toBe(api.clock.now().toISOString());
    }
    expect((await myGroups(w2!)).body.items[0].membership.waitlistPosition).toBe(2);

    // A member leaves: the head of the waitlist takes the seat in the same transaction.
    expect((await leave(seated!, group.id)).status).toBe(204);
    expect(await memberCount(group.id)).toBe(2);
    expect((await myGroups(w1!)).body.items[0].membership).toMatchObject({ status: 'active', waitlistPosition: null });
    expect((await myGroups(w3!)).body.items[0].membership.waitlistPosition).toBe(2);

    // Leaving the waitlist frees no seat.
    expect((await leave(w2!, group.id)).status).toBe(204);
    expect((await myGroups(w3!)).body.items[0].membership.waitlistPosition).toBe(1);
    expect(await memberCount(group.id)).toBe(2);

    // A facilitator removes a member: the next one is seated.
    expect((await remove(facilitator, group.id, w1!.user.id)).status).toBe(204);
    expect((await myGroups(w3!)).body.items[0].membership.status).toBe('active');

    expect(await outboxOf(group.id)).toEqual([
      { type: 'group.member-joined', user: seated!.user.id },
      { type: 'group.member-waitlisted', user: w1!.user.id },
      { type: 'group.member-waitlisted', user: w2!.user.id },
      { type: 'group.member-waitlisted', user: w3!.user.id },
      { type: 'group.member-left', user: seated!.user.id },
      { type: 'group.member-promoted', user: w1!.user.id },
      { type: 'group.member-left', user: w2!.user.id },
      { type: 'group.member-left', user: w1!.user.id },
      { type: 'group.member-promoted', user: w3!.user.id },
    ]);
    expect(await rowsOf(group.id)).toEqual(
      [
        { user_id: facilitator.user.id, status: 'active', role: 'facilitator' },
        { user_id: w3!.user.id, status: 'active', role: 'member' },
      ].sort((a, b) => a.user_id.localeCompare(b.user_id)),
    );
  });

  it('keeps the waitlist order when the clock stands still', async () => {
    const facilitator = await api.make.user();
    const joiners = await users(6);
    const group = await api.make.group(facilitator, { capacity: 1 });
    for (const who of joiners) await join(who, group.id);
    // The documented order (waitlisted_at, then user id), which a random id alone would scramble.
    const rows = await api.db.query<{ user_id: string }[]>(
      `SELECT user_id FROM group_members WHERE group_id = $1 AND status = 'waitlisted' ORDER BY waitlisted_at, user_id`,
      [group.id],
    );
    expect(rows.map((r) => r.user_id)).toEqual(joiners.map((u) => u.user.id));
  });

  it('refuses joins while signup is closed with 409 signup_closed, and writes nothing', async () => {
    const facilitator = await api.make.user();
    const member = await api.make.user();
    const late = await api.make.user();
    const group = await api.make.group(facilitator);
    await join(member, group.id);
    await api
      .http()
      .patch(`/api/v1/groups/${group.id}`)
      .set('Authorization', facilitator.auth)
      .send({ signupOpen: false });

    const events = (await outboxOf(group.id)).length;
    const res = await join(late, group.id);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'signup_closed', status: 409 });
    expect(await rowsOf(group.id)).toHaveLength(2);
    expect(await outboxOf(group.id)).toHaveLength(events);
    // Those already in keep their place.
    expect((await join(member, group.id)).status).toBe(200);
  });

  describe('signup questions', () => {
    let group: StudyGroup;
    let facilitator: MadeUser;

    beforeAll(async () => {
      facilitator = await api.make.user();
      group = await api.make.group(facilitator, {
        signupQuestions: [
          { id: 'why', prompt: 'Why do you want to join?', required: true },
          { id: 'tools', prompt: 'Do you have tools?', required: false },
        ],
      });
    });

    it.each([
      ['no answers', {}, 'answers.why'],
      ['a blank required answer', { answers: { why: '   ' } }, 'answers.why'],
      ['an answer to a question the group does not ask', { answers: { why: 'x', shoeSize: '42' } }, 'answers.shoeSize'],
      ['an oversized answer', { answers: { why: 'x'.repeat(1001) } }, 'answers.why'],
      ['an answer that is not text', { answers: { why: 42 } }, 'answers.why'],
      ['answers that are not an object', { answers: 'because' }, 'answers'],
    ])('refuses %s with a 400 naming it, and writes nothing', async (_, body, field) => {
      const learner = await api.make.user();
      const res = await join(learner, group.id, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect((await rowsOf(group.id)).map((r) => r.user_id)).not.toContain(learner.user.id);
    });

    it('stores the answers, which only facilitators see', async () => {
      const learner = await api.make.user();
      const other = await api.make.user();
      expect((await join(learner, group.id, { answers: { why: ' To cook with biogas ' } })).status).toBe(201);
      await join(other, group.id, { answers: { why: 'Curious' } });
      const asOther = await api.http().get(`/api/v1/groups/${group.id}`).set('Authorization', other.auth);
      expect(JSON.stringify(asOther.body)).not.toContain('To cook with biogas');
      const asFacilitator = await api.http().get(`/api/v1/groups/${group.id}`).set('Authorization', facilitator.auth);
      const entry = asFacilitator.body.forFacilitators.roster.find(
        (m: { userId: string }) => m.userId === learner.user.id,
      );
      expect(entry.signupAnswers).toEqual({ why: 'To cook with biogas' });
    });
  });

  it('answers 404 member_not_found to leaving a group one is not in, and removing a stranger', async () => {
    const facilitator = await api.make.user();
    const outsider = await api.make.user();
    const group = await api.make.group(facilitator);
    const res = await leave(outsider, group.id);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('member_not_found');
    expect((await remove(facilitator, group.id, randomUUID())).body.code).toBe('member_not_found');
    // Only facilitators remove people.
    const member = await api.make.user();
    await join(member, group.id);
    expect((await remove(member, group.id, facilitator.user.id)).status).toBe(403);
    expect((await remove(outsider, group.id, member.user.id)).status).toBe(403);
    expect(await rowsOf(group.id)).toHaveLength(2);
  });

  it('lists my groups and waitlist places, newest first, page by page', async () => {
    const me = await api.make.user({ timeZone: 'Asia/Kathmandu' });
    const other = await api.make.user();
    const made: StudyGroup[] = [];
    for (const name of ['First', 'Second', 'Third']) {
      api.clock.advance(60_000);
      made.push(await api.make.group(other, { name, capacity: name === 'Third' ? 1 : 5 }));
    }
    for (const g of made) {
      api.clock.advance(60_000);
      await join(me, g.id);
    }
    api.clock.advance(60_000);
    const mine = await api.make.group(me, { name: 'Mine' });
    await api.db.query('UPDATE group_members SET joined_at = $2 WHERE group_id = $1', [mine.id, api.clock.now()]);

    const seen: { name: string; role: string; status: string; position: number | null }[] = [];
    let cursor: string | undefined;
    do {
      const res = await myGroups(me, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const item of res.body.items) {
        seen.push({
          name: item.group.name,
          role: item.membership.role,
          status: item.membership.status,
          position: item.membership.waitlistPosition,
        });
        expect(item.membership.joinedAt.viewer.zone).toBe('Asia/Kathmandu');
      }
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([
      { name: 'Mine', role: 'facilitator', status: 'active', position: null },
      { name: 'Third', role: 'member', status: 'waitlisted', position: 1 },
      { name: 'Second', role: 'member', status: 'active', position: null },
      { name: 'First', role: 'member', status: 'active', position: null },
    ]);
    expect((await myGroups(other)).body.items.map((i: { group: { name: string } }) => i.group.name)).not.toContain(
      'Mine',
    );
    expect((await myGroups(me, { cursor: 'forged' })).status).toBe(400);
  });

  it("shows each of my groups' next meeting in my zone and the group's, skipping cancelled and past ones", async () => {
    api.clock.set('2027-02-01T12:00:00Z');
    const facilitator = await api.make.user({ timeZone: 'America/La_Paz' });
    const me = await api.make.user({ timeZone: 'Asia/Kathmandu' });
    const meeting = await api.make.group(facilitator, { name: 'Meets', timeZone: 'America/La_Paz' });
    const quiet = await api.make.group(facilitator, { name: 'Quiet' });
    await join(me, meeting.id);
    await join(me, quiet.id);
    const added = await api
      .http()
      .post(`/api/v1/groups/${meeting.id}/meetings`)
      .set('Authorization', facilitator.auth)
      .send({
        meetings: [
          { localDate: '2027-02-03', localTime: '18:00', durationMinutes: 60 },
          { localDate: '2027-02-10', localTime: '18:00', durationMinutes: 60 },
        ],
      });
    expect(added.status).toBe(201);
    const nextOf = async (name: string) =>
      ((await myGroups(me)).body.items as { group: { name: string }; nextMeeting: unknown }[]).find(
        (i) => i.group.name === name,
      )?.nextMeeting;

    expect(await nextOf('Quiet')).toBeNull();
    expect(await nextOf('Meets')).toEqual({
      utc: '2027-02-03T22:00:00.000Z',
      viewer: expect.objectContaining({ zone: 'Asia/Kathmandu', local: '2027-02-04T03:45' }),
      group: expect.objectContaining({ zone: 'America/La_Paz', local: '2027-02-03T18:00' }),
    });
    const cancel = await api
      .http()
      .post(`/api/v1/meetings/${added.body.items[0].id}/cancel`)
      .set('Authorization', facilitator.auth);
    expect(cancel.status).toBe(200);
    expect(await nextOf('Meets')).toMatchObject({ utc: '2027-02-10T22:00:00.000Z' });
    api.clock.set('2027-02-11T00:00:00Z');
    expect(await nextOf('Meets')).toBeNull();
  });

  describe('personal data', () => {
    it('exports my memberships, roles and my own signup answers', async () => {
      const facilitator = await api.make.user();
      const me = await api.make.user();
      const group = await api.make.group(facilitator, {
        name: 'Solar cookers',
        signupQuestions: [{ id: 'why', prompt: 'Why?', required: true }],
      });
      await join(me, group.id, { answers: { why: 'Cheaper cooking' } });
      const own = await api.make.group(me, { name: 'My own group' });

      const res = await api.http().get(`/api/v1/users/${me.user.id}/export`).set('Authorization', me.auth);
      expect(res.status).toBe(200);
      expect(res.body.sections.groups).toEqual({
        memberships: expect.arrayContaining([
          expect.objectContaining({
            groupId: group.id,
            groupName: 'Solar cookers',
            role: 'member',
            status: 'active',
            signupAnswers: [{ questionId: 'why', question: 'Why?', answer: 'Cheaper cooking' }],
          }),
          expect.objectContaining({ groupId: own.id, role: 'facilitator', signupAnswers: [] }),
        ]),
        groupsCreated: [{ id: own.id, name: 'My own group', createdAt: expect.any(String) }],
      });
      expect(res.body.sections.groups.memberships).toHaveLength(2);
      // Someone else's export holds none of it.
      const theirs = await api
        .http()
        .get(`/api/v1/users/${facilitator.user.id}/export`)
        .set('Authorization', facilitator.auth);
      expect(JSON.stringify(theirs.body.sections.groups)).not.toContain('Cheaper cooking');
    });

    it('erases my memberships and answers, seats the waitlist, hands my groups over, and keeps them', async () => {
      const me = await api.make.user();
      const [helper, waiting, host] = await users(3);
      // A group I run, with a co-facilitator; and a full group I am in, with someone waiting.
      const mine = await api.make.group(me, { name: 'Mine', capacity: 5 });
      await join(helper!, mine.id);
      await api
        .http()
        .patch(`/api/v1/groups/${mine.id}/members/${helper!.user.id}`)
        .set('Authorization', me.auth)
        .send({ role: 'co-facilitator' });
      const full = await api.make.group(host!, {
        capacity: 2,
        signupQuestions: [{ id: 'why', prompt: 'Why?', required: true }],
      });
      await join(me, full.id, { answers: { why: 'my secret reason' } });
      await join(waiting!, full.id, { answers: { why: 'theirs' } });

      const res = await api
        .http()
        .delete(`/api/v1/users/${me.user.id}`)
        .set('Authorization', me.auth)
        .send({ password: me.password });
      expect(res.status).toBe(204);

      expect(await api.db.query('SELECT 1 FROM group_members WHERE user_id = $1', [me.user.id])).toEqual([]);
      const dump = await api.db.query(`SELECT signup_answers::text AS a FROM group_members`);
      expect(JSON.stringify(dump)).not.toContain('my secret reason');
      expect(await rowsOf(full.id)).toContainEqual({ user_id: waiting!.user.id, status: 'active', role: 'member' });
      expect(await memberCount(full.id)).toBe(2);
      expect((await outboxOf(full.id)).slice(-2)).toEqual([
        { type: 'group.member-left', user: me.user.id },
        { type: 'group.member-promoted', user: waiting!.user.id },
      ]);
      // The group I created stays, now run by my co-facilitator.
      const stays = await api.http().get(`/api/v1/groups/${mine.id}`).set('Authorization', helper!.auth);
      expect(stays.status).toBe(200);
      expect(stays.body).toMatchObject({ name: 'Mine', memberCount: 1 });
      expect(stays.body.facilitators).toEqual([
        expect.objectContaining({ userId: helper!.user.id, role: 'facilitator' }),
      ]);
    });
  });
});
