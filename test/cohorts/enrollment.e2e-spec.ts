import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { EnrollmentMode, EnrollmentStatus, type Cohort } from '@app/cohorts';
import { type StudyGroup } from '@app/groups';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

/** Enroll, withdraw, the approval queue, invite links, co-facilitators and the roster, through HTTP. */
describe('cohort enrollment', () => {
  let api: TestApi;
  const logLines: string[] = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    api = await startTestApi({ LOG_LEVEL: 'info' }, { logStream: stream });
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);
  const enroll = (who: MadeUser, cohortId: string, body: object = {}) =>
    as(who).post(`/cohorts/${cohortId}/enrollment`, body);
  const withdraw = (who: MadeUser, cohortId: string) => as(who).delete(`/cohorts/${cohortId}/enrollment`);
  const users = (n: number) => Promise.all(Array.from({ length: n }, () => api.make.user()));

  const cohortOf = async (facilitator: MadeUser, spec: { enrollmentMode?: EnrollmentMode; capacity?: number } = {}) =>
    (await api.make.cohort(facilitator, spec)).cohort;

  const outboxOf = (cohortId: string) =>
    api.db.query<{ type: string; payload: Record<string, unknown> }[]>(
      `SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`,
      [cohortId],
    );
  const memberOf = async (cohortId: string, userId: string) =>
    (
      await api.db.query<{ role: string; status: string; last_active_at: Date | null }[]>(
        'SELECT role, status, last_active_at FROM cohort_members WHERE cohort_id = $1 AND user_id = $2',
        [cohortId, userId],
      )
    )[0] ?? null;
  const rowCount = async (cohortId: string, userId: string) =>
    (
      await api.db.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM cohort_members WHERE cohort_id = $1 AND user_id = $2',
        [cohortId, userId],
      )
    )[0]!.n;
  const enrolledCount = async (cohortId: string) =>
    (
      await api.db.query<{ enrolled_count: number }[]>('SELECT enrolled_count FROM cohorts WHERE id = $1', [cohortId])
    )[0]!.enrolled_count;
  const inviteCodeOf = async (cohortId: string) =>
    (await api.db.query<{ invite_code: string }[]>('SELECT invite_code FROM cohorts WHERE id = $1', [cohortId]))[0]!
      .invite_code;

  const cohortGroup = (cohort: Cohort, facilitator: MadeUser, learners: MadeUser[]): Promise<StudyGroup> =>
    api.make.cohortGroup(cohort, facilitator, learners, { capacity: 8 });
  const memberCount = async (groupId: string) =>
    (
      await api.db.query<{ member_count: number }[]>('SELECT member_count FROM study_groups WHERE id = $1', [groupId])
    )[0]!.member_count;

  describe('open cohorts', () => {
    it('seats a learner at once, counts them, records the event, and refuses a second enrollment', async () => {
      api.clock.set('2026-02-20T10:00:00Z');
      const facilitator = await api.make.user();
      const learner = await api.make.user();
      const cohort = await cohortOf(facilitator);

      const res = await enroll(learner, cohort.id);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        cohortId: cohort.id,
        userId: learner.user.id,
        role: 'learner',
        status: 'active',
        requestedAt: '2026-02-20T10:00:00.000Z',
        statusChangedAt: '2026-02-20T10:00:00.000Z',
      });
      expect(await enrolledCount(cohort.id)).toBe(1);
      expect((await memberOf(cohort.id, learner.user.id))?.last_active_at?.toISOString()).toBe(
        '2026-02-20T10:00:00.000Z',
      );
      expect(await outboxOf(cohort.id)).toEqual([
        { type: 'cohort.learner-enrolled', payload: { cohortId: cohort.id, userId: learner.user.id } },
      ]);

      const again = await enroll(learner, cohort.id);
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('already_enrolled');
      expect(await enrolledCount(cohort.id)).toBe(1);
      expect(await outboxOf(cohort.id)).toHaveLength(1);
    });

    it('refuses a facilitator enrolling as a learner in their own cohort', async () => {
      const facilitator = await api.make.user();
      const cohort = await cohortOf(facilitator);
      const res = await enroll(facilitator, cohort.id);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('already_facilitator');
      expect(await memberOf(cohort.id, facilitator.user.id)).toMatchObject({ role: 'facilitator', status: 'active' });
      expect(await enrolledCount(cohort.id)).toBe(0);
    });

    it('refuses a full cohort with cohort_full', async () => {
      const facilitator = await api.make.user();
      const [first, second] = await users(2);
      const cohort = await cohortOf(facilitator, { capacity: 1 });
      expect((await enroll(first!, cohort.id)).status).toBe(201);
      const full = await enroll(second!, cohort.id);
      expect(full.status).toBe(409);
      expect(full.body.code).toBe('cohort_full');
      expect(await memberOf(cohort.id, second!.user.id)).toBeNull();
    });

    it('rejects bad input with 400 naming the field, writing nothing', async () => {
      const facilitator = await api.make.user();
      const learner = await api.make.user();
      const cohort = await cohortOf(facilitator);

      const badCode = await enroll(learner, cohort.id, { inviteCode: 123 });
      expect(badCode.status).toBe(400);
      expect(badCode.body.errors.map((e: { field: string }) => e.field)).toContain('inviteCode');
      const unknown = await enroll(learner, cohort.id, { seat: 3 });
      expect(unknown.status).toBe(400);
      const badId = await enroll(learner, 'not-a-uuid');
      expect(badId.status).toBe(400);
      expect(badId.body.errors).toEqual([{ field: 'cohortId', message: 'cohortId must be a UUID' }]);
      const missing = await enroll(learner, randomUUID());
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('cohort_not_found');

      expect(await memberOf(cohort.id, learner.user.id)).toBeNull();
      expect(await outboxOf(cohort.id)).toEqual([]);
    });
  });

  describe('approval cohorts', () => {
    it('queues requests in order; facilitators approve and decline; each change is an event', async () => {
      api.clock.set('2026-02-21T08:00:00Z'); // stopped: the queue order must still be the order of arrival
      const facilitator = await api.make.user();
      const [a, b, c] = await users(3);
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Approval });

      for (const who of [a!, b!, c!]) {
        const res = await enroll(who, cohort.id);
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ status: 'pending', role: 'learner' });
      }
      expect(await enrolledCount(cohort.id)).toBe(0);
      expect((await enroll(a!, cohort.id)).body.code).toBe('already_enrolled');

      const first = await as(facilitator).get(`/cohorts/${cohort.id}/requests?limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.items.map((i: { userId: string }) => i.userId)).toEqual([a!.user.id, b!.user.id]);
      expect(first.body.items[0]).toEqual({
        userId: a!.user.id,
        displayName: a!.user.displayName,
        email: a!.user.email,
        requestedAt: '2026-02-21T08:00:00.000Z',
      });
      const rest = await as(facilitator).get(
        `/cohorts/${cohort.id}/requests?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      );
      expect(rest.body).toEqual({ items: [expect.objectContaining({ userId: c!.user.id })], nextCursor: null });

      const approved = await as(facilitator).post(`/cohorts/${cohort.id}/requests/${b!.user.id}/approve`);
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ userId: b!.user.id, status: 'active' });
      const declined = await as(facilitator).post(`/cohorts/${cohort.id}/requests/${c!.user.id}/decline`);
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ userId: c!.user.id, status: 'declined' });
      expect(await enrolledCount(cohort.id)).toBe(1);

      const notPending = await as(facilitator).post(`/cohorts/${cohort.id}/requests/${b!.user.id}/approve`);
      expect(notPending.status).toBe(409);
      expect(notPending.body.code).toBe('not_pending');
      expect((await as(facilitator).post(`/cohorts/${cohort.id}/requests/${c!.user.id}/decline`)).body.code).toBe(
        'not_pending',
      );
      expect((await as(facilitator).post(`/cohorts/${cohort.id}/requests/${randomUUID()}/approve`)).status).toBe(409);
      expect((await as(facilitator).post(`/cohorts/${cohort.id}/requests/nope/approve`)).body.errors).toEqual([
        { field: 'userId', message: 'userId must be a UUID' },
      ]);

      // The declined person asks again: the same row, pending again, at the end of the queue.
      expect((await enroll(c!, cohort.id)).body.status).toBe('pending');
      expect(await rowCount(cohort.id, c!.user.id)).toBe(1);
      const queue = await as(facilitator).get(`/cohorts/${cohort.id}/requests`);
      expect(queue.body.items.map((i: { userId: string }) => i.userId)).toEqual([a!.user.id, c!.user.id]);

      const event = (type: string, who: MadeUser) => ({ type, payload: { cohortId: cohort.id, userId: who.user.id } });
      expect(await outboxOf(cohort.id)).toEqual([
        event('cohort.enrollment-requested', a!),
        event('cohort.enrollment-requested', b!),
        event('cohort.enrollment-requested', c!),
        event('cohort.learner-enrolled', b!),
        event('cohort.enrollment-declined', c!),
        event('cohort.enrollment-requested', c!),
      ]);
    });

    it('lets only facilitators see and act on requests', async () => {
      const facilitator = await api.make.user();
      const [learner, pending, outsider] = await users(3);
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Approval });
      await api.make.enrollment(cohort, learner!);
      await api.make.enrollment(cohort, pending!, { status: EnrollmentStatus.Pending });

      for (const who of [learner!, outsider!]) {
        expect((await as(who).get(`/cohorts/${cohort.id}/requests`)).status).toBe(403);
        expect((await as(who).post(`/cohorts/${cohort.id}/requests/${pending!.user.id}/approve`)).status).toBe(403);
        expect((await as(who).post(`/cohorts/${cohort.id}/requests/${pending!.user.id}/decline`)).status).toBe(403);
      }
      // A pending person cannot approve themselves either.
      expect((await as(pending!).post(`/cohorts/${cohort.id}/requests/${pending!.user.id}/approve`)).status).toBe(403);
      expect((await memberOf(cohort.id, pending!.user.id))?.status).toBe('pending');
    });

    it('approves only while a seat is free', async () => {
      const facilitator = await api.make.user();
      const [a, b] = await users(2);
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Approval, capacity: 1 });
      await enroll(a!, cohort.id);
      await enroll(b!, cohort.id);
      expect((await as(facilitator).post(`/cohorts/${cohort.id}/requests/${a!.user.id}/approve`)).status).toBe(200);
      const full = await as(facilitator).post(`/cohorts/${cohort.id}/requests/${b!.user.id}/approve`);
      expect(full.status).toBe(409);
      expect(full.body.code).toBe('cohort_full');
      expect((await memberOf(cohort.id, b!.user.id))?.status).toBe('pending');
      expect(await enrolledCount(cohort.id)).toBe(1);
    });

    it('takes a valid invite code as the facilitators’ approval', async () => {
      const facilitator = await api.make.user();
      const invited = await api.make.user();
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Approval });
      const res = await enroll(invited, cohort.id, { inviteCode: await inviteCodeOf(cohort.id) });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('active');
      expect(await enrolledCount(cohort.id)).toBe(1);
    });
  });

  describe('invite-only cohorts', () => {
    it('does not exist for outsiders without the current code; the code shows it and lets them in', async () => {
      const facilitator = await api.make.user({ displayName: 'Ana Facilitator' });
      const [outsider, guesser] = await users(2);
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Invite, capacity: 20 });
      const code = await inviteCodeOf(cohort.id);

      const without = await enroll(outsider!, cohort.id);
      expect(without.status).toBe(404);
      expect(without.body.code).toBe('cohort_not_found');
      const wrong = await enroll(guesser!, cohort.id, { inviteCode: 'not-the-code' });
      expect(wrong.status).toBe(404);
      expect(wrong.body).toMatchObject({ code: 'cohort_not_found' });
      // Same answer as for a cohort that does not exist at all.
      const nowhere = await enroll(guesser!, randomUUID(), { inviteCode: code });
      expect(nowhere.status).toBe(404);
      expect(nowhere.body.code).toBe('cohort_not_found');
      expect((await as(outsider!).delete(`/cohorts/${cohort.id}/enrollment`)).status).toBe(404);

      const face = await as(outsider!).post('/cohorts/invitation', { inviteCode: code });
      expect(face.status).toBe(200);
      expect(face.body).toEqual({
        cohortId: cohort.id,
        title: cohort.title,
        description: '',
        courseVersionId: cohort.courseVersionId,
        courseTitle: 'Build a tube biogas digester',
        startDate: '2026-03-02',
        timeZone: 'UTC',
        enrollmentMode: 'invite',
        deadlineMode: 'fixed',
        capacity: 20,
        seatsLeft: 20,
        facilitators: [{ userId: facilitator.user.id, displayName: 'Ana Facilitator' }],
        membership: null,
      });
      expect(JSON.stringify(face.body)).not.toContain(code);
      const unknown = await as(outsider!).post('/cohorts/invitation', { inviteCode: 'no-such-code' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('invitation_not_found');
      expect((await as(outsider!).post('/cohorts/invitation', {})).body.errors[0].field).toBe('inviteCode');

      const joined = await enroll(outsider!, cohort.id, { inviteCode: code });
      expect(joined.status).toBe(201);
      expect(joined.body.status).toBe('active');
      expect((await as(outsider!).post('/cohorts/invitation', { inviteCode: code })).body).toMatchObject({
        seatsLeft: 19,
        membership: { role: 'learner', status: 'active' },
      });
      expect(await memberOf(cohort.id, guesser!.user.id)).toBeNull();
    });

    it('tells a learner who knows the cohort that they need the code, and a code for another cohort is wrong', async () => {
      const facilitator = await api.make.user();
      const former = await api.make.user();
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Invite });
      const open = await cohortOf(facilitator);
      await api.make.enrollment(cohort, former, { status: EnrollmentStatus.Withdrawn });

      const again = await enroll(former, cohort.id);
      expect(again.status).toBe(403);
      expect(again.body.code).toBe('invite_required');
      const otherCode = await enroll(former, cohort.id, { inviteCode: await inviteCodeOf(open.id) });
      expect(otherCode.status).toBe(403);
      expect(otherCode.body.code).toBe('invite_invalid');
      // In an open cohort a wrong code is a mistake worth saying, not a secret.
      const wrongOnOpen = await enroll(former, open.id, { inviteCode: 'typo' });
      expect(wrongOnOpen.status).toBe(403);
      expect(wrongOnOpen.body.code).toBe('invite_invalid');
      expect(await memberOf(open.id, former.user.id)).toBeNull();
    });

    it('rotating the code stops old links; only facilitators rotate; the code never reaches the outbox or the logs', async () => {
      const facilitator = await api.make.user();
      const [learner, outsider] = await users(2);
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Invite });
      await api.make.enrollment(cohort, learner!);
      const old = await inviteCodeOf(cohort.id);

      expect((await as(learner!).post(`/cohorts/${cohort.id}/invite-code/rotate`)).status).toBe(403);
      expect((await as(outsider!).post(`/cohorts/${cohort.id}/invite-code/rotate`)).status).toBe(404);
      expect(await inviteCodeOf(cohort.id)).toBe(old);

      const rotated = await as(facilitator).post(`/cohorts/${cohort.id}/invite-code/rotate`);
      expect(rotated.status).toBe(200);
      const fresh = rotated.body.inviteCode as string;
      expect(fresh).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(fresh).not.toBe(old);
      expect(rotated.body.inviteLink).toContain(`/cohorts/${cohort.id}/join?code=${fresh}`);
      expect(await inviteCodeOf(cohort.id)).toBe(fresh);

      expect((await enroll(outsider!, cohort.id, { inviteCode: old })).status).toBe(404);
      expect((await as(outsider!).post('/cohorts/invitation', { inviteCode: old })).status).toBe(404);
      expect((await enroll(outsider!, cohort.id, { inviteCode: fresh })).status).toBe(201);

      const events = await outboxOf(cohort.id);
      expect(events[0]).toEqual({ type: 'cohort.updated', payload: { cohortId: cohort.id, fields: ['inviteCode'] } });
      const everything = JSON.stringify(await api.db.query('SELECT payload FROM outbox_events'));
      expect(everything).not.toContain(old);
      expect(everything).not.toContain(fresh);
      const logs = logLines.join('\n');
      expect(logs).toContain(`/cohorts/${cohort.id}/enrollment`);
      expect(logs).not.toContain(old);
      expect(logs).not.toContain(fresh);
    });
  });

  describe('withdrawing', () => {
    it('frees the seat and the group place in one go, and records both', async () => {
      api.clock.set('2026-03-10T12:00:00Z');
      const facilitator = await api.make.user();
      const [learner, groupmate, waiting] = await users(3);
      const cohort = await cohortOf(facilitator, { capacity: 2 });
      await api.make.enrollment(cohort, learner!, { groupingOptIn: true });
      await api.make.enrollment(cohort, groupmate!, { groupingOptIn: true });
      const group = await cohortGroup(cohort, facilitator, [learner!, groupmate!]);
      const groupCountBefore = await memberCount(group.id);
      expect((await enroll(waiting!, cohort.id)).body.code).toBe('cohort_full');

      const res = await withdraw(learner!, cohort.id);
      expect(res.status).toBe(204);
      expect(await memberOf(cohort.id, learner!.user.id)).toMatchObject({ role: 'learner', status: 'withdrawn' });
      expect(await enrolledCount(cohort.id)).toBe(1);
      expect(await memberCount(group.id)).toBe(groupCountBefore - 1);
      const groupRows = await api.db.query<{ user_id: string }[]>(
        'SELECT user_id FROM group_members WHERE group_id = $1 AND user_id = $2',
        [group.id, learner!.user.id],
      );
      expect(groupRows).toEqual([]);
      expect(await outboxOf(cohort.id)).toEqual([
        {
          type: 'cohort.learner-withdrew',
          payload: { cohortId: cohort.id, userId: learner!.user.id, groupId: group.id },
        },
      ]);
      expect(await outboxOf(group.id)).toEqual([
        { type: 'group.member-left', payload: { groupId: group.id, userId: learner!.user.id } },
      ]);

      // The seat is free again.
      expect((await enroll(waiting!, cohort.id)).status).toBe(201);
      expect(await enrolledCount(cohort.id)).toBe(2);

      const twice = await withdraw(learner!, cohort.id);
      expect(twice.status).toBe(404);
      expect(twice.body.code).toBe('not_enrolled');
    });

    it('takes back a pending request without touching the count; enrolling again reuses the row', async () => {
      const facilitator = await api.make.user();
      const learner = await api.make.user();
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Approval });
      await enroll(learner, cohort.id);
      expect((await withdraw(learner, cohort.id)).status).toBe(204);
      expect((await memberOf(cohort.id, learner.user.id))?.status).toBe('withdrawn');
      expect(await enrolledCount(cohort.id)).toBe(0);
      expect((await as(facilitator).get(`/cohorts/${cohort.id}/requests`)).body.items).toEqual([]);

      expect((await enroll(learner, cohort.id)).body.status).toBe('pending');
      expect(await rowCount(cohort.id, learner.user.id)).toBe(1);
      expect((await outboxOf(cohort.id)).map((e) => e.type)).toEqual([
        'cohort.enrollment-requested',
        'cohort.learner-withdrew',
        'cohort.enrollment-requested',
      ]);
    });

    it('answers not_enrolled to people without an enrollment, facilitators included', async () => {
      const facilitator = await api.make.user();
      const outsider = await api.make.user();
      const cohort = await cohortOf(facilitator);
      for (const who of [outsider, facilitator]) {
        const res = await withdraw(who, cohort.id);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('not_enrolled');
      }
      expect(await outboxOf(cohort.id)).toEqual([]);
    });
  });

  describe('capacity under concurrency', () => {
    it('seats exactly 10 of 30 simultaneous enrollments into 10 seats; the rest get 409, none a 500', async () => {
      const facilitator = await api.make.user();
      const cohort = await cohortOf(facilitator, { capacity: 10 });
      const learners = await users(30);

      const responses = await Promise.all(learners.map((who) => enroll(who, cohort.id)));

      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(10);
      expect(statuses.filter((s) => s === 409)).toHaveLength(20);
      expect(responses.filter((r) => r.status === 409).every((r) => r.body.code === 'cohort_full')).toBe(true);

      const [counts] = await api.db.query(
        `SELECT c.enrolled_count,
                (SELECT count(*)::int FROM cohort_members m
                  WHERE m.cohort_id = c.id AND m.role = 'learner' AND m.status = 'active') AS active,
                (SELECT count(*)::int FROM cohort_members m WHERE m.cohort_id = c.id AND m.role = 'learner') AS rows
           FROM cohorts c WHERE c.id = $1`,
        [cohort.id],
      );
      expect(counts).toEqual({ enrolled_count: 10, active: 10, rows: 10 });
      const seated = learners.filter((_, i) => responses[i]!.status === 201).map((l) => l.user.id);
      const events = await outboxOf(cohort.id);
      expect(events.map((e) => e.type)).toEqual(Array(10).fill('cohort.learner-enrolled'));
      expect(events.map((e) => e.payload.userId).sort()).toEqual([...seated].sort());
    });

    it('enrolls a person once when they press the button five times at once', async () => {
      const facilitator = await api.make.user();
      const learner = await api.make.user();
      const cohort = await cohortOf(facilitator);
      const responses = await Promise.all(Array.from({ length: 5 }, () => enroll(learner, cohort.id)));
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
      expect(await enrolledCount(cohort.id)).toBe(1);
      expect(await outboxOf(cohort.id)).toHaveLength(1);
    });
  });

  describe('co-facilitators', () => {
    it('adds a person as facilitator, who may then facilitate; only facilitators add', async () => {
      const facilitator = await api.make.user();
      const [colleague, learner, outsider] = await users(3);
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Invite });
      await api.make.enrollment(cohort, learner!);

      expect(
        (await as(learner!).post(`/cohorts/${cohort.id}/facilitators`, { userId: colleague!.user.id })).status,
      ).toBe(403);
      expect(
        (await as(outsider!).post(`/cohorts/${cohort.id}/facilitators`, { userId: outsider!.user.id })).status,
      ).toBe(404);
      expect((await as(colleague!).get(`/cohorts/${cohort.id}/roster`)).status).toBe(404);

      const added = await as(facilitator).post(`/cohorts/${cohort.id}/facilitators`, { userId: colleague!.user.id });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ userId: colleague!.user.id, role: 'facilitator', status: 'active' });
      expect((await as(colleague!).get(`/cohorts/${cohort.id}/roster`)).status).toBe(200);
      expect(await enrolledCount(cohort.id)).toBe(1);

      const twice = await as(facilitator).post(`/cohorts/${cohort.id}/facilitators`, { userId: colleague!.user.id });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('already_facilitator');
      const nobody = await as(facilitator).post(`/cohorts/${cohort.id}/facilitators`, { userId: randomUUID() });
      expect(nobody.status).toBe(404);
      expect(nobody.body.code).toBe('user_not_found');
      const bad = await as(facilitator).post(`/cohorts/${cohort.id}/facilitators`, { userId: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('userId');

      expect(await outboxOf(cohort.id)).toEqual([
        {
          type: 'cohort.facilitator-added',
          payload: { cohortId: cohort.id, userId: colleague!.user.id, addedBy: facilitator.user.id },
        },
      ]);
    });

    it('converts a learner: their seat frees and they leave their study group', async () => {
      const facilitator = await api.make.user();
      const [learner, groupmate] = await users(2);
      const cohort = await cohortOf(facilitator, { capacity: 5 });
      await api.make.enrollment(cohort, learner!, { groupingOptIn: true });
      await api.make.enrollment(cohort, groupmate!);
      const group = await cohortGroup(cohort, facilitator, [learner!, groupmate!]);
      const before = await memberCount(group.id);

      const res = await as(facilitator).post(`/cohorts/${cohort.id}/facilitators`, { userId: learner!.user.id });
      expect(res.status).toBe(201);
      expect(await memberOf(cohort.id, learner!.user.id)).toMatchObject({ role: 'facilitator', status: 'active' });
      expect(await enrolledCount(cohort.id)).toBe(1);
      expect(await memberCount(group.id)).toBe(before - 1);
      expect(await outboxOf(group.id)).toEqual([
        { type: 'group.member-left', payload: { groupId: group.id, userId: learner!.user.id } },
      ]);
      expect((await enroll(learner!, cohort.id)).body.code).toBe('already_facilitator');
    });

    it('removes a facilitator but never the last one', async () => {
      const facilitator = await api.make.user();
      const [colleague, learner] = await users(2);
      const cohort = await cohortOf(facilitator);
      await api.make.enrollment(cohort, learner!);
      await as(facilitator).post(`/cohorts/${cohort.id}/facilitators`, { userId: colleague!.user.id });

      expect((await as(learner!).delete(`/cohorts/${cohort.id}/facilitators/${colleague!.user.id}`)).status).toBe(403);
      const notOne = await as(facilitator).delete(`/cohorts/${cohort.id}/facilitators/${learner!.user.id}`);
      expect(notOne.status).toBe(404);
      expect(notOne.body.code).toBe('not_facilitator');

      expect((await as(colleague!).delete(`/cohorts/${cohort.id}/facilitators/${facilitator.user.id}`)).status).toBe(
        204,
      );
      expect(await memberOf(cohort.id, facilitator.user.id)).toMatchObject({ role: 'learner', status: 'withdrawn' });
      expect((await as(facilitator).get(`/cohorts/${cohort.id}/roster`)).status).toBe(403);

      const last = await as(colleague!).delete(`/cohorts/${cohort.id}/facilitators/${colleague!.user.id}`);
      expect(last.status).toBe(409);
      expect(last.body.code).toBe('last_facilitator');
      expect(await memberOf(cohort.id, colleague!.user.id)).toMatchObject({ role: 'facilitator', status: 'active' });
      expect((await outboxOf(cohort.id)).map((e) => e.type)).toEqual(['cohort.facilitator-added', 'cohort.updated']);
      expect((await outboxOf(cohort.id))[1]!.payload).toEqual({ cohortId: cohort.id, fields: ['facilitators'] });
    });
  });

  describe('the roster', () => {
    it('shows facilitators every learner with email, status, dates, opt-in and group, one page at a time', async () => {
      api.clock.set('2026-03-01T09:00:00Z');
      const facilitator = await api.make.user();
      const [a, b, c] = await users(3);
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Approval });
      await enroll(a!, cohort.id);
      await as(facilitator).post(`/cohorts/${cohort.id}/requests/${a!.user.id}/approve`);
      api.clock.advance(60_000);
      await enroll(b!, cohort.id);
      api.clock.advance(60_000);
      await enroll(c!, cohort.id);
      await as(facilitator).post(`/cohorts/${cohort.id}/requests/${c!.user.id}/approve`);
      await api.db.query('UPDATE cohort_members SET grouping_opt_in = true WHERE cohort_id = $1 AND user_id = $2', [
        cohort.id,
        c!.user.id,
      ]);
      const group = await cohortGroup(cohort, facilitator, [c!]);

      const first = await as(facilitator).get(`/cohorts/${cohort.id}/roster?limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.items).toEqual([
        {
          userId: a!.user.id,
          displayName: a!.user.displayName,
          email: a!.user.email,
          status: 'active',
          requestedAt: '2026-03-01T09:00:00.000Z',
          enrolledAt: '2026-03-01T09:00:00.000Z',
          statusChangedAt: '2026-03-01T09:00:00.000Z',
          groupingOptIn: false,
          groupId: null,
        },
        expect.objectContaining({ userId: b!.user.id, email: b!.user.email, status: 'pending', enrolledAt: null }),
      ]);
      const second = await as(facilitator).get(
        `/cohorts/${cohort.id}/roster?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
      );
      expect(second.body).toEqual({
        items: [
          expect.objectContaining({
            userId: c!.user.id,
            email: c!.user.email,
            status: 'active',
            groupingOptIn: true,
            groupId: group.id,
          }),
        ],
        nextCursor: null,
      });
      const active = await as(facilitator).get(`/cohorts/${cohort.id}/roster?status=active`);
      expect(active.body.items.map((i: { userId: string }) => i.userId)).toEqual([a!.user.id, c!.user.id]);

      expect((await as(facilitator).get(`/cohorts/${cohort.id}/roster?status=gone`)).body.errors[0].field).toBe(
        'status',
      );
      expect((await as(facilitator).get(`/cohorts/${cohort.id}/roster?cursor=garbage`)).body.errors[0].field).toBe(
        'cursor',
      );
    });

    it('is not shown to learners (no emails), nor to outsiders of an invite-only cohort', async () => {
      const facilitator = await api.make.user();
      const [learner, other, outsider] = await users(3);
      const cohort = await cohortOf(facilitator, { enrollmentMode: EnrollmentMode.Invite });
      await api.make.enrollment(cohort, learner!);
      await api.make.enrollment(cohort, other!);

      const asLearner = await as(learner!).get(`/cohorts/${cohort.id}/roster`);
      expect(asLearner.status).toBe(403);
      expect(JSON.stringify(asLearner.body)).not.toContain(other!.user.email);
      expect((await as(outsider!).get(`/cohorts/${cohort.id}/roster`)).status).toBe(404);
      const otherCohort = await cohortOf(facilitator);
      await api.make.enrollment(otherCohort, outsider!);
      expect((await as(outsider!).get(`/cohorts/${cohort.id}/roster`)).status).toBe(404);
    });
  });
});
