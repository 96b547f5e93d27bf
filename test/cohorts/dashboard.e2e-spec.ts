import { DeadlineMode, EnrollmentMode, type Cohort, type ScheduledModule } from '@app/cohorts';
import { countStatements } from '@app/core/testing';
import { type StudyGroup } from '@app/groups';
import { signedIn, startTestApi, v1, type TestApi } from '../support/api-app';
import type { CohortSpec, MadeUser } from '../support/factories';

interface Row {
  userId: string;
  displayName: string;
  email: string;
  timeZone: string;
  group: { id: string; number: number } | null;
  metrics: Record<string, number>;
  flags: { missedDeadline: boolean; inactive: boolean; noGroup: boolean };
  atRisk: boolean;
  lastActiveAt: string | null;
}

describe('the facilitator dashboard', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);
  const sql = (text: string, values: unknown[] = []) => api.db.query(text, values);

  interface Setup {
    facilitator: MadeUser;
    cohort: Cohort;
    modules: ScheduledModule[];
  }

  /** A cohort starting Monday 2 March 2026 (UTC): module i released on day 7i, due on day 7i+6 at 23:59. */
  async function setup(spec: CohortSpec = {}): Promise<Setup> {
    const facilitator = await api.make.user({ displayName: 'Facilitator' });
    const { cohort, modules } = await api.make.cohort(facilitator, {
      startDate: '2026-03-02',
      capacity: 2000,
      ...spec,
    });
    return { facilitator, cohort, modules };
  }

  /** An active learner, enrolled on `enrolledAt` (default 20 February), last active when told (default never). */
  async function learner(
    cohort: Cohort,
    spec: { displayName?: string; timeZone?: string; enrolledAt?: string; lastActiveAt?: string | null } = {},
  ): Promise<MadeUser> {
    const person = await api.make.user({ displayName: spec.displayName, timeZone: spec.timeZone ?? 'UTC' });
    await api.make.enrollment(cohort, person);
    await sql(
      'UPDATE cohort_members SET status_changed_at = $3, last_active_at = $4 WHERE cohort_id = $1 AND user_id = $2',
      [cohort.id, person.user.id, spec.enrolledAt ?? '2026-02-20T00:00:00Z', spec.lastActiveAt ?? null],
    );
    return person;
  }

  const cohortGroup = (setup: Setup, number: number, members: MadeUser[]): Promise<StudyGroup> =>
    api.make.cohortGroup(setup.cohort, setup.facilitator, members, { number, capacity: 50 });

  async function meeting(groupId: string, startsAt: string, status = 'scheduled'): Promise<string> {
    const [row] = await sql(
      `INSERT INTO meetings (group_id, local_date, local_time, time_zone, starts_at, duration_minutes, status)
       VALUES ($1, ($2::timestamptz AT TIME ZONE 'UTC')::date, '18:00', 'UTC', $2, 60, $3) RETURNING id`,
      [groupId, startsAt, status],
    );
    return (row as { id: string }).id;
  }

  const attend = (meetingId: string, who: MadeUser, attended: boolean, by: MadeUser) =>
    sql('INSERT INTO meeting_attendance (meeting_id, user_id, attended, recorded_by) VALUES ($1, $2, $3, $4)', [
      meetingId,
      who.user.id,
      attended,
      by.user.id,
    ]);

  async function posts(cohort: Cohort, who: MadeUser, count: number, deleted = 0): Promise<void> {
    const [thread] = await sql(
      `INSERT INTO discussion_threads (cohort_id, author_id, title, last_activity_at)
       VALUES ($1, $2, 'Hello', now()) RETURNING id`,
      [cohort.id, who.user.id],
    );
    await sql(
      `INSERT INTO discussion_posts (thread_id, cohort_id, author_id, body, body_html, created_at, deleted_at)
       SELECT $1, $2, $3, 'Hi', '<p>Hi</p>', now(), CASE WHEN i <= $5 THEN now() END FROM generate_series(1, $4) i`,
      [(thread as { id: string }).id, cohort.id, who.user.id, count, deleted],
    );
  }

  const complete = (setup: Setup, who: MadeUser, ...positions: number[]) =>
    sql(
      `INSERT INTO module_completions (cohort_id, user_id, module_id, completed_at)
       SELECT $1, $2, unnest($3::uuid[]), now()`,
      [setup.cohort.id, who.user.id, positions.map((p) => setup.modules[p]!.moduleId)],
    );

  const extend = (setup: Setup, who: MadeUser, position: number, days: number) =>
    sql(
      `INSERT INTO deadline_extensions (cohort_id, user_id, module_id, extra_days, granted_by, granted_at)
       VALUES ($1, $2, $3, $4, $5, now())`,
      [setup.cohort.id, who.user.id, setup.modules[position]!.moduleId, days, setup.facilitator.user.id],
    );

  async function dashboard(setup: Setup, query = ''): Promise<{ summary: Record<string, number>; items: Row[] }> {
    const res = await as(setup.facilitator).get(`/cohorts/${setup.cohort.id}/dashboard${query}`);
    expect(res.status).toBe(200);
    return res.body;
  }
  const rowOf = (items: Row[], who: MadeUser): Row => items.find((r) => r.userId === who.user.id)!;

  describe('at-risk flags', () => {
    it('flags a learner past a due date, not the same learner with an extension, nor one who completed', async () => {
      const s = await setup();
      const late = await learner(s.cohort, { lastActiveAt: '2026-03-09T10:00:00Z' });
      const extended = await learner(s.cohort, { lastActiveAt: '2026-03-09T10:00:00Z' });
      const done = await learner(s.cohort, { lastActiveAt: '2026-03-09T10:00:00Z' });
      await cohortGroup(s, 1, [late, extended, done]);
      await extend(s, extended, 0, 3);
      await complete(s, done, 0);

      // Tuesday 10 March: module 1 was due Sunday 8 March 23:59 (UTC); the extension moves it to 11 March.
      api.clock.set('2026-03-10T12:00:00Z');
      const first = await dashboard(s);
      let items = first.items;
      const summary = first.summary;
      expect(rowOf(items, late).flags).toEqual({
        missedDeadline: true,
        inactive: false,
        noGroup: false,
        reviewsOwed: false,
      });
      expect(rowOf(items, late).metrics).toMatchObject({ modulesReleased: 2, modulesCompleted: 0, modulesOverdue: 1 });
      expect(rowOf(items, extended).flags.missedDeadline).toBe(false);
      expect(rowOf(items, done).flags.missedDeadline).toBe(false);
      expect(rowOf(items, done).metrics.modulesCompleted).toBe(1);
      expect(summary).toEqual({ learners: 3, atRisk: 1, missedDeadline: 1, inactive: 0, noGroup: 0, reviewsOwed: 0 });

      // Once the extension has run out too.
      api.clock.set('2026-03-12T00:00:00Z');
      ({ items } = await dashboard(s));
      expect(rowOf(items, extended).flags.missedDeadline).toBe(true);
    });

    it('reads the deadline at the end of each learner’s own day in learner-local mode', async () => {
      const s = await setup({ deadlineMode: DeadlineMode.LearnerLocal });
      const tokyo = await learner(s.cohort, { timeZone: 'Asia/Tokyo' });
      const laPaz = await learner(s.cohort, { timeZone: 'America/La_Paz' });

      // 23:30 UTC on Sunday 8 March: 08:30 Monday in Tokyo (past its 23:59), 19:30 Sunday in La Paz (not yet).
      api.clock.set('2026-03-08T23:30:00Z');
      let { items } = await dashboard(s);
      expect(rowOf(items, tokyo).flags.missedDeadline).toBe(true);
      expect(rowOf(items, laPaz).flags.missedDeadline).toBe(false);

      // 23:59 in La Paz is 03:59 UTC on Monday.
      api.clock.set('2026-03-09T03:58:00Z');
      ({ items } = await dashboard(s));
      expect(rowOf(items, laPaz).flags.missedDeadline).toBe(false);
      api.clock.set('2026-03-09T04:00:00Z');
      ({ items } = await dashboard(s));
      expect(rowOf(items, laPaz).flags.missedDeadline).toBe(true);
    });

    it('flags 7 days without activity, but not a learner who enrolled less than 7 days ago', async () => {
      const s = await setup();
      const quiet = await learner(s.cohort, { lastActiveAt: '2026-03-12T11:00:00Z' });
      const busy = await learner(s.cohort, { lastActiveAt: '2026-03-18T09:00:00Z' });
      const neverSinceLongAgo = await learner(s.cohort, { enrolledAt: '2026-03-05T00:00:00Z' });
      const newcomer = await learner(s.cohort, { enrolledAt: '2026-03-15T00:00:00Z' });

      api.clock.set('2026-03-19T12:00:00Z');
      const { items, summary } = await dashboard(s);
      expect(rowOf(items, quiet).flags.inactive).toBe(true);
      expect(rowOf(items, busy).flags.inactive).toBe(false);
      expect(rowOf(items, neverSinceLongAgo).flags.inactive).toBe(true);
      expect(rowOf(items, newcomer).flags.inactive).toBe(false);
      expect(rowOf(items, quiet).lastActiveAt).toBe('2026-03-12T11:00:00.000Z');
      expect(summary.inactive).toBe(2);
      // Nobody is in a group yet.
      expect(summary.noGroup).toBe(4);
    });
  });

  describe('counts', () => {
    it('counts completions, attendance at the group’s held meetings, and posts in this cohort only', async () => {
      const s = await setup();
      const amaru = await learner(s.cohort, { displayName: 'Amaru' });
      const other = await learner(s.cohort, { displayName: 'Other' });
      const group = await cohortGroup(s, 1, [amaru]);
      const held1 = await meeting(group.id, '2026-03-03T18:00:00Z');
      const held2 = await meeting(group.id, '2026-03-10T18:00:00Z');
      const cancelled = await meeting(group.id, '2026-03-05T18:00:00Z', 'cancelled');
      await meeting(group.id, '2026-03-24T18:00:00Z');
      await attend(held1, amaru, true, s.facilitator);
      await attend(held2, amaru, false, s.facilitator);
      await attend(cancelled, amaru, true, s.facilitator);
      // A meeting of a study group that is not the cohort's does not count.
      const outside = await api.make.group(s.facilitator);
      await attend(await meeting(outside.id, '2026-03-04T18:00:00Z'), amaru, true, s.facilitator);
      await complete(s, amaru, 0, 1);
      await posts(s.cohort, amaru, 4, 1);
      const elsewhere = await setup();
      await posts(elsewhere.cohort, amaru, 5);

      api.clock.set('2026-03-17T12:00:00Z');
      const { items } = await dashboard(s);
      expect(rowOf(items, amaru)).toMatchObject({
        displayName: 'Amaru',
        email: amaru.user.email,
        timeZone: 'UTC',
        group: { id: group.id, number: 1 },
        metrics: {
          modulesReleased: 3,
          modulesCompleted: 2,
          modulesOverdue: 0,
          meetingsAttended: 1,
          meetingsHeld: 2,
          posts: 3,
        },
      });
      expect(rowOf(items, other)).toMatchObject({
        group: null,
        metrics: { modulesCompleted: 0, meetingsAttended: 0, meetingsHeld: 0, posts: 0 },
        flags: { noGroup: true },
      });
      // Facilitators are not rows; withdrawn learners neither.
      expect(items).toHaveLength(2);
    });

    it('leaves out learners who withdrew or wait for approval', async () => {
      const s = await setup();
      const active = await learner(s.cohort);
      const gone = await learner(s.cohort);
      await sql(`UPDATE cohort_members SET status = 'withdrawn' WHERE cohort_id = $1 AND user_id = $2`, [
        s.cohort.id,
        gone.user.id,
      ]);
      api.clock.set('2026-03-03T12:00:00Z');
      const { items, summary } = await dashboard(s);
      expect(items.map((r) => r.userId)).toEqual([active.user.id]);
      expect(summary.learners).toBe(1);
    });
  });

  describe('filters and sorting', () => {
    let s: Setup;
    let zoe: MadeUser;
    let elodie: MadeUser;
    let group: StudyGroup;

    beforeAll(async () => {
      s = await setup();
      zoe = await learner(s.cohort, { displayName: 'Zoë Adams', lastActiveAt: '2026-03-09T00:00:00Z' });
      elodie = await learner(s.cohort, { displayName: 'Élodie Martin', lastActiveAt: '2026-03-10T00:00:00Z' });
      await learner(s.cohort, { displayName: 'amaru quispe', enrolledAt: '2026-03-06T00:00:00Z' });
      group = await cohortGroup(s, 1, [zoe, elodie]);
      await posts(s.cohort, zoe, 1);
      await posts(s.cohort, elodie, 3);
      await complete(s, elodie, 0);
    });
    beforeEach(() => api.clock.set('2026-03-10T12:00:00Z'));

    const names = async (query: string): Promise<string[]> =>
      (await dashboard(s, query)).items.map((r) => r.displayName);

    it('sorts by name by default, ignoring case and accents', async () => {
      expect(await names('')).toEqual(['amaru quispe', 'Élodie Martin', 'Zoë Adams']);
      expect(await names('?sort=name&order=desc')).toEqual(['Zoë Adams', 'Élodie Martin', 'amaru quispe']);
    });

    it('sorts by posts, completed modules, meetings and last activity', async () => {
      expect(await names('?sort=posts&order=desc')).toEqual(['Élodie Martin', 'Zoë Adams', 'amaru quispe']);
      expect(await names('?sort=modulesCompleted&order=desc')).toEqual(['Élodie Martin', 'amaru quispe', 'Zoë Adams']);
      expect(await names('?sort=meetingsAttended')).toEqual(['amaru quispe', 'Élodie Martin', 'Zoë Adams']);
      // Never active sorts as longest ago.
      expect(await names('?sort=lastActive')).toEqual(['amaru quispe', 'Zoë Adams', 'Élodie Martin']);
      expect(await names('?sort=lastActive&order=desc')).toEqual(['Élodie Martin', 'Zoë Adams', 'amaru quispe']);
    });

    it('filters by flag, group and name, and keeps the summary over everyone', async () => {
      expect(await names('?flag=no-group')).toEqual(['amaru quispe']);
      expect(await names('?flag=missed-deadline')).toEqual(['amaru quispe', 'Zoë Adams']);
      expect(await names('?flag=at-risk&sort=name&order=desc')).toEqual(['Zoë Adams', 'amaru quispe']);
      expect(await names('?flag=inactive')).toEqual([]);
      expect(await names(`?groupId=${group.id}`)).toEqual(['Élodie Martin', 'Zoë Adams']);
      expect(await names('?q=ELO')).toEqual(['Élodie Martin']);
      expect(await names(`?q=e&groupId=${group.id}&flag=missed-deadline`)).toEqual(['Zoë Adams']);
      const { summary, items } = await dashboard(s, '?flag=no-group');
      expect(items).toHaveLength(1);
      expect(summary).toEqual({ learners: 3, atRisk: 2, missedDeadline: 2, inactive: 0, noGroup: 1, reviewsOwed: 0 });
    });

    it.each([
      ['?flag=late', 'flag'],
      ['?flag=missed-deadline&flag=inactive', 'flag'],
      ['?sort=age', 'sort'],
      ['?order=up', 'order'],
      ['?groupId=42', 'groupId'],
      ['?q=', 'q'],
      [`?q=${'x'.repeat(81)}`, 'q'],
      ['?page=2', 'page'],
    ])('refuses %s naming %s', async (query, field) => {
      for (const path of ['dashboard', 'dashboard.csv']) {
        const res = await as(s.facilitator).get(`/cohorts/${s.cohort.id}/${path}${query}`);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
      }
    });
  });

  describe('CSV export', () => {
    it('sends the same learners as a CSV file, quoted per RFC 4180, with formulas defused', async () => {
      const s = await setup({ title: 'Biogas, spring cohort' });
      const comma = await learner(s.cohort, {
        displayName: 'Quispe, Amaru "Ama"',
        lastActiveAt: '2026-03-09T00:00:00Z',
      });
      const formula = await learner(s.cohort, { displayName: '=HYPERLINK("http://evil.example","x")' });
      const plus = await learner(s.cohort, { displayName: '+1 234' });
      const at = await learner(s.cohort, { displayName: '@SUM(A1)' });
      const minus = await learner(s.cohort, { displayName: '-2+3' });
      await cohortGroup(s, 7, [comma]);
      await posts(s.cohort, comma, 2);

      api.clock.set('2026-03-10T12:00:00Z');
      const res = await as(s.facilitator).get(`/cohorts/${s.cohort.id}/dashboard.csv?sort=name`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="biogas-spring-cohort-dashboard-2026-03-10.csv"',
      );
      const text = res.text;
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines.pop()).toBe('');
      expect(lines[0]).toBe(
        'User id,Name,Email,Time zone,Group,Modules released,Modules completed,Modules overdue,Meetings attended,' +
          'Meetings held (their group),Posts,' +
          // Peer review's columns, contributed through the dashboard's column registry.
          'Submissions made,Reviews given,Reviews required,Reviews received,Reviews missed (closed windows),' +
          'Average score (%),' +
          'Last active (UTC),Enrolled (UTC),Completed (UTC),Missed a deadline,' +
          'Inactive 7 days,No group,Reviews owed,At risk',
      );
      expect(lines).toHaveLength(6);
      const line = (who: MadeUser) => lines.find((l) => l.startsWith(who.user.id))!;
      expect(line(comma)).toBe(
        `${comma.user.id},"Quispe, Amaru ""Ama""",${comma.user.email},UTC,7,2,0,1,0,0,2,0,0,0,0,0,,` +
          '2026-03-09T00:00:00.000Z,2026-02-20T00:00:00.000Z,,yes,no,no,no,yes',
      );
      expect(line(formula)).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
      expect(line(plus)).toContain(`,'+1 234,`);
      expect(line(at)).toContain(`,'@SUM(A1),`);
      expect(line(minus)).toContain(`,'-2+3,`);

      // The same filters as the JSON.
      const filtered = await as(s.facilitator).get(`/cohorts/${s.cohort.id}/dashboard.csv?flag=no-group&q=sum`);
      expect(filtered.status).toBe(200);
      const filteredLines = filtered.text.split('\r\n').filter(Boolean);
      expect(filteredLines).toHaveLength(2);
      expect(filteredLines[1]).toContain(at.user.id);
    });
  });

  describe('who may see it', () => {
    it('is for the cohort’s facilitators and admins: learners 403, others 403 (404 when invite-only)', async () => {
      const s = await setup();
      const student = await learner(s.cohort);
      const other = await setup();
      const admin = await api.make.admin();
      const outsider = await api.make.user();
      for (const path of ['dashboard', 'dashboard.csv']) {
        const url = `/cohorts/${s.cohort.id}/${path}`;
        expect((await as(student).get(url)).status).toBe(403);
        expect((await as(other.facilitator).get(url)).status).toBe(403);
        expect((await as(outsider).get(url)).status).toBe(403);
        expect((await as(admin).get(url)).status).toBe(200);
        expect((await api.http().get(v1(url))).status).toBe(401);
      }
      const bad = await as(s.facilitator).get('/cohorts/not-a-uuid/dashboard');
      expect(bad.status).toBe(400);
      expect(bad.body.errors[0].field).toBe('cohortId');

      const hidden = await setup({ enrollmentMode: EnrollmentMode.Invite });
      for (const path of ['dashboard', 'dashboard.csv']) {
        const res = await as(other.facilitator).get(`/cohorts/${hidden.cohort.id}/${path}`);
        expect(res.status).toBe(404);
      }
      // A learner of the invite-only cohort knows it exists, and is refused.
      const insider = await learner(hidden.cohort);
      expect((await as(insider).get(`/cohorts/${hidden.cohort.id}/dashboard`)).status).toBe(403);
    });
  });

  describe('cost', () => {
    /**
     * Bulk SQL (make.user hashes a password and logs in: far too slow for 1,000): `n` learners in four zones, a
     * group per 40 learners (one in ten in none), four weekly meetings per group with attendance, posts,
     * completions and extensions, all varied by position.
     */
    async function seedLearners(s: Setup, n: number): Promise<void> {
      await sql(
        `WITH people AS (
           INSERT INTO users (email, display_name, time_zone)
           SELECT 'bulk-' || $3 || '-' || i || '@example.org', 'Learner ' || i,
                  (ARRAY['UTC', 'Asia/Tokyo', 'America/La_Paz', 'Asia/Kathmandu'])[1 + i % 4]
             FROM generate_series(1, $1) i
           RETURNING id, display_name)
         INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at, last_active_at)
         SELECT $2, id, 'learner', 'active', '2026-02-20', '2026-02-20',
                CASE WHEN substring(display_name from 9)::int % 3 <> 0 THEN timestamptz '2026-03-18' END
           FROM people`,
        [n, s.cohort.id, s.cohort.id.slice(0, 8)],
      );
      await sql('UPDATE cohorts SET enrolled_count = $2 WHERE id = $1', [s.cohort.id, n]);
      for (let number = 1; number <= Math.ceil(n / 40); number += 1) await cohortGroup(s, number, []);
      await sql(
        `WITH learners AS (
           SELECT user_id, row_number() OVER (ORDER BY user_id) AS k FROM cohort_members
            WHERE cohort_id = $1 AND role = 'learner'),
         groups AS (SELECT group_id, number FROM cohort_groups WHERE cohort_id = $1)
         INSERT INTO group_members (group_id, user_id, role, status)
         SELECT g.group_id, l.user_id, 'member', 'active'
           FROM learners l JOIN groups g ON g.number = 1 + l.k % (SELECT count(*) FROM groups)
          WHERE l.k % 10 <> 0`,
        [s.cohort.id],
      );
      await sql(
        `UPDATE study_groups g SET member_count = 1 + (SELECT count(*) FROM group_members m
            WHERE m.group_id = g.id AND m.role = 'member')
          WHERE g.id IN (SELECT group_id FROM cohort_groups WHERE cohort_id = $1)`,
        [s.cohort.id],
      );
      await sql(
        `INSERT INTO meetings (group_id, local_date, local_time, time_zone, starts_at, duration_minutes)
         SELECT group_id, date '2026-03-03' + 7 * w, '18:00', 'UTC', timestamptz '2026-03-03 18:00Z' + w * interval '7 days', 60
           FROM cohort_groups, generate_series(0, 3) w WHERE cohort_id = $1`,
        [s.cohort.id],
      );
      await sql(
        `INSERT INTO meeting_attendance (meeting_id, user_id, attended, recorded_by)
         SELECT mt.id, gm.user_id, (hashtext(gm.user_id::text || mt.id::text) % 3) <> 0, $2
           FROM cohort_groups cg
           JOIN meetings mt ON mt.group_id = cg.group_id AND mt.starts_at < '2026-03-20'
           JOIN group_members gm ON gm.group_id = cg.group_id AND gm.role = 'member'
          WHERE cg.cohort_id = $1`,
        [s.cohort.id, s.facilitator.user.id],
      );
      const [thread] = await sql(
        `INSERT INTO discussion_threads (cohort_id, author_id, title, last_activity_at)
         VALUES ($1, $2, 'Introductions', now()) RETURNING id`,
        [s.cohort.id, s.facilitator.user.id],
      );
      await sql(
        `WITH learners AS (
           SELECT user_id, row_number() OVER (ORDER BY user_id) AS k FROM cohort_members
            WHERE cohort_id = $1 AND role = 'learner')
         INSERT INTO discussion_posts (thread_id, cohort_id, author_id, body, body_html, created_at, deleted_at)
         SELECT $2, $1, l.user_id, 'Hi', '<p>Hi</p>', now(), CASE WHEN p = 3 THEN now() END
           FROM learners l, generate_series(1, (l.k % 4)::int) p`,
        [s.cohort.id, (thread as { id: string }).id],
      );
      await sql(
        `WITH learners AS (
           SELECT user_id, row_number() OVER (ORDER BY user_id) AS k FROM cohort_members
            WHERE cohort_id = $1 AND role = 'learner')
         INSERT INTO module_completions (cohort_id, user_id, module_id, completed_at)
         SELECT $1, l.user_id, m.module_id, now()
           FROM learners l JOIN cohort_modules m ON m.cohort_id = $1 AND m.position < l.k % 3`,
        [s.cohort.id],
      );
      await sql(
        `INSERT INTO deadline_extensions (cohort_id, user_id, module_id, extra_days, granted_by, granted_at)
         SELECT $1, user_id, $2, 5, $3, now() FROM cohort_members
          WHERE cohort_id = $1 AND role = 'learner' AND hashtext(user_id::text) % 5 = 0`,
        [s.cohort.id, s.modules[1]!.moduleId, s.facilitator.user.id],
      );
    }

    async function measured(
      s: Setup,
      path: string,
    ): Promise<{ count: number; statements: string[]; body: unknown; text: string }> {
      const counter = countStatements(api.db);
      try {
        const res = await as(s.facilitator).get(`/cohorts/${s.cohort.id}/${path}`);
        expect(res.status).toBe(200);
        return { count: counter.count, statements: [...counter.statements], body: res.body, text: res.text };
      } finally {
        counter.stop();
      }
    }

    it('runs the same few statements for 1,000 learners as for 10, and the figures add up', async () => {
      const big = await setup({ modules: 8 });
      const small = await setup({ modules: 8 });
      await seedLearners(big, 1000);
      await seedLearners(small, 10);
      api.clock.set('2026-03-20T12:00:00Z');

      const bigRun = await measured(big, 'dashboard');
      const smallRun = await measured(small, 'dashboard');
      const csvRun = await measured(big, 'dashboard.csv?flag=at-risk');
      expect(bigRun.count).toBeLessThanOrEqual(6);
      expect(bigRun.count).toBe(smallRun.count);
      // The very same statements: who is asking, may they, the cohort, the learners.
      expect(bigRun.statements).toEqual(smallRun.statements);
      // Counted where they go: the session check reads straight through the pool, not through TypeORM.
      expect(bigRun.statements[0]).toMatch(/FROM users u\s+WHERE u\.id = \$1/);
      expect(csvRun.count).toBe(bigRun.count);

      const { items, summary } = bigRun.body as { items: Row[]; summary: Record<string, number> };
      expect(items).toHaveLength(1000);
      const sum = (key: string) => items.reduce((total, row) => total + row.metrics[key]!, 0);
      const [facts] = await sql(
        `SELECT (SELECT count(*)::int FROM discussion_posts WHERE cohort_id = $1 AND deleted_at IS NULL) AS posts,
                (SELECT count(*)::int FROM module_completions WHERE cohort_id = $1) AS completions,
                (SELECT count(*)::int FROM meeting_attendance a JOIN meetings mt ON mt.id = a.meeting_id
                   JOIN cohort_groups cg ON cg.group_id = mt.group_id WHERE cg.cohort_id = $1 AND a.attended) AS attended,
                (SELECT count(*)::int FROM cohort_members m WHERE m.cohort_id = $1 AND m.role = 'learner'
                   AND NOT EXISTS (SELECT 1 FROM group_members gm JOIN cohort_groups cg ON cg.group_id = gm.group_id
                                    WHERE cg.cohort_id = $1 AND gm.user_id = m.user_id)) AS ungrouped`,
        [big.cohort.id],
      );
      expect({
        posts: sum('posts'),
        completions: sum('modulesCompleted'),
        attended: sum('meetingsAttended'),
        ungrouped: summary.noGroup,
      }).toEqual(facts);
      expect(summary.learners).toBe(1000);
      // Meetings of weeks 1-3 have started by 20 March, week 4's not.
      expect(items.filter((r) => r.group).every((r) => r.metrics.meetingsHeld === 3)).toBe(true);
      // Learners active on 18 March are not inactive; the others (never active, enrolled 20 February) are.
      expect(summary.inactive).toBe(items.filter((r) => r.lastActiveAt === null).length);
      expect(csvRun.text.split('\r\n').filter(Boolean)).toHaveLength(1 + summary.atRisk!);
    });

    it('counts honestly: a per-learner loop shows as one statement per learner', async () => {
      const s = await setup();
      await seedLearners(s, 1000);
      const ids = (await sql('SELECT user_id FROM cohort_members WHERE cohort_id = $1 AND role = $2', [
        s.cohort.id,
        'learner',
      ])) as { user_id: string }[];
      const counter = countStatements(api.db);
      try {
        for (const { user_id } of ids) {
          await api.db.query('SELECT count(*) FROM discussion_posts WHERE cohort_id = $1 AND author_id = $2', [
            s.cohort.id,
            user_id,
          ]);
        }
        await api.db.transaction((manager) => manager.query('SELECT 1'));
      } finally {
        counter.stop();
      }
      // 1,000 lookups, then BEGIN, SELECT 1, COMMIT.
      expect(counter.count).toBe(1003);
      expect(counter.statements.slice(-3)).toEqual(['START TRANSACTION', 'SELECT 1', 'COMMIT']);
    });
  });
});
