import { DeadlineMode, EnrollmentMode } from '@app/cohorts';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

describe('cohorts: creation, the public face and the facilitator’s edits', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  const outboxOf = (cohortId: string) =>
    api.db.query<{ type: string; payload: Record<string, unknown> }[]>(
      'SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY id',
      [cohortId],
    );

  /** A published course of three modules by `author`, and the body of a valid cohort for it. */
  async function course(author: MadeUser) {
    const { version } = await api.make.course(author, {
      modules: [
        { title: 'Dig the trench', content: 'Dig.' },
        { title: 'Lay the tube', content: 'Lay.' },
        { title: 'Feed the digester', content: 'Feed.' },
      ],
    });
    const moduleIds = version!.modules.map((m) => m.id);
    const body = {
      title: 'Biogas, spring 2026',
      description: 'Twelve weeks of tube digesters.',
      courseVersionId: version!.id,
      startDate: '2026-03-02',
      timeZone: 'America/La_Paz',
      capacity: 40,
      enrollmentMode: EnrollmentMode.Open,
      deadlineMode: DeadlineMode.Fixed,
    };
    return { version: version!, moduleIds, body };
  }

  describe('POST /cohorts', () => {
    it('creates the cohort, its calendar and its facilitators in one go, with their events', async () => {
      api.clock.set('2026-02-01T12:00:00Z');
      const creator = await api.make.user({ displayName: 'Wara Mamani', timeZone: 'America/La_Paz' });
      const co = await api.make.user({ displayName: 'Uwase Aline', timeZone: 'Africa/Kigali' });
      const { moduleIds, body } = await course(creator);
      const res = await as(creator).post('/cohorts', {
        ...body,
        completionModulePercent: 80,
        modules: [{ moduleId: moduleIds[1], releaseOffsetDays: 10, dueOffsetDays: 20 }],
        coFacilitators: [co.user.id],
      });
      expect(res.status).toBe(201);
      const cohortId: string = res.body.id;
      expect(res.body).toMatchObject({
        title: 'Biogas, spring 2026',
        startDate: '2026-03-02',
        timeZone: 'America/La_Paz',
        capacity: 40,
        enrolledCount: 0,
        seatsLeft: 40,
        courseVersion: { title: 'Build a tube biogas digester', number: 1 },
        facilitators: [{ displayName: 'Wara Mamani' }, { displayName: 'Uwase Aline' }],
        membership: { role: 'facilitator', status: 'active', completedAt: null },
        forFacilitators: { completionModulePercent: 80, completionAttendancePercent: 0 },
      });
      expect(res.body.forFacilitators.inviteLink).toBe(
        `${api.config.PUBLIC_URL}/cohorts/${cohortId}/join?code=${res.body.forFacilitators.inviteCode}`,
      );
      expect(res.body.forFacilitators.inviteCode).toMatch(/^[A-Za-z0-9_-]{24}$/);
      // Default weekly rhythm, except the overridden module; dates in the cohort's zone (La Paz, UTC-4).
      expect(res.body.modules.map((m: Record<string, unknown>) => [m.title, m.releaseDate, m.dueDate])).toEqual([
        ['Dig the trench', '2026-03-02', '2026-03-08'],
        ['Lay the tube', '2026-03-12', '2026-03-22'],
        ['Feed the digester', '2026-03-16', '2026-03-22'],
      ]);
      expect(res.body.modules[0].dueAt).toMatchObject({
        utc: '2026-03-09T03:59:00.000Z',
        cohort: { local: '2026-03-08T23:59', offset: '-04:00' },
      });

      const members = await api.db.query(
        'SELECT user_id, role, status FROM cohort_members WHERE cohort_id = $1 ORDER BY role, user_id',
        [cohortId],
      );
      expect(members).toHaveLength(2);
      expect(members.every((m: { role: string }) => m.role === 'facilitator')).toBe(true);
      const scheduled = await api.db.query(
        'SELECT module_id, position, release_offset_days, due_offset_days FROM cohort_modules WHERE cohort_id = $1 ORDER BY position',
        [cohortId],
      );
      expect(scheduled).toEqual([
        { module_id: moduleIds[0], position: 0, release_offset_days: 0, due_offset_days: 6 },
        { module_id: moduleIds[1], position: 1, release_offset_days: 10, due_offset_days: 20 },
        { module_id: moduleIds[2], position: 2, release_offset_days: 14, due_offset_days: 20 },
      ]);
      expect(await outboxOf(cohortId)).toEqual([
        { type: 'cohort.created', payload: expect.objectContaining({ cohortId, createdBy: creator.user.id }) },
        {
          type: 'cohort.facilitator-added',
          payload: { cohortId, userId: co.user.id, addedBy: creator.user.id },
        },
      ]);
      // The co-facilitator facilitates at once.
      const asCo = await as(co).get(`/cohorts/${cohortId}`);
      expect(asCo.body.forFacilitators).not.toBeNull();
    });

    it.each<[string, (ids: string[], body: Record<string, unknown>) => Record<string, unknown>, string]>([
      [
        'a due day before the release day',
        (ids) => ({ modules: [{ moduleId: ids[0], releaseOffsetDays: 7, dueOffsetDays: 6 }] }),
        'modules.0.dueOffsetDays',
      ],
      [
        'a module of another course',
        () => ({
          modules: [{ moduleId: '00000000-0000-4000-8000-000000000000', releaseOffsetDays: 0, dueOffsetDays: 6 }],
        }),
        'modules.0.moduleId',
      ],
      [
        'the same module twice',
        (ids) => ({
          modules: [
            { moduleId: ids[0], releaseOffsetDays: 0, dueOffsetDays: 6 },
            { moduleId: ids[0], releaseOffsetDays: 1, dueOffsetDays: 8 },
          ],
        }),
        'modules.1.moduleId',
      ],
      [
        'an offset past two years',
        (ids) => ({ modules: [{ moduleId: ids[0], releaseOffsetDays: 0, dueOffsetDays: 731 }] }),
        'modules.0.dueOffsetDays',
      ],
      ['an unknown zone', () => ({ timeZone: 'Mars/Olympus_Mons' }), 'timeZone'],
      ['a zone abbreviation', () => ({ timeZone: 'EST5EDT4' }), 'timeZone'],
      ['no seats', () => ({ capacity: 0 }), 'capacity'],
      ['too many seats', () => ({ capacity: 100_001 }), 'capacity'],
      ['a date that does not exist', () => ({ startDate: '2026-02-30' }), 'startDate'],
      ['an unknown enrollment mode', () => ({ enrollmentMode: 'lottery' }), 'enrollmentMode'],
      ['a completion share over 100 %', () => ({ completionAttendancePercent: 101 }), 'completionAttendancePercent'],
      [
        'an unknown co-facilitator',
        () => ({ coFacilitators: ['00000000-0000-4000-8000-000000000000'] }),
        'coFacilitators.0',
      ],
      ['a blank title', () => ({ title: '   ' }), 'title'],
    ])('refuses %s with 400 naming the field, writing nothing', async (_, change, field) => {
      const creator = await api.make.user();
      const { moduleIds, body } = await course(creator);
      const res = await as(creator).post('/cohorts', { ...body, ...change(moduleIds, body) });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      const [{ count }] = await api.db.query('SELECT count(*)::int AS count FROM cohorts WHERE created_by = $1', [
        creator.user.id,
      ]);
      expect(count).toBe(0);
      const events = await api.db.query(
        `SELECT 1 FROM outbox_events WHERE type = 'cohort.created' AND payload->>'createdBy' = $1`,
        [creator.user.id],
      );
      expect(events).toHaveLength(0);
    });

    it('refuses a course version that is not published, naming courseVersionId', async () => {
      const creator = await api.make.user();
      const { body } = await course(creator);
      const { course: draft } = await api.make.course(creator, { published: false });
      for (const courseVersionId of [draft.id, '00000000-0000-4000-8000-000000000000']) {
        const res = await as(creator).post('/cohorts', { ...body, courseVersionId });
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['courseVersionId']);
      }
    });

    it('refuses the creator listed as their own co-facilitator, and anyone listed twice', async () => {
      const creator = await api.make.user();
      const co = await api.make.user();
      const { body } = await course(creator);
      const res = await as(creator).post('/cohorts', {
        ...body,
        coFacilitators: [creator.user.id, co.user.id, co.user.id],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['coFacilitators.0', 'coFacilitators.2']);
    });
  });

  describe('GET /cohorts/:cohortId', () => {
    it('shows the public face to anyone, and the invite link to facilitators only', async () => {
      const facilitator = await api.make.user();
      const { cohort } = await api.make.cohort(facilitator, { capacity: 10 });
      const learner = await api.make.user();
      await api.make.enrollment(cohort, learner);
      const outsider = await api.make.user();

      const seen = await as(outsider).get(`/cohorts/${cohort.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ enrolledCount: 1, seatsLeft: 9, membership: null, forFacilitators: null });
      expect(JSON.stringify(seen.body)).not.toContain(cohort.inviteCode);
      expect(seen.body.modules).toHaveLength(3);

      const own = await as(learner).get(`/cohorts/${cohort.id}`);
      expect(own.body).toMatchObject({ membership: { role: 'learner', status: 'active' }, forFacilitators: null });
      expect(JSON.stringify(own.body)).not.toContain(cohort.inviteCode);
    });

    it('does not exist for outsiders when it is invite-only (404), and a malformed id is 400', async () => {
      const facilitator = await api.make.user();
      const { cohort } = await api.make.cohort(facilitator, { enrollmentMode: EnrollmentMode.Invite });
      const outsider = await api.make.user();
      const res = await as(outsider).get(`/cohorts/${cohort.id}`);
      expect(res.status).toBe(404);
      expect((await as(outsider).get('/cohorts/not-a-uuid')).status).toBe(400);
    });
  });

  describe('PATCH /cohorts/:cohortId', () => {
    it('edits fields, recording which; moving the start date moves every deadline and says so', async () => {
      const facilitator = await api.make.user();
      const { cohort, modules } = await api.make.cohort(facilitator);
      const title = await as(facilitator).patch(`/cohorts/${cohort.id}`, { title: 'Biogas, autumn', capacity: 100 });
      expect(title.status).toBe(200);
      expect(title.body.title).toBe('Biogas, autumn');

      const moved = await as(facilitator).patch(`/cohorts/${cohort.id}`, { startDate: '2026-03-09' });
      expect(moved.status).toBe(200);
      expect(moved.body.modules[0]).toMatchObject({ releaseDate: '2026-03-09', dueDate: '2026-03-15' });
      expect(await outboxOf(cohort.id)).toEqual([
        { type: 'cohort.updated', payload: { cohortId: cohort.id, fields: ['title'] } },
        { type: 'cohort.updated', payload: { cohortId: cohort.id, fields: ['startDate'] } },
        {
          type: 'cohort.schedule-changed',
          payload: { cohortId: cohort.id, moduleIds: modules.map((m) => m.moduleId) },
        },
      ]);
    });

    it('keeps capacity at or above the learners enrolled (400 naming capacity)', async () => {
      const facilitator = await api.make.user();
      const { cohort } = await api.make.cohort(facilitator);
      await api.make.enrollment(cohort, await api.make.user());
      await api.make.enrollment(cohort, await api.make.user());
      const res = await as(facilitator).patch(`/cohorts/${cohort.id}`, { capacity: 1, title: 'Smaller' });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['capacity']);
      const [row] = await api.db.query('SELECT capacity, title FROM cohorts WHERE id = $1', [cohort.id]);
      expect(row).toEqual({ capacity: 100, title: cohort.title });
      expect(await outboxOf(cohort.id)).toEqual([]);
    });

    it('is for facilitators: a learner gets 403, an outsider of an invite-only cohort 404', async () => {
      const facilitator = await api.make.user();
      const { cohort } = await api.make.cohort(facilitator, { enrollmentMode: EnrollmentMode.Invite });
      const learner = await api.make.user();
      await api.make.enrollment(cohort, learner);
      expect((await as(learner).patch(`/cohorts/${cohort.id}`, { title: 'Mine now' })).status).toBe(403);
      expect((await as(await api.make.user()).patch(`/cohorts/${cohort.id}`, { title: 'x' })).status).toBe(404);
      expect(await outboxOf(cohort.id)).toEqual([]);
    });
  });

  describe('moving one module', () => {
    it('moves its dates and records a schedule change naming it', async () => {
      const facilitator = await api.make.user();
      const { cohort, modules } = await api.make.cohort(facilitator);
      const moduleId = modules[1]!.moduleId;
      const res = await as(facilitator).put(`/cohorts/${cohort.id}/modules/${moduleId}/schedule`, {
        releaseOffsetDays: 8,
        dueOffsetDays: 20,
      });
      expect(res.status).toBe(200);
      expect(res.body.modules[1]).toMatchObject({ releaseDate: '2026-03-10', dueDate: '2026-03-22' });
      expect(await outboxOf(cohort.id)).toEqual([
        { type: 'cohort.schedule-changed', payload: { cohortId: cohort.id, moduleIds: [moduleId] } },
      ]);
    });

    it('refuses a due day before the release day (400), an unknown module (404), and learners (403)', async () => {
      const facilitator = await api.make.user();
      const { cohort, modules } = await api.make.cohort(facilitator);
      const learner = await api.make.user();
      await api.make.enrollment(cohort, learner);
      const path = `/cohorts/${cohort.id}/modules/${modules[0]!.moduleId}/schedule`;
      const early = await as(facilitator).put(path, { releaseOffsetDays: 5, dueOffsetDays: 4 });
      expect(early.status).toBe(400);
      expect(early.body.errors.map((e: { field: string }) => e.field)).toEqual(['dueOffsetDays']);
      const unknown = await as(facilitator).put(
        `/cohorts/${cohort.id}/modules/00000000-0000-4000-8000-000000000000/schedule`,
        { releaseOffsetDays: 0, dueOffsetDays: 4 },
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('module_not_in_cohort');
      expect((await as(learner).put(path, { releaseOffsetDays: 0, dueOffsetDays: 9 })).status).toBe(403);
      const [row] = await api.db.query(
        'SELECT due_offset_days FROM cohort_modules WHERE cohort_id = $1 AND module_id = $2',
        [cohort.id, modules[0]!.moduleId],
      );
      expect(row.due_offset_days).toBe(6);
      expect(await outboxOf(cohort.id)).toEqual([]);
    });
  });

  describe('personal data', () => {
    it('exports a person’s cohorts, and erasing their account erases the text of their posts only', async () => {
      api.clock.set('2026-03-03T12:00:00Z');
      const facilitator = await api.make.user();
      const { cohort, modules } = await api.make.cohort(facilitator);
      const learner = await api.make.user();
      await api.make.enrollment(cohort, learner);
      await as(learner).post(`/cohorts/${cohort.id}/modules/${modules[0]!.moduleId}/complete`);
      await as(facilitator).put(
        `/cohorts/${cohort.id}/learners/${learner.user.id}/extensions/${modules[1]!.moduleId}`,
        {
          extraDays: 2,
        },
      );
      // A thread opened by the facilitator, with one reply by the learner.
      const [thread] = await api.db.query(
        `INSERT INTO discussion_threads (cohort_id, author_id, title, reply_count, last_activity_at, created_at)
         VALUES ($1, $2, 'Trench depth?', 1, '2026-03-03T11:00:00Z', '2026-03-03T10:00:00Z') RETURNING id`,
        [cohort.id, facilitator.user.id],
      );
      await api.db.query(
        `INSERT INTO discussion_posts (thread_id, cohort_id, author_id, body, body_html, created_at) VALUES
           ($1, $2, $3, 'How deep?', '<p>How deep?</p>', '2026-03-03T10:00:00Z'),
           ($1, $2, $4, 'One metre, in Achocalla.', '<p>One metre, in Achocalla.</p>', '2026-03-03T11:00:00Z')`,
        [thread.id, cohort.id, facilitator.user.id, learner.user.id],
      );

      const exported = await as(learner).get(`/users/${learner.user.id}/export`);
      expect(exported.status).toBe(200);
      expect(exported.body.sections.cohorts).toMatchObject({
        memberships: [{ cohortId: cohort.id, cohortTitle: cohort.title, role: 'learner', status: 'active' }],
        moduleCompletions: [{ cohortId: cohort.id, moduleId: modules[0]!.moduleId, moduleTitle: 'Module 1' }],
        extensions: [{ cohortId: cohort.id, moduleId: modules[1]!.moduleId, extraDays: 2 }],
        threads: [],
        posts: [{ threadId: thread.id, body: 'One metre, in Achocalla.', deletedAt: null }],
        announcements: [],
      });

      const deleted = await as(learner).delete(`/users/${learner.user.id}`, { password: learner.password });
      expect(deleted.status).toBe(204);
      const posts = await api.db.query(
        'SELECT author_id, body, body_html, deleted_at FROM discussion_posts WHERE thread_id = $1 ORDER BY created_at',
        [thread.id],
      );
      expect(posts).toEqual([
        { author_id: facilitator.user.id, body: 'How deep?', body_html: '<p>How deep?</p>', deleted_at: null },
        { author_id: learner.user.id, body: '', body_html: '', deleted_at: new Date('2026-03-03T12:00:00Z') },
      ]);
      const [counts] = await api.db.query(
        'SELECT reply_count, last_activity_at FROM discussion_threads WHERE id = $1',
        [thread.id],
      );
      expect(counts).toEqual({ reply_count: 0, last_activity_at: new Date('2026-03-03T10:00:00Z') });
      const events = await api.db.query(
        `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'discussion.post-deleted'`,
        [cohort.id],
      );
      expect(events).toHaveLength(1);
      // The place in the cohort stays (the account is anonymized, not removed).
      const [member] = await api.db.query('SELECT status FROM cohort_members WHERE cohort_id = $1 AND user_id = $2', [
        cohort.id,
        learner.user.id,
      ]);
      expect(member).toEqual({ status: 'active' });
    });
  });
});
