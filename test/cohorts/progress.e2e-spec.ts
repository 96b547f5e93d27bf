import { randomBytes } from 'node:crypto';
import { type Cohort, DeadlineMode, EnrollmentMode, EnrollmentStatus } from '@app/cohorts';
import { type StudyGroup } from '@app/groups';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { CohortSpec, MadeUser } from '../support/factories';

describe('a learner’s progress: deadlines where they live, extensions, completing modules and the cohort', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  const outboxOf = (cohortId: string, type: string) =>
    api.db.query<{ payload: Record<string, unknown> }[]>(
      'SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = $2 ORDER BY id',
      [cohortId, type],
    );

  interface Setup {
    facilitator: MadeUser;
    laPaz: MadeUser;
    kathmandu: MadeUser;
    cohort: Cohort;
    moduleIds: string[];
  }

  /**
   * A cohort starting Monday 2 March 2026 (UTC) with three weekly modules; a learner in La Paz (UTC-4) and one in
   * Kathmandu (UTC+5:45). Module 1 is released on 2 March and due on 8 March, 23:59.
   */
  async function setup(spec: CohortSpec = {}): Promise<Setup> {
    api.clock.set('2026-03-03T12:00:00Z');
    const facilitator = await api.make.user({ timeZone: 'UTC' });
    const { cohort, modules } = await api.make.cohort(facilitator, { timeZone: 'UTC', ...spec });
    const laPaz = await api.make.user({ displayName: 'Amaru', timeZone: 'America/La_Paz' });
    const kathmandu = await api.make.user({ displayName: 'Sita', timeZone: 'Asia/Kathmandu' });
    await api.make.enrollment(cohort, laPaz);
    await api.make.enrollment(cohort, kathmandu);
    return { facilitator, laPaz, kathmandu, cohort, moduleIds: modules.map((m) => m.moduleId) };
  }

  const me = async (cohortId: string, who: MadeUser) => {
    const res = await as(who).get(`/cohorts/${cohortId}/me`);
    expect(res.status).toBe(200);
    return res.body;
  };

  describe('deadlines', () => {
    it('learner-local: 23:59 where each learner lives, so La Paz and Kathmandu are due at different instants', async () => {
      const { cohort, laPaz, kathmandu } = await setup({ deadlineMode: DeadlineMode.LearnerLocal });
      const lp = await me(cohort.id, laPaz);
      const ktm = await me(cohort.id, kathmandu);
      expect(lp.modules[0]).toMatchObject({
        dueDate: '2026-03-08',
        dueAt: {
          utc: '2026-03-09T03:59:00.000Z',
          learner: { zone: 'America/La_Paz', local: '2026-03-08T23:59' },
          cohort: { zone: 'UTC', local: '2026-03-09T03:59' },
        },
      });
      expect(ktm.modules[0]).toMatchObject({
        dueDate: '2026-03-08',
        dueAt: { utc: '2026-03-08T18:14:00.000Z', learner: { zone: 'Asia/Kathmandu', local: '2026-03-08T23:59' } },
      });
      expect(lp).toMatchObject({ deadlineMode: 'learner-local', deadlineZone: 'America/La_Paz' });
      expect(ktm.deadlineZone).toBe('Asia/Kathmandu');
    });

    it('fixed: one instant for everyone, shown in each learner’s own time', async () => {
      const { cohort, laPaz, kathmandu } = await setup({ deadlineMode: DeadlineMode.Fixed });
      const lp = await me(cohort.id, laPaz);
      const ktm = await me(cohort.id, kathmandu);
      expect(lp.modules[0].dueAt.utc).toBe('2026-03-08T23:59:00.000Z');
      expect(ktm.modules[0].dueAt.utc).toBe('2026-03-08T23:59:00.000Z');
      expect(lp.modules[0].dueAt.learner.local).toBe('2026-03-08T19:59');
      expect(ktm.modules[0].dueAt.learner.local).toBe('2026-03-09T05:44');
      expect(lp.deadlineZone).toBe('UTC');
    });

    it('says what is due next and how many seconds are left, moving on once a deadline passes', async () => {
      const { cohort, laPaz, kathmandu, moduleIds } = await setup({ deadlineMode: DeadlineMode.LearnerLocal });
      api.clock.set('2026-03-08T12:00:00Z');
      expect((await me(cohort.id, kathmandu)).next).toMatchObject({
        moduleId: moduleIds[0],
        title: 'Module 1',
        released: true,
        secondsLeft: 6 * 3600 + 14 * 60, // until 18:14 UTC
        dueAt: { learner: { local: '2026-03-08T23:59' } },
      });
      expect((await me(cohort.id, laPaz)).next.secondsLeft).toBe(15 * 3600 + 59 * 60); // until 03:59 UTC

      // Past Kathmandu's midnight (01:44 on 9 March there, when module 2 opens), before La Paz's.
      api.clock.set('2026-03-08T20:00:00Z');
      const ktm = await me(cohort.id, kathmandu);
      expect(ktm.next).toMatchObject({ moduleId: moduleIds[1], released: true });
      expect(ktm.modules[1].releasesAt.learner.local).toBe('2026-03-09T00:00');
      expect(ktm.modules[0]).toMatchObject({ overdue: true, completedAt: null });
      expect((await me(cohort.id, laPaz)).next.moduleId).toBe(moduleIds[0]);

      // 23 March 00:00 UTC: the last deadline has passed in Kathmandu, not yet in La Paz (22 March, 20:00).
      api.clock.set('2026-03-23T00:00:00Z');
      expect((await me(cohort.id, kathmandu)).next).toBeNull();
      expect((await me(cohort.id, laPaz)).next).toMatchObject({
        moduleId: moduleIds[2],
        secondsLeft: 3 * 3600 + 59 * 60,
      });
    });

    it('counts opening one’s progress as activity', async () => {
      const { cohort, laPaz } = await setup();
      await me(cohort.id, laPaz);
      const [row] = await api.db.query(
        'SELECT last_active_at FROM cohort_members WHERE cohort_id = $1 AND user_id = $2',
        [cohort.id, laPaz.user.id],
      );
      expect(row.last_active_at).toEqual(new Date('2026-03-03T12:00:00Z'));
    });
  });

  describe('extensions', () => {
    it('moves only that learner’s due date, and taking it back restores it; both are events', async () => {
      const { cohort, facilitator, laPaz, kathmandu, moduleIds } = await setup({
        deadlineMode: DeadlineMode.LearnerLocal,
      });
      const path = `/cohorts/${cohort.id}/learners/${laPaz.user.id}/extensions/${moduleIds[0]}`;
      const granted = await as(facilitator).put(path, { extraDays: 2 });
      expect(granted.status).toBe(200);
      expect(granted.body.modules[0]).toMatchObject({
        extraDays: 2,
        dueDate: '2026-03-10',
        dueAt: { utc: '2026-03-11T03:59:00.000Z' },
      });
      expect((await me(cohort.id, laPaz)).modules[0].dueAt.utc).toBe('2026-03-11T03:59:00.000Z');
      expect((await me(cohort.id, kathmandu)).modules[0]).toMatchObject({
        extraDays: 0,
        dueAt: { utc: '2026-03-08T18:14:00.000Z' },
      });
      // Granting again replaces it.
      expect((await as(facilitator).put(path, { extraDays: 5 })).body.modules[0].dueDate).toBe('2026-03-13');

      expect((await as(facilitator).delete(path)).status).toBe(204);
      expect((await me(cohort.id, laPaz)).modules[0]).toMatchObject({
        extraDays: 0,
        dueAt: { utc: '2026-03-09T03:59:00.000Z' },
      });
      // Nothing left to take back: no second event.
      expect((await as(facilitator).delete(path)).status).toBe(204);

      const grant = { cohortId: cohort.id, userId: laPaz.user.id, moduleId: moduleIds[0] };
      expect((await outboxOf(cohort.id, 'cohort.extension-granted')).map((e) => e.payload)).toEqual([
        { ...grant, extraDays: 2 },
        { ...grant, extraDays: 5 },
      ]);
      expect((await outboxOf(cohort.id, 'cohort.extension-revoked')).map((e) => e.payload)).toEqual([
        { ...grant, revokedBy: facilitator.user.id },
      ]);
    });

    it('refuses extensions for people who are not active learners (404), bad days (400), and learners (403)', async () => {
      const { cohort, facilitator, laPaz, kathmandu, moduleIds } = await setup();
      const withdrawn = await api.make.user();
      await api.make.enrollment(cohort, withdrawn, { status: EnrollmentStatus.Withdrawn });
      for (const who of [facilitator, withdrawn, await api.make.user()]) {
        const res = await as(facilitator).put(
          `/cohorts/${cohort.id}/learners/${who.user.id}/extensions/${moduleIds[0]}`,
          { extraDays: 2 },
        );
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('not_enrolled');
      }
      const path = `/cohorts/${cohort.id}/learners/${laPaz.user.id}/extensions/${moduleIds[0]}`;
      for (const extraDays of [0, 366, 1.5]) {
        const res = await as(facilitator).put(path, { extraDays });
        expect(res.status).toBe(400);
        expect(res.body.errors[0].field).toBe('extraDays');
      }
      const unknownModule = await as(facilitator).put(
        `/cohorts/${cohort.id}/learners/${laPaz.user.id}/extensions/00000000-0000-4000-8000-000000000000`,
        { extraDays: 2 },
      );
      expect(unknownModule.body.code).toBe('module_not_in_cohort');
      expect((await as(kathmandu).put(path, { extraDays: 3 })).status).toBe(403);
      expect((await as(laPaz).put(path, { extraDays: 3 })).status).toBe(403);
      expect((await as(laPaz).delete(path)).status).toBe(403);
      expect(await api.db.query('SELECT 1 FROM deadline_extensions WHERE cohort_id = $1', [cohort.id])).toEqual([]);
      expect(await outboxOf(cohort.id, 'cohort.extension-granted')).toEqual([]);
    });
  });

  describe('reading someone else’s progress', () => {
    it('is for facilitators: another learner gets 403, an outsider of an invite-only cohort 404', async () => {
      const { cohort, facilitator, laPaz, kathmandu } = await setup({ enrollmentMode: EnrollmentMode.Invite });
      const path = `/cohorts/${cohort.id}/learners/${laPaz.user.id}/progress`;
      const seen = await as(facilitator).get(path);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ userId: laPaz.user.id, learnerZone: 'America/La_Paz', status: 'active' });
      expect((await as(kathmandu).get(path)).status).toBe(403);
      const outsider = await api.make.user();
      expect((await as(outsider).get(path)).status).toBe(404);
      expect((await as(outsider).get(`/cohorts/${cohort.id}/me`)).status).toBe(404);
      const notLearner = await as(facilitator).get(`/cohorts/${cohort.id}/learners/${outsider.user.id}/progress`);
      expect(notLearner.status).toBe(404);
      expect(notLearner.body.code).toBe('not_enrolled');
    });

    it('is not for learners of another cohort', async () => {
      const { cohort, laPaz } = await setup();
      const other = await setup();
      const res = await as(other.laPaz).get(`/cohorts/${cohort.id}/learners/${laPaz.user.id}/progress`);
      expect(res.status).toBe(403);
      expect((await as(other.laPaz).post(`/cohorts/${cohort.id}/modules/${other.moduleIds[0]}/complete`)).status).toBe(
        403,
      );
    });
  });

  describe('completing modules', () => {
    it('refuses a module before it is released for that learner (409)', async () => {
      const { cohort, laPaz, moduleIds } = await setup({ deadlineMode: DeadlineMode.LearnerLocal });
      // 9 March 02:00 UTC: released at midnight in Kathmandu, still 8 March 22:00 in La Paz.
      api.clock.set('2026-03-09T02:00:00Z');
      const res = await as(laPaz).post(`/cohorts/${cohort.id}/modules/${moduleIds[1]}/complete`);
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('module_not_released');
      expect(await api.db.query('SELECT 1 FROM module_completions WHERE cohort_id = $1', [cohort.id])).toEqual([]);
      expect(await outboxOf(cohort.id, 'cohort.module-completed')).toEqual([]);
    });

    it('records a completion once: twice is 200 both times, one row, one event', async () => {
      const { cohort, laPaz, moduleIds } = await setup();
      const path = `/cohorts/${cohort.id}/modules/${moduleIds[0]}/complete`;
      const first = await as(laPaz).post(path);
      expect(first.status).toBe(200);
      expect(first.body.modules[0]).toMatchObject({
        completedAt: { utc: '2026-03-03T12:00:00.000Z' },
        completedLate: false,
      });
      expect(first.body.modulesCompleted).toBe(1);
      api.clock.set('2026-03-04T12:00:00Z');
      const second = await as(laPaz).post(path);
      expect(second.status).toBe(200);
      expect(second.body.modules[0].completedAt.utc).toBe('2026-03-03T12:00:00.000Z');
      const rows = await api.db.query('SELECT user_id FROM module_completions WHERE cohort_id = $1', [cohort.id]);
      expect(rows).toEqual([{ user_id: laPaz.user.id }]);
      expect((await outboxOf(cohort.id, 'cohort.module-completed')).map((e) => e.payload)).toEqual([
        { cohortId: cohort.id, userId: laPaz.user.id, moduleId: moduleIds[0] },
      ]);
    });

    it('marks a completion after the (extended) due instant as late', async () => {
      const { cohort, facilitator, laPaz, kathmandu, moduleIds } = await setup();
      await as(facilitator).put(`/cohorts/${cohort.id}/learners/${laPaz.user.id}/extensions/${moduleIds[0]}`, {
        extraDays: 3,
      });
      api.clock.set('2026-03-10T12:00:00Z');
      const path = `/cohorts/${cohort.id}/modules/${moduleIds[0]}/complete`;
      expect((await as(laPaz).post(path)).body.modules[0].completedLate).toBe(false);
      expect((await as(kathmandu).post(path)).body.modules[0].completedLate).toBe(true);
    });

    it('is for active learners: facilitators and withdrawn learners get 404 not_enrolled, unknown modules 404', async () => {
      const { cohort, facilitator, laPaz, moduleIds } = await setup();
      const withdrawn = await api.make.user();
      await api.make.enrollment(cohort, withdrawn, { status: EnrollmentStatus.Withdrawn });
      expect((await as(withdrawn).post(`/cohorts/${cohort.id}/modules/${moduleIds[0]}/complete`)).status).toBe(403);
      const byFacilitator = await as(facilitator).post(`/cohorts/${cohort.id}/modules/${moduleIds[0]}/complete`);
      expect(byFacilitator.status).toBe(404);
      expect(byFacilitator.body.code).toBe('not_enrolled');
      const unknown = await as(laPaz).post(
        `/cohorts/${cohort.id}/modules/00000000-0000-4000-8000-000000000000/complete`,
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('module_not_in_cohort');
    });
  });

  describe('completing the cohort', () => {
    it('stamps completed_at once, with exactly one event, when the module rule holds', async () => {
      const { cohort, laPaz, kathmandu, moduleIds } = await setup({ completionModulePercent: 60 });
      api.clock.set('2026-03-17T12:00:00Z');
      const complete = (who: MadeUser, moduleId: string) =>
        as(who).post(`/cohorts/${cohort.id}/modules/${moduleId}/complete`);
      await complete(laPaz, moduleIds[0]!);
      expect((await me(cohort.id, laPaz)).completedAt).toBeNull();
      const done = await complete(laPaz, moduleIds[1]!); // 2 of 3 >= 60 %
      expect(done.body.completedAt).toMatchObject({ utc: '2026-03-17T12:00:00.000Z' });
      api.clock.set('2026-03-18T12:00:00Z');
      await complete(laPaz, moduleIds[2]!);
      await complete(laPaz, moduleIds[1]!);
      expect((await me(cohort.id, laPaz)).completedAt.utc).toBe('2026-03-17T12:00:00.000Z');
      await complete(kathmandu, moduleIds[0]!);

      const rows = await api.db.query(
        'SELECT user_id, completed_at FROM cohort_members WHERE cohort_id = $1 AND completed_at IS NOT NULL',
        [cohort.id],
      );
      expect(rows).toEqual([{ user_id: laPaz.user.id, completed_at: new Date('2026-03-17T12:00:00Z') }]);
      expect((await outboxOf(cohort.id, 'cohort.learner-completed')).map((e) => e.payload)).toEqual([
        { cohortId: cohort.id, userId: laPaz.user.id },
      ]);
      // The facilitator sees it on the cohort too.
      expect((await as(laPaz).get(`/cohorts/${cohort.id}`)).body.membership.completedAt.utc).toBe(
        '2026-03-17T12:00:00.000Z',
      );
    });

    it('relaxing the rules completes those who now meet them', async () => {
      const { cohort, facilitator, laPaz, moduleIds } = await setup();
      await as(laPaz).post(`/cohorts/${cohort.id}/modules/${moduleIds[0]}/complete`);
      expect(await outboxOf(cohort.id, 'cohort.learner-completed')).toEqual([]);
      const res = await as(facilitator).patch(`/cohorts/${cohort.id}`, { completionModulePercent: 30 });
      expect(res.status).toBe(200);
      expect((await outboxOf(cohort.id, 'cohort.learner-completed')).map((e) => e.payload)).toEqual([
        { cohortId: cohort.id, userId: laPaz.user.id },
      ]);
    });

    const cohortGroup = (cohort: Cohort, facilitator: MadeUser, learners: MadeUser[]): Promise<StudyGroup> =>
      api.make.cohortGroup(cohort, facilitator, learners, { name: 'Group 1' });

    it('with an attendance rule, completes the learner when attendance recorded in their group reaches it', async () => {
      const { cohort, facilitator, laPaz, kathmandu, moduleIds } = await setup({
        modules: 1,
        completionModulePercent: 100,
        completionAttendancePercent: 50,
      });
      const group = await cohortGroup(cohort, facilitator, [laPaz, kathmandu]);
      const added = await as(facilitator).post(`/groups/${group.id}/meetings`, {
        meetings: [
          { localDate: '2026-03-04', localTime: '18:00', durationMinutes: 60 },
          { localDate: '2026-03-05', localTime: '18:00', durationMinutes: 60 },
          { localDate: '2026-04-30', localTime: '18:00', durationMinutes: 60 },
        ],
      });
      expect(added.status).toBe(201);
      const [first, second] = added.body.items.map((m: { id: string }) => m.id);

      api.clock.set('2026-03-06T12:00:00Z');
      await as(laPaz).post(`/cohorts/${cohort.id}/modules/${moduleIds[0]}/complete`);
      await as(kathmandu).post(`/cohorts/${cohort.id}/modules/${moduleIds[0]}/complete`);
      expect(await outboxOf(cohort.id, 'cohort.learner-completed')).toEqual([]);

      // 1 of 2 held meetings (the one in April has not happened): 50 %.
      const recorded = await as(facilitator).put(`/meetings/${first}/attendance`, {
        records: [
          { userId: laPaz.user.id, attended: true },
          { userId: kathmandu.user.id, attended: false },
        ],
      });
      expect(recorded.status).toBe(200);
      expect((await outboxOf(cohort.id, 'cohort.learner-completed')).map((e) => e.payload)).toEqual([
        { cohortId: cohort.id, userId: laPaz.user.id },
      ]);
      expect((await me(cohort.id, kathmandu)).completedAt).toBeNull();

      // Recording again for the same learner completes no one twice.
      await as(facilitator).put(`/meetings/${second}/attendance`, {
        records: [
          { userId: laPaz.user.id, attended: true },
          { userId: kathmandu.user.id, attended: true },
        ],
      });
      expect((await outboxOf(cohort.id, 'cohort.learner-completed')).map((e) => e.payload.userId)).toEqual([
        laPaz.user.id,
        kathmandu.user.id,
      ]);
    });

    it('with an attendance rule, a learner in no group does not complete', async () => {
      const { cohort, laPaz, moduleIds } = await setup({ modules: 1, completionAttendancePercent: 10 });
      const res = await as(laPaz).post(`/cohorts/${cohort.id}/modules/${moduleIds[0]}/complete`);
      expect(res.status).toBe(200);
      expect(res.body.completedAt).toBeNull();
      expect(await outboxOf(cohort.id, 'cohort.learner-completed')).toEqual([]);
    });

    it('attendance in an ordinary study group touches no cohort', async () => {
      const facilitator = await api.make.user();
      const member = await api.make.user();
      const group = await api.make.group(facilitator, { name: `Plain ${randomBytes(3).toString('hex')}` });
      await api.make.membership(group, member);
      api.clock.set('2026-03-03T12:00:00Z');
      const added = await as(facilitator).post(`/groups/${group.id}/meetings`, {
        meetings: [{ localDate: '2026-03-04', localTime: '18:00', durationMinutes: 60 }],
      });
      api.clock.set('2026-03-06T12:00:00Z');
      const res = await as(facilitator).put(`/meetings/${added.body.items[0].id}/attendance`, {
        records: [{ userId: member.user.id, attended: true }],
      });
      expect(res.status).toBe(200);
    });
  });
});
