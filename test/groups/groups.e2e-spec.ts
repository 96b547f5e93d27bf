import { randomUUID } from 'node:crypto';
import { GroupVisibility } from '@app/groups';
import { startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

/** Starting, showing and editing study groups, and who may see and do what. */
describe('study groups', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const newGroup = {
    name: 'Biogas builders of El Alto',
    description: 'We build tube digesters together.',
    topic: 'biogas',
    language: 'es',
    timeZone: 'America/La_Paz',
    mode: 'online',
    meetingLink: 'https://meet.example.org/biogas-el-alto',
    capacity: 12,
  };

  const create = (who: MadeUser, body: object) =>
    api.http().post('/api/v1/groups').set('Authorization', who.auth).send(body);
  const show = (who: MadeUser, groupId: string) =>
    api.http().get(`/api/v1/groups/${groupId}`).set('Authorization', who.auth);
  const edit = (who: MadeUser, groupId: string, body: object) =>
    api.http().patch(`/api/v1/groups/${groupId}`).set('Authorization', who.auth).send(body);
  const join = (who: MadeUser, groupId: string, body: object = {}) =>
    api.http().post(`/api/v1/groups/${groupId}/join`).set('Authorization', who.auth).send(body);
  const setRole = (who: MadeUser, groupId: string, userId: string, role: string) =>
    api.http().patch(`/api/v1/groups/${groupId}/members/${userId}`).set('Authorization', who.auth).send({ role });
  const outboxOf = (groupId: string) =>
    api.db.query<{ type: string; payload: Record<string, string> }[]>(
      'SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY id',
      [groupId],
    );
  const counts = async () => {
    const [row] = await api.db.query<{ groups: number; members: number; events: number }[]>(
      `SELECT (SELECT count(*)::int FROM study_groups) AS groups, (SELECT count(*)::int FROM group_members) AS members,
              (SELECT count(*)::int FROM outbox_events) AS events`,
    );
    return row;
  };

  it('lets anyone start a group: the creator is its facilitator, times come in both zones, the outbox hears', async () => {
    api.clock.set('2026-03-10T12:00:00Z');
    const creator = await api.make.user({ timeZone: 'Asia/Kathmandu', displayName: 'Nima' });
    const res = await create(creator, {
      ...newGroup,
      language: 'ES-bo',
      signupQuestions: [{ prompt: 'What would you like to build?', required: true }, { prompt: 'Any tools?' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Biogas builders of El Alto',
      topic: 'biogas',
      courseVersionId: null,
      language: 'es-BO',
      timeZone: 'America/La_Paz',
      mode: 'online',
      place: null,
      capacity: 12,
      memberCount: 1,
      seatsLeft: 11,
      waitlistLength: 0,
      signupOpen: true,
      visibility: 'public',
      facilitators: [{ userId: creator.user.id, displayName: 'Nima', role: 'facilitator' }],
      membership: { role: 'facilitator', status: 'active', waitlistPosition: null },
      forMembers: { meetingLink: newGroup.meetingLink },
      forFacilitators: {
        inviteCode: null,
        roster: [{ userId: creator.user.id, email: creator.user.email, role: 'facilitator', signupAnswers: {} }],
        waitlist: [],
        waitlistLength: 0,
      },
    });
    expect(res.body.signupQuestions).toEqual([
      { id: expect.any(String), prompt: 'What would you like to build?', required: true },
      { id: expect.any(String), prompt: 'Any tools?', required: false },
    ]);
    // UTC, the viewer's Kathmandu wall clock (+05:45) and the group's La Paz wall clock (-04:00).
    expect(res.body.createdAt).toMatchObject({
      utc: '2026-03-10T12:00:00.000Z',
      viewer: { zone: 'Asia/Kathmandu', local: '2026-03-10T17:45', offset: '+05:45' },
      group: { zone: 'America/La_Paz', local: '2026-03-10T08:00', offset: '-04:00' },
    });

    const rows = await api.db.query('SELECT user_id, role, status FROM group_members WHERE group_id = $1', [
      res.body.id,
    ]);
    expect(rows).toEqual([{ user_id: creator.user.id, role: 'facilitator', status: 'active' }]);
    expect(await outboxOf(res.body.id)).toEqual([
      { type: 'group.created', payload: { groupId: res.body.id, createdBy: creator.user.id } },
    ]);
  });

  it('starts a group for a published course version, and refuses an unknown or unpublished one', async () => {
    const author = await api.make.user();
    const { version } = await api.make.course(author);
    const { course: draftOnly } = await api.make.course(author, { published: false });
    const creator = await api.make.user();
    const { topic: _topic, ...withoutTopic } = newGroup;

    const ok = await create(creator, { ...withoutTopic, courseVersionId: version!.id });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ courseVersionId: version!.id, topic: null });

    const before = await counts();
    for (const id of [randomUUID(), draftOnly.id]) {
      const bad = await create(creator, { ...withoutTopic, courseVersionId: id });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([
        { field: 'courseVersionId', message: 'no published course version has this id' },
      ]);
    }
    const both = await create(creator, { ...newGroup, courseVersionId: version!.id });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: { field: string }) => e.field)).toEqual(['courseVersionId']);
    expect(await counts()).toEqual(before);
  });

  it('shows where an in-person group meets, and keeps online-only fields out of it', async () => {
    const creator = await api.make.user();
    const { meetingLink: _link, ...offline } = newGroup;
    const place = { venue: 'Casa comunal', city: 'El Alto', country: 'bo', latitude: -16.5, longitude: -68.19 };
    const res = await create(creator, { ...offline, mode: 'in-person', ...place });
    expect(res.status).toBe(201);
    expect(res.body.place).toEqual({ ...place, country: 'BO' });
    expect(res.body.forMembers.meetingLink).toBeNull();

    const withLink = await create(creator, { ...newGroup, mode: 'in-person', city: 'El Alto', country: 'BO' });
    expect(withLink.status).toBe(400);
    expect(withLink.body.errors.map((e: { field: string }) => e.field)).toEqual(['meetingLink']);
    const noCity = await create(creator, { ...offline, mode: 'in-person', country: 'BO', latitude: 1 });
    expect(noCity.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['city', 'longitude']);
  });

  it.each([
    ['an unknown zone', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
    ['an offset instead of a zone', { timeZone: '+02:00' }, 'timeZone'],
    ['an oversized name', { name: 'x'.repeat(121) }, 'name'],
    ['a blank name', { name: '   ' }, 'name'],
    ['an oversized description', { description: 'x'.repeat(5001) }, 'description'],
    ['a language that is not a BCP 47 tag', { language: 'Spanish!' }, 'language'],
    ['capacity 0', { capacity: 0 }, 'capacity'],
    ['capacity 501', { capacity: 501 }, 'capacity'],
    ['a fractional capacity', { capacity: 2.5 }, 'capacity'],
    ['a malformed course version id', { topic: undefined, courseVersionId: 'v1' }, 'courseVersionId'],
    ['no course and no topic', { topic: undefined }, 'topic'],
    [
      'a country that is not ISO alpha-2',
      { mode: 'in-person', meetingLink: undefined, city: 'X', country: 'XX' },
      'country',
    ],
    ['a meeting link that is not http(s)', { meetingLink: 'javascript:alert(1)' }, 'meetingLink'],
    ['an unknown mode', { mode: 'hybrid' }, 'mode'],
    [
      'eleven signup questions',
      { signupQuestions: Array.from({ length: 11 }, () => ({ prompt: 'Why?' })) },
      'signupQuestions',
    ],
    ['an oversized question', { signupQuestions: [{ prompt: 'x'.repeat(501) }] }, 'signupQuestions.0.prompt'],
    ['a question with a made-up id', { signupQuestions: [{ id: 'q1', prompt: 'Why?' }] }, 'signupQuestions.0.id'],
    ['an unknown field', { inviteCode: 'mine' }, 'inviteCode'],
    ['a null name', { name: null }, 'name'],
  ])('refuses %s with a 400 naming the field, and writes nothing', async (_, change, field) => {
    const creator = await api.make.user();
    const before = await counts();
    const res = await create(creator, { ...newGroup, ...change });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('shows outsiders the public face, members the link and names, facilitators emails, answers and the waitlist', async () => {
    const facilitator = await api.make.user({ displayName: 'Ana' });
    const member = await api.make.user({ displayName: 'Chidi' });
    const waiting = await api.make.user({ displayName: 'Wen' });
    const outsider = await api.make.user();
    const question = { id: 'plan', prompt: 'What will you build?', required: true };
    const group = await api.make.group(facilitator, { capacity: 2, signupQuestions: [question] });
    expect((await join(member, group.id, { answers: { plan: 'A digester for the school' } })).status).toBe(201);
    expect((await join(waiting, group.id, { answers: { plan: 'One for my farm' } })).status).toBe(201);
    const secrets = [group.meetingLink!, member.user.email!, waiting.user.email!, 'for the school', 'for my farm'];

    for (const viewer of [outsider, waiting]) {
      const res = await show(viewer, group.id);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        memberCount: 2,
        seatsLeft: 0,
        waitlistLength: 1,
        signupQuestions: [question],
        facilitators: [{ displayName: 'Ana', role: 'facilitator' }],
        forMembers: null,
        forFacilitators: null,
      });
      for (const secret of secrets) expect(JSON.stringify(res.body)).not.toContain(secret);
    }
    expect((await show(outsider, group.id)).body.membership).toBeNull();
    expect((await show(waiting, group.id)).body.membership).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: 1,
    });

    const asMember = await show(member, group.id);
    expect(asMember.body.forMembers).toEqual({
      meetingLink: group.meetingLink,
      members: [
        expect.objectContaining({ userId: facilitator.user.id, displayName: 'Ana', role: 'facilitator' }),
        expect.objectContaining({ userId: member.user.id, displayName: 'Chidi', role: 'member' }),
      ],
    });
    expect(asMember.body.forFacilitators).toBeNull();
    for (const secret of secrets.slice(1)) expect(JSON.stringify(asMember.body)).not.toContain(secret);

    const asFacilitator = await show(facilitator, group.id);
    expect(asFacilitator.body.forFacilitators).toMatchObject({
      roster: [
        { userId: facilitator.user.id, email: facilitator.user.email },
        { userId: member.user.id, email: member.user.email, signupAnswers: { plan: 'A digester for the school' } },
      ],
      waitlist: [
        { userId: waiting.user.id, email: waiting.user.email, position: 1, signupAnswers: { plan: 'One for my farm' } },
      ],
      waitlistLength: 1,
    });
  });

  it('keeps private groups invisible without membership or the invite code, which only facilitators see', async () => {
    const facilitator = await api.make.user();
    const created = await create(facilitator, { ...newGroup, visibility: 'private' });
    expect(created.status).toBe(201);
    const groupId: string = created.body.id;
    const code: string = created.body.forFacilitators.inviteCode;
    expect(code).toMatch(/^[A-Za-z0-9_-]{24}$/);

    const outsider = await api.make.user();
    expect((await show(outsider, groupId)).status).toBe(404);
    expect((await show(outsider, groupId)).body.code).toBe('group_not_found');
    expect((await join(outsider, groupId)).status).toBe(404);
    const wrong = await api.http().post('/api/v1/groups/invitation').set('Authorization', outsider.auth);
    expect(wrong.status).toBe(400);
    const guessed = await api
      .http()
      .post('/api/v1/groups/invitation')
      .set('Authorization', outsider.auth)
      .send({ inviteCode: `${code.slice(0, -1)}x` });
    expect(guessed.status).toBe(404);

    const preview = await api
      .http()
      .post('/api/v1/groups/invitation')
      .set('Authorization', outsider.auth)
      .send({ inviteCode: code });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ id: groupId, visibility: 'private', forMembers: null, forFacilitators: null });
    expect(JSON.stringify(preview.body)).not.toContain(code);

    const joined = await api
      .http()
      .post('/api/v1/groups/join')
      .set('Authorization', outsider.auth)
      .send({ inviteCode: code });
    expect(joined.status).toBe(201);
    expect(joined.body).toMatchObject({ groupId, status: 'active', role: 'member' });
    const asMember = await show(outsider, groupId);
    expect(asMember.status).toBe(200);
    expect(asMember.body.forMembers.meetingLink).toBe(newGroup.meetingLink);
    expect(JSON.stringify(asMember.body)).not.toContain(code);

    // Rotation: only facilitators; the old code stops working at once, members stay.
    const byMember = await api.http().post(`/api/v1/groups/${groupId}/invite-code`).set('Authorization', outsider.auth);
    expect(byMember.status).toBe(403);
    const rotated = await api
      .http()
      .post(`/api/v1/groups/${groupId}/invite-code`)
      .set('Authorization', facilitator.auth);
    expect(rotated.status).toBe(200);
    expect(rotated.body.inviteCode).not.toBe(code);
    const late = await api.make.user();
    const withOld = await api
      .http()
      .post('/api/v1/groups/join')
      .set('Authorization', late.auth)
      .send({ inviteCode: code });
    expect(withOld.status).toBe(404);
    const withNew = await api
      .http()
      .post('/api/v1/groups/join')
      .set('Authorization', late.auth)
      .send({ inviteCode: rotated.body.inviteCode });
    expect(withNew.status).toBe(201);
    expect((await show(outsider, groupId)).status).toBe(200);

    const publicGroup = await api.make.group(facilitator);
    const notPrivate = await api
      .http()
      .post(`/api/v1/groups/${publicGroup.id}/invite-code`)
      .set('Authorization', facilitator.auth);
    expect(notPrivate.status).toBe(409);
    expect(notPrivate.body.code).toBe('group_not_private');
  });

  it('turns a public group private with a fresh code, and back', async () => {
    const facilitator = await api.make.user();
    const outsider = await api.make.user();
    const group = await api.make.group(facilitator);
    const hidden = await edit(facilitator, group.id, { visibility: 'private' });
    expect(hidden.status).toBe(200);
    expect(hidden.body.forFacilitators.inviteCode).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await show(outsider, group.id)).status).toBe(404);
    const shown = await edit(facilitator, group.id, { visibility: GroupVisibility.Public });
    expect(shown.body.forFacilitators.inviteCode).toBeNull();
    expect((await show(outsider, group.id)).status).toBe(200);
  });

  it('lets only facilitators edit; capacity cannot go below the active members; raising it seats the waitlist', async () => {
    const facilitator = await api.make.user();
    const [member, first, second, outsider] = await Promise.all([1, 2, 3, 4].map(() => api.make.user()));
    const group = await api.make.group(facilitator, { capacity: 2 });
    await join(member!, group.id);
    await join(first!, group.id);
    await join(second!, group.id);

    for (const who of [member!, first!, outsider!]) {
      const res = await edit(who, group.id, { name: 'Taken over' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('forbidden');
    }

    const tooSmall = await edit(facilitator, group.id, { capacity: 1, name: 'Smaller' });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body.errors).toEqual([
      { field: 'capacity', message: 'capacity cannot be below the 2 active members (facilitators included)' },
    ]);
    expect(await api.db.query('SELECT name, capacity FROM study_groups WHERE id = $1', [group.id])).toEqual([
      { name: group.name, capacity: 2 },
    ]);

    const raised = await edit(facilitator, group.id, { capacity: 3 });
    expect(raised.status).toBe(200);
    expect(raised.body).toMatchObject({ capacity: 3, memberCount: 3, seatsLeft: 0, waitlistLength: 1 });
    expect(raised.body.forFacilitators.roster.map((m: { userId: string }) => m.userId)).toContain(first!.user.id);
    expect(raised.body.forFacilitators.waitlist).toEqual([expect.objectContaining({ userId: second!.user.id })]);
    const events = await outboxOf(group.id);
    expect(events.at(-1)).toEqual({
      type: 'group.member-promoted',
      payload: { groupId: group.id, userId: first!.user.id },
    });

    const renamed = await edit(facilitator, group.id, { name: 'Digesters', description: '', signupOpen: false });
    expect(renamed.body).toMatchObject({ name: 'Digesters', description: '', signupOpen: false });
    const nulled = await edit(facilitator, group.id, { capacity: null });
    expect(nulled.status).toBe(400);
    expect(nulled.body.errors.map((e: { field: string }) => e.field)).toEqual(['capacity']);
  });

  it('drops the answers to questions a facilitator removes, and keeps the others', async () => {
    const facilitator = await api.make.user();
    const member = await api.make.user();
    const group = await api.make.group(facilitator, {
      signupQuestions: [
        { id: 'why', prompt: 'Why?', required: false },
        { id: 'age', prompt: 'How old are you?', required: false },
      ],
    });
    await join(member, group.id, { answers: { why: 'To cook with gas', age: '41' } });
    const res = await edit(facilitator, group.id, { signupQuestions: [{ id: 'why', prompt: 'Why join?' }] });
    expect(res.status).toBe(200);
    expect(res.body.signupQuestions).toEqual([{ id: 'why', prompt: 'Why join?', required: false }]);
    const [row] = await api.db.query('SELECT signup_answers FROM group_members WHERE user_id = $1', [member.user.id]);
    expect(row.signup_answers).toEqual({ why: 'To cook with gas' });
  });

  it('switches an online group to in person, dropping its meeting link', async () => {
    const facilitator = await api.make.user();
    const group = await api.make.group(facilitator);
    const res = await edit(facilitator, group.id, { mode: 'in-person', city: 'Kigali', country: 'RW' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ mode: 'in-person', place: { city: 'Kigali', country: 'RW' } });
    expect(res.body.forMembers.meetingLink).toBeNull();
    const stray = await edit(facilitator, group.id, { meetingLink: 'https://meet.example.org/x' });
    expect(stray.status).toBe(400);
    expect(stray.body.errors.map((e: { field: string }) => e.field)).toEqual(['meetingLink']);
  });

  it('lets facilitators make a member co-facilitator; handing over is for facilitators; one facilitator stays', async () => {
    const facilitator = await api.make.user();
    const [helper, member, waiting] = await Promise.all([1, 2, 3].map(() => api.make.user()));
    const group = await api.make.group(facilitator, { capacity: 3 });
    for (const who of [helper!, member!, waiting!]) await join(who, group.id);

    const promoted = await setRole(facilitator, group.id, helper!.user.id, 'co-facilitator');
    expect(promoted.status).toBe(200);
    expect(promoted.body.facilitators).toEqual([
      expect.objectContaining({ userId: facilitator.user.id, role: 'facilitator' }),
      expect.objectContaining({ userId: helper!.user.id, role: 'co-facilitator' }),
    ]);
    // A co-facilitator edits and sees the roster...
    const edited = await edit(helper!, group.id, { name: 'Run by two' });
    expect(edited.status).toBe(200);
    expect(edited.body.forFacilitators.roster).toHaveLength(3);
    // ...but cannot hand over, nor demote the facilitator.
    for (const [userId, role] of [
      [helper!.user.id, 'facilitator'],
      [facilitator.user.id, 'member'],
    ] as const) {
      const res = await setRole(helper!, group.id, userId, role);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('facilitator_required');
    }
    // Members cannot change roles at all.
    expect((await setRole(member!, group.id, member!.user.id, 'co-facilitator')).status).toBe(403);

    const onWaitlist = await setRole(facilitator, group.id, waiting!.user.id, 'co-facilitator');
    expect(onWaitlist.status).toBe(409);
    expect(onWaitlist.body.code).toBe('member_not_active');
    const stranger = await setRole(facilitator, group.id, randomUUID(), 'co-facilitator');
    expect(stranger.status).toBe(404);
    expect(stranger.body.code).toBe('member_not_found');
    const malformed = await setRole(facilitator, group.id, 'someone', 'co-facilitator');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([{ field: 'userId', message: 'userId must be a UUID' }]);

    // The last facilitator can neither leave nor step down...
    const leave = await api.http().post(`/api/v1/groups/${group.id}/leave`).set('Authorization', facilitator.auth);
    expect(leave.status).toBe(409);
    expect(leave.body.code).toBe('last_facilitator');
    expect((await setRole(facilitator, group.id, facilitator.user.id, 'member')).body.code).toBe('last_facilitator');
    // ...until they hand over.
    expect((await setRole(facilitator, group.id, helper!.user.id, 'facilitator')).status).toBe(200);
    const left = await api.http().post(`/api/v1/groups/${group.id}/leave`).set('Authorization', facilitator.auth);
    expect(left.status).toBe(204);
    const after = await show(helper!, group.id);
    expect(after.body.facilitators).toEqual([
      expect.objectContaining({ userId: helper!.user.id, role: 'facilitator' }),
    ]);
    expect(after.body.memberCount).toBe(3);
    expect(after.body.forFacilitators.waitlist).toEqual([]);
  });

  it('answers 400 for a malformed group id and 404 for an unknown one', async () => {
    const who = await api.make.user();
    const bad = await show(who, 'not-a-uuid');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'groupId', message: 'groupId must be a UUID' }]);
    expect((await join(who, '12345')).status).toBe(400);
    expect((await show(who, randomUUID())).status).toBe(404);
    expect((await edit(who, randomUUID(), { name: 'x' })).status).toBe(404);
  });

  it('documents the group routes and their error answers in the OpenAPI document', async () => {
    const doc = (await api.http().get('/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/groups',
        '/api/v1/groups/invitation',
        '/api/v1/groups/join',
        '/api/v1/groups/{groupId}',
        '/api/v1/groups/{groupId}/join',
        '/api/v1/groups/{groupId}/leave',
        '/api/v1/groups/{groupId}/invite-code',
        '/api/v1/groups/{groupId}/members/{userId}',
        '/api/v1/users/me/groups',
      ]),
    );
    expect(doc.paths['/api/v1/groups/{groupId}/join'].post.responses).toHaveProperty('409');
    expect(doc.components.schemas.GroupDetailDto.properties).toHaveProperty('forFacilitators');
  });

  it('needs a signed-in person for every group route', async () => {
    const res = await api.http().post('/api/v1/groups').send(newGroup);
    expect(res.status).toBe(401);
  });
});
