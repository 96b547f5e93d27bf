import { randomUUID } from 'node:crypto';
import { EnrollmentMode, EnrollmentStatus, type Cohort } from '@app/cohorts';
import type { AvailabilityWindow } from '@app/identity';
import { signedIn, startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

interface Window {
  weekday: number;
  start: string;
  endWeekday: number;
  end: string;
  minutes: number;
}
interface Member {
  userId: string;
  displayName: string;
  timeZone: string;
  commonWindowsLocal: Window[];
  suggestedSlotLocal: Window | null;
}
interface Group {
  groupId: string;
  number: number;
  name: string;
  language: string;
  timeZone: string;
  memberCount: number;
  sharedMinutesPerWeek: number;
  commonWindowsUtc: Window[];
  suggestedSlotUtc: Window | null;
  members: Member[];
}

/** Grouping learners who can meet, through HTTP: opt in, form groups, explain them, place late enrollers, move. */
describe('cohort grouping', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    // Before the cohort starts (2 March 2026): the windows use the offsets of its first week.
    api.clock.set('2026-02-20T10:00:00Z');
  });
  afterAll(() => api.close());

  const as = (who: MadeUser) => signedIn(api, who);

  /** A person whose zone, availability and languages are set through the real profile endpoint. */
  async function person(
    displayName: string,
    timeZone: string,
    availability: AvailabilityWindow[],
    languages: string[],
  ): Promise<MadeUser> {
    const made = await api.make.user({ displayName, timeZone });
    const res = await as(made).patch('/users/me', { availability, languages });
    expect(res.status).toBe(200);
    return made;
  }
  const tuesday = (start: string, end: string) => [{ weekday: 2, start, end }];
  const wednesday = (start: string, end: string) => [{ weekday: 3, start, end }];

  async function optedIn(cohort: Cohort, learners: MadeUser[]): Promise<void> {
    for (const learner of learners) {
      await api.make.enrollment(cohort, learner);
      const res = await as(learner).put(`/cohorts/${cohort.id}/me/grouping`, { optIn: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ groupingOptIn: true, group: null });
    }
  }

  const outboxOf = (cohortId: string, type: string) =>
    api.db.query<{ payload: Record<string, unknown> }[]>(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = $2 ORDER BY id`,
      [cohortId, type],
    );
  const groupRows = (cohortId: string) =>
    api.db.query<Record<string, unknown>[]>(
      `SELECT g.*, cg.number FROM cohort_groups cg JOIN study_groups g ON g.id = cg.group_id
        WHERE cg.cohort_id = $1 ORDER BY cg.number`,
      [cohortId],
    );
  const membersOf = async (groupId: string) =>
    (
      await api.db.query<{ user_id: string }[]>(
        `SELECT user_id FROM group_members WHERE group_id = $1 AND role = 'member' AND status = 'active'`,
        [groupId],
      )
    ).map((r) => r.user_id);
  const memberCount = async (groupId: string) =>
    (
      await api.db.query<{ member_count: number }[]>('SELECT member_count FROM study_groups WHERE id = $1', [groupId])
    )[0]!.member_count;
  const groupOf = (groups: Group[], who: MadeUser) =>
    groups.find((g) => g.members.some((m) => m.userId === who.user.id));

  /**
   * Spanish speakers in La Paz, Kigali and Kathmandu who are all free Tuesday 22:00-24:00 UTC; French speakers in
   * Paris and Kigali free at the same hours; and Kofi, whose only free hour nobody shares.
   */
  async function worldCohort() {
    const facilitator = await api.make.user({ displayName: 'Facilitator' });
    const { cohort } = await api.make.cohort(facilitator, { title: 'Biogas, spring cohort', timeZone: 'UTC' });
    const ana = await person('Ana', 'America/La_Paz', tuesday('18:00', '20:00'), ['es']);
    const lucia = await person('Lucía', 'America/La_Paz', tuesday('17:00', '21:00'), ['es-BO']);
    const nima = await person('Nima', 'Asia/Kathmandu', wednesday('03:00', '06:00'), ['es', 'ne']);
    const claire = await person(
      'Claire',
      'Europe/Paris',
      [...tuesday('23:00', '24:00'), ...wednesday('00:00', '01:00')],
      ['fr'],
    );
    const jean = await person('Jean', 'Africa/Kigali', wednesday('00:00', '02:00'), ['fr']);
    const kofi = await person('Kofi', 'Africa/Kigali', [{ weekday: 1, start: '08:00', end: '09:00' }], ['es']);
    await optedIn(cohort, [ana, lucia, nima, claire, jean, kofi]);
    const bystander = await api.make.user();
    await api.make.enrollment(cohort, bystander);
    return { facilitator, cohort, ana, lucia, nima, claire, jean, kofi, bystander };
  }

  it('forms groups whose members share an hour in a language they all speak, explained in UTC and local time', async () => {
    const { facilitator, cohort, ana, lucia, nima, claire, jean, kofi, bystander } = await worldCohort();

    const res = await as(facilitator).post(`/cohorts/${cohort.id}/groups/form`, { minSize: 2, maxSize: 4 });
    expect(res.status).toBe(200);
    expect(res.body.formedGroupIds).toHaveLength(2);
    expect(res.body.unplacedUserIds).toEqual([kofi.user.id]);
    expect(res.body.unplaced.map((u: { userId: string }) => u.userId)).toEqual([kofi.user.id]);

    const groups = res.body.groups as Group[];
    const spanish = groupOf(groups, ana)!;
    const french = groupOf(groups, claire)!;
    expect(spanish.language).toBe('es');
    expect(spanish.members.map((m) => m.userId).sort()).toEqual([ana.user.id, lucia.user.id, nima.user.id].sort());
    expect(french.language).toBe('fr');
    expect(french.members.map((m) => m.userId)).toEqual([claire.user.id, jean.user.id]);
    for (const someone of [kofi, bystander]) expect(groupOf(groups, someone)).toBeUndefined();

    // Tuesday 22:00-24:00 UTC is 18:00-20:00 in La Paz, 03:45-05:45 on Wednesday in Kathmandu.
    expect(spanish).toMatchObject({
      sharedMinutesPerWeek: 120,
      commonWindowsUtc: [{ weekday: 2, start: '22:00', endWeekday: 3, end: '00:00', minutes: 120 }],
      suggestedSlotUtc: { weekday: 2, start: '22:00', endWeekday: 2, end: '23:30', minutes: 90 },
    });
    const local = (who: MadeUser) => spanish.members.find((m) => m.userId === who.user.id)!;
    expect(local(ana)).toMatchObject({
      displayName: 'Ana',
      timeZone: 'America/La_Paz',
      commonWindowsLocal: [{ weekday: 2, start: '18:00', endWeekday: 2, end: '20:00', minutes: 120 }],
      suggestedSlotLocal: { weekday: 2, start: '18:00', end: '19:30' },
    });
    expect(local(nima).commonWindowsLocal).toEqual([
      { weekday: 3, start: '03:45', endWeekday: 3, end: '05:45', minutes: 120 },
    ]);
    expect(french.commonWindowsUtc).toEqual([
      { weekday: 2, start: '22:00', endWeekday: 3, end: '00:00', minutes: 120 },
    ]);

    // The rows behind it: ordinary private study groups of the cohort's course, signups closed.
    const rows = await groupRows(cohort.id);
    expect(rows).toHaveLength(2);
    for (const [i, row] of rows.entries()) {
      expect(row).toMatchObject({
        number: i + 1,
        name: `Biogas, spring cohort · Group ${i + 1}`,
        visibility: 'private',
        signup_open: false,
        capacity: 4,
        course_version_id: cohort.courseVersionId,
        created_by: facilitator.user.id,
        mode: 'online',
      });
      expect(row.invite_code).toEqual(expect.any(String));
      expect(await membersOf(row.id as string)).toHaveLength(row.member_count as number);
    }
    const frenchRow = rows.find((r) => r.id === french.groupId)!;
    expect(frenchRow).toMatchObject({ language: 'fr', time_zone: 'UTC' }); // Paris and Kigali: no majority
    const spanishRow = rows.find((r) => r.id === spanish.groupId)!;
    expect(spanishRow.language).toBe('es');
    expect(spanishRow.time_zone).toBe('America/La_Paz'); // two of its three members

    const [cohortRow] = await api.db.query(
      'SELECT group_min_size, group_max_size, groups_formed_at FROM cohorts WHERE id = $1',
      [cohort.id],
    );
    expect(cohortRow).toMatchObject({ group_min_size: 2, group_max_size: 4 });
    expect(cohortRow.groups_formed_at).not.toBeNull();
    expect(await outboxOf(cohort.id, 'cohort.groups-formed')).toEqual([
      {
        payload: {
          cohortId: cohort.id,
          groupIds: expect.arrayContaining(res.body.formedGroupIds) as string[],
          unplacedUserIds: [kofi.user.id],
        },
      },
    ]);
    expect(await outboxOf(cohort.id, 'cohort.grouping-preference-changed')).toHaveLength(6);

    // A second run groups only those still ungrouped: Kofi still has nobody to meet.
    const again = await as(facilitator).post(`/cohorts/${cohort.id}/groups/form`, { minSize: 2, maxSize: 4 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ formedGroupIds: [], unplacedUserIds: [kofi.user.id] });
    expect(await groupRows(cohort.id)).toHaveLength(2);

    // The learner's own view: their group, explained in their own zone, no emails.
    const mine = await as(ana).get(`/cohorts/${cohort.id}/me/group`);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      groupingOptIn: true,
      group: { groupId: spanish.groupId, sharedMinutesPerWeek: 120 },
    });
    expect(JSON.stringify(mine.body)).not.toContain('@');
    expect(JSON.stringify(mine.body)).not.toContain(claire.user.id);
    const none = await as(kofi).get(`/cohorts/${cohort.id}/me/group`);
    expect(none.body).toMatchObject({ groupingOptIn: true, group: null });
  });

  it('rejects bad sizes with 400 naming the field, and writes nothing', async () => {
    const { facilitator, cohort } = await worldCohort();
    for (const [body, field] of [
      [{ minSize: 5, maxSize: 4 }, 'minSize'],
      [{ minSize: 0, maxSize: 4 }, 'minSize'],
      [{ minSize: 2, maxSize: 51 }, 'maxSize'],
      [{ minSize: 2.5, maxSize: 4 }, 'minSize'],
      [{ minSize: 2 }, 'maxSize'],
      [{ minSize: 2, maxSize: 4, seed: 1 }, 'seed'],
    ] as const) {
      const res = await as(facilitator).post(`/cohorts/${cohort.id}/groups/form`, body);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    expect(await groupRows(cohort.id)).toEqual([]);
    expect(await outboxOf(cohort.id, 'cohort.groups-formed')).toEqual([]);
    const [row] = await api.db.query('SELECT group_max_size, groups_formed_at FROM cohorts WHERE id = $1', [cohort.id]);
    expect(row).toEqual({ group_max_size: null, groups_formed_at: null });
  });

  it('places a late enroller at once: into the group they share time with, or a new group of their own', async () => {
    const { facilitator, cohort, ana, claire } = await worldCohort();
    const formed = await as(facilitator).post(`/cohorts/${cohort.id}/groups/form`, { minSize: 2, maxSize: 4 });
    const spanish = groupOf(formed.body.groups as Group[], ana)!;
    const french = groupOf(formed.body.groups as Group[], claire)!;
    const spanishCount = await memberCount(spanish.groupId);

    // Tuesday 18:30-20:30 in La Paz: 90 minutes with the Spanish group.
    const pedro = await person('Pedro', 'America/La_Paz', tuesday('18:30', '20:30'), ['es']);
    await api.make.enrollment(cohort, pedro);
    const placed = await as(pedro).put(`/cohorts/${cohort.id}/me/grouping`, { optIn: true });
    expect(placed.status).toBe(200);
    expect(placed.body.group).toMatchObject({ groupId: spanish.groupId, sharedMinutesPerWeek: 90 });
    expect(placed.body.group.members.find((m: Member) => m.userId === pedro.user.id).commonWindowsLocal).toEqual([
      { weekday: 2, start: '18:30', endWeekday: 2, end: '20:00', minutes: 90 },
    ]);
    expect(await memberCount(spanish.groupId)).toBe(spanishCount + 1);
    expect(await outboxOf(cohort.id, 'cohort.learner-placed')).toEqual([
      { payload: { cohortId: cohort.id, groupId: spanish.groupId, userId: pedro.user.id } },
    ]);
    // Opting in again changes nothing.
    await as(pedro).put(`/cohorts/${cohort.id}/me/grouping`, { optIn: true }).expect(200);
    expect(await outboxOf(cohort.id, 'cohort.learner-placed')).toHaveLength(1);

    // No languages on the profile: the locale's language (French) counts.
    const amelie = await api.make.user({ displayName: 'Amélie', timeZone: 'Europe/Paris', locale: 'fr' });
    await as(amelie)
      .patch('/users/me', { availability: tuesday('22:00', '24:00') })
      .expect(200);
    await api.make.enrollment(cohort, amelie);
    const viaLocale = await as(amelie).put(`/cohorts/${cohort.id}/me/grouping`, { optIn: true });
    expect(viaLocale.body.group.groupId).toBe(french.groupId);

    // Nobody to meet on Monday mornings: a new group, numbered after the others, that later enrollers may join.
    const early = await person('Early Bird', 'Asia/Kathmandu', [{ weekday: 1, start: '06:00', end: '08:00' }], ['es']);
    await api.make.enrollment(cohort, early);
    const alone = await as(early).put(`/cohorts/${cohort.id}/me/grouping`, { optIn: true });
    expect(alone.body.group).toMatchObject({
      number: 3,
      name: 'Biogas, spring cohort · Group 3',
      language: 'es',
      timeZone: 'Asia/Kathmandu',
      memberCount: 1,
    });
    const [row] = await groupRows(cohort.id).then((rows) => rows.filter((r) => r.number === 3));
    expect(row).toMatchObject({ visibility: 'private', signup_open: false, capacity: 4, member_count: 1 });
    const second = await person(
      'Second Bird',
      'Asia/Kathmandu',
      [{ weekday: 1, start: '07:00', end: '09:00' }],
      ['es'],
    );
    await api.make.enrollment(cohort, second);
    const joined = await as(second).put(`/cohorts/${cohort.id}/me/grouping`, { optIn: true });
    expect(joined.body.group).toMatchObject({ number: 3, memberCount: 2, sharedMinutesPerWeek: 60 });
  });

  it('lets a learner ask to move and a facilitator move them, keeping counts and the outbox in step', async () => {
    const { facilitator, cohort, ana, claire, kofi, bystander } = await worldCohort();
    const formed = await as(facilitator).post(`/cohorts/${cohort.id}/groups/form`, { minSize: 2, maxSize: 4 });
    const spanish = groupOf(formed.body.groups as Group[], ana)!;
    const french = groupOf(formed.body.groups as Group[], claire)!;
    const [spanishBefore, frenchBefore] = [await memberCount(spanish.groupId), await memberCount(french.groupId)];

    const asked = await as(ana).post(`/cohorts/${cohort.id}/me/move-request`, { note: 'I also speak French' });
    expect(asked.status).toBe(200);
    expect(asked.body.moveRequestedAt).toEqual(expect.any(String));
    expect(await outboxOf(cohort.id, 'cohort.move-requested')).toEqual([
      { payload: { cohortId: cohort.id, userId: ana.user.id, groupId: spanish.groupId } },
    ]);
    api.clock.advance(60_000); // requests are listed oldest first
    const ungroupedAsk = await as(kofi).post(`/cohorts/${cohort.id}/me/move-request`, {});
    expect(ungroupedAsk.status).toBe(200);
    const overview = await as(facilitator).get(`/cohorts/${cohort.id}/groups`);
    expect(overview.body.moveRequests).toEqual([
      expect.objectContaining({ userId: ana.user.id, groupId: spanish.groupId, note: 'I also speak French' }),
      expect.objectContaining({ userId: kofi.user.id, groupId: null, note: null }),
    ]);

    const moved = await as(facilitator).post(`/cohorts/${cohort.id}/groups/moves`, {
      userId: ana.user.id,
      toGroupId: french.groupId,
    });
    expect(moved.status).toBe(200);
    expect(groupOf(moved.body.groups as Group[], ana)!.groupId).toBe(french.groupId);
    expect(moved.body.moveRequests.map((r: { userId: string }) => r.userId)).toEqual([kofi.user.id]);
    expect(await memberCount(spanish.groupId)).toBe(spanishBefore - 1);
    expect(await memberCount(french.groupId)).toBe(frenchBefore + 1);
    expect(await membersOf(spanish.groupId)).not.toContain(ana.user.id);
    const [request] = await api.db.query(
      'SELECT move_requested_at, move_request_note FROM cohort_members WHERE cohort_id = $1 AND user_id = $2',
      [cohort.id, ana.user.id],
    );
    expect(request).toEqual({ move_requested_at: null, move_request_note: null });
    expect(await outboxOf(cohort.id, 'cohort.learner-moved')).toEqual([
      {
        payload: {
          cohortId: cohort.id,
          userId: ana.user.id,
          fromGroupId: spanish.groupId,
          toGroupId: french.groupId,
          movedBy: facilitator.user.id,
        },
      },
    ]);

    // An ungrouped learner may be moved in too; the french group is now 3 of 4.
    await as(facilitator)
      .post(`/cohorts/${cohort.id}/groups/moves`, { userId: kofi.user.id, toGroupId: french.groupId })
      .expect(200);
    const full = await as(facilitator).post(`/cohorts/${cohort.id}/groups/moves`, {
      userId: bystander.user.id,
      toGroupId: french.groupId,
    });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('group_full');

    const other = await api.make.cohort(facilitator);
    const foreign = await api.make.group(facilitator);
    for (const toGroupId of [foreign.id, randomUUID()]) {
      const res = await as(facilitator).post(`/cohorts/${cohort.id}/groups/moves`, { userId: ana.user.id, toGroupId });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('group_not_in_cohort');
    }
    const outsider = await api.make.user();
    const notLearner = await as(facilitator).post(`/cohorts/${cohort.id}/groups/moves`, {
      userId: outsider.user.id,
      toGroupId: spanish.groupId,
    });
    expect(notLearner.status).toBe(404);
    expect(notLearner.body.code).toBe('not_enrolled');
    const badId = await as(facilitator).post(`/cohorts/${cohort.id}/groups/moves`, { userId: 'x', toGroupId: 'y' });
    expect(badId.status).toBe(400);
    expect(badId.body.errors.map((e: { field: string }) => e.field)).toEqual(['userId', 'toGroupId']);
    expect(await outboxOf(other.cohort.id, 'cohort.learner-moved')).toEqual([]);
    expect(await outboxOf(cohort.id, 'cohort.learner-moved')).toHaveLength(2);
  });

  it('gives a seat freed in a cohort group by a withdrawal or a move to its waitlist, as every group does', async () => {
    const { facilitator, cohort, ana, lucia, claire } = await worldCohort();
    const formed = await as(facilitator).post(`/cohorts/${cohort.id}/groups/form`, { minSize: 2, maxSize: 3 });
    expect(formed.status).toBe(200);
    const spanish = groupOf(formed.body.groups as Group[], ana)!;
    const french = groupOf(formed.body.groups as Group[], claire)!;
    expect(spanish.memberCount).toBe(3);

    // The cohort's facilitator opens the full group to people holding its invite code: they wait for a seat.
    const opened = await as(facilitator).patch(`/groups/${spanish.groupId}`, { signupOpen: true });
    expect(opened.status).toBe(200);
    const inviteCode = (await groupRows(cohort.id)).find((g) => g.id === spanish.groupId)!.invite_code;
    const first = await api.make.user();
    const second = await api.make.user();
    for (const outsider of [first, second]) {
      // The waitlist is served in the order people joined it (the test clock stands still otherwise).
      api.clock.advance(60_000);
      const waiting = await as(outsider).post('/groups/join', { inviteCode });
      expect(waiting.status).toBe(201);
      expect(waiting.body.status).toBe('waitlisted');
    }

    // Ana leaves the cohort, and so her group: the head of the waitlist takes her seat.
    expect((await as(ana).delete(`/cohorts/${cohort.id}/enrollment`)).status).toBe(204);
    // Three seats: Lucía, the third learner placed with her, and the head of the waitlist.
    const afterLeaving = await membersOf(spanish.groupId);
    expect(afterLeaving).toHaveLength(3);
    expect(afterLeaving).toEqual(expect.arrayContaining([lucia.user.id, first.user.id]));
    expect(await membersOf(spanish.groupId)).not.toContain(ana.user.id);
    expect(await memberCount(spanish.groupId)).toBe(3);

    // Lucía is moved to the French group: the next one waiting takes hers.
    await as(facilitator)
      .post(`/cohorts/${cohort.id}/groups/moves`, { userId: lucia.user.id, toGroupId: french.groupId })
      .expect(200);
    expect(await membersOf(spanish.groupId)).toEqual(expect.arrayContaining([first.user.id, second.user.id]));
    expect(await membersOf(spanish.groupId)).not.toContain(lucia.user.id);
    expect(await memberCount(spanish.groupId)).toBe(3);
    expect(await memberCount(french.groupId)).toBe(3);
    const promoted = await api.db.query<{ payload: { userId: string } }[]>(
      `SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'group.member-promoted' ORDER BY id`,
      [spanish.groupId],
    );
    expect(promoted.map((e) => e.payload.userId)).toEqual([first.user.id, second.user.id]);
  });

  it('keeps the groups to facilitators: learners see their own group only, outsiders nothing', async () => {
    const { facilitator, cohort, ana, claire } = await worldCohort();
    const formed = await as(facilitator).post(`/cohorts/${cohort.id}/groups/form`, { minSize: 2, maxSize: 4 });
    const french = groupOf(formed.body.groups as Group[], claire)!;

    const otherCohort = (await api.make.cohort(facilitator)).cohort;
    const otherLearner = await api.make.user();
    await api.make.enrollment(otherCohort, otherLearner);
    const outsider = await api.make.user();
    const pending = await api.make.user();
    await api.make.enrollment(cohort, pending, { status: EnrollmentStatus.Pending });

    for (const who of [ana, otherLearner, outsider, pending]) {
      expect((await as(who).get(`/cohorts/${cohort.id}/groups`)).status).toBe(403);
      expect((await as(who).post(`/cohorts/${cohort.id}/groups/form`, { minSize: 2, maxSize: 4 })).status).toBe(403);
      const move = await as(who).post(`/cohorts/${cohort.id}/groups/moves`, {
        userId: ana.user.id,
        toGroupId: french.groupId,
      });
      expect(move.status).toBe(403);
    }
    for (const who of [otherLearner, outsider, pending]) {
      expect((await as(who).get(`/cohorts/${cohort.id}/me/group`)).status).toBe(403);
      expect((await as(who).put(`/cohorts/${cohort.id}/me/grouping`, { optIn: true })).status).toBe(403);
      expect((await as(who).post(`/cohorts/${cohort.id}/me/move-request`, {})).status).toBe(403);
    }
    // A facilitator is no learner to group.
    const facilitatorOptIn = await as(facilitator).put(`/cohorts/${cohort.id}/me/grouping`, { optIn: true });
    expect(facilitatorOptIn.status).toBe(404);
    expect(facilitatorOptIn.body.code).toBe('not_enrolled');
    // Invite-only cohorts do not exist for outsiders.
    const secret = (await api.make.cohort(facilitator, { enrollmentMode: EnrollmentMode.Invite })).cohort;
    expect((await as(outsider).get(`/cohorts/${secret.id}/me/group`)).status).toBe(404);
    expect((await as(outsider).get(`/cohorts/${secret.id}/groups`)).status).toBe(404);
    expect((await as(ana).get(`/cohorts/not-a-uuid/me/group`)).status).toBe(400);
    expect(
      await api.db.query('SELECT 1 FROM cohort_members WHERE grouping_opt_in AND user_id = $1', [outsider.user.id]),
    ).toEqual([]);

    const optOut = await as(ana).put(`/cohorts/${cohort.id}/me/grouping`, { optIn: false });
    expect(optOut.body).toMatchObject({ groupingOptIn: false, group: { members: expect.any(Array) } });
    expect(await outboxOf(cohort.id, 'cohort.grouping-preference-changed').then((rows) => rows.at(-1))).toEqual({
      payload: { cohortId: cohort.id, userId: ana.user.id, optIn: false },
    });
  });

  it('lets two concurrent runs place nobody twice', async () => {
    const facilitator = await api.make.user();
    const { cohort } = await api.make.cohort(facilitator);
    const learners = await Promise.all(
      Array.from({ length: 12 }, (_, i) => person(`L${i}`, 'America/La_Paz', tuesday('18:00', '21:00'), ['es'])),
    );
    for (const learner of learners) await api.make.enrollment(cohort, learner, { groupingOptIn: true });

    const runs = await Promise.all([
      as(facilitator).post(`/cohorts/${cohort.id}/groups/form`, { minSize: 3, maxSize: 4 }),
      as(facilitator).post(`/cohorts/${cohort.id}/groups/form`, { minSize: 3, maxSize: 4 }),
    ]);
    expect(runs.map((r) => r.status)).toEqual([200, 200]);
    expect(runs.map((r) => r.body.formedGroupIds.length).sort()).toEqual([0, 3]);
    const placements = await api.db.query<{ user_id: string; n: number }[]>(
      `SELECT gm.user_id, count(*)::int AS n FROM group_members gm JOIN cohort_groups cg ON cg.group_id = gm.group_id
        WHERE cg.cohort_id = $1 GROUP BY gm.user_id`,
      [cohort.id],
    );
    expect(placements).toHaveLength(12);
    expect(placements.every((p) => p.n === 1)).toBe(true);
  });

  it('forms groups for 1,000 learners in bulk, in seconds', async () => {
    const facilitator = await api.make.user();
    const { cohort } = await api.make.cohort(facilitator, { capacity: 2000 });
    // Inserted with SQL: 1,000 logins would cost minutes of scrypt. Six zones, three evening patterns, two languages.
    await api.db.query(
      `WITH people AS (
         INSERT INTO users (email, display_name, time_zone, locale, availability, languages)
         SELECT 'bulk-' || i || '-' || $2 || '@example.org', 'Learner ' || i,
                (ARRAY['America/La_Paz','Africa/Kigali','Asia/Kathmandu','Europe/Paris','America/New_York','Asia/Tokyo'])[1 + i % 6],
                'en',
                jsonb_build_array(jsonb_build_object('weekday', 1 + i % 7, 'start', lpad((17 + i % 3)::text, 2, '0') || ':00', 'end', '22:00'),
                                  jsonb_build_object('weekday', 1 + (i + 3) % 7, 'start', '18:00', 'end', '21:00')),
                CASE WHEN i % 4 = 0 THEN ARRAY['fr']::varchar[] ELSE ARRAY['es']::varchar[] END
           FROM generate_series(1, 1000) AS i
         RETURNING id)
       INSERT INTO cohort_members (cohort_id, user_id, role, status, requested_at, status_changed_at, grouping_opt_in)
       SELECT $1, id, 'learner', 'active', now(), now(), true FROM people`,
      [cohort.id, randomUUID()],
    );
    await api.db.query('UPDATE cohorts SET enrolled_count = 1000 WHERE id = $1', [cohort.id]);

    const started = Date.now();
    const res = await as(facilitator).post(`/cohorts/${cohort.id}/groups/form`, { minSize: 4, maxSize: 6 });
    const elapsed = Date.now() - started;
    expect(res.status).toBe(200);
    expect(elapsed).toBeLessThan(15_000);
    const groups = res.body.groups as Group[];
    const placed = groups.flatMap((g) => g.members.map((m) => m.userId));
    expect(new Set(placed).size).toBe(placed.length);
    expect(placed.length + res.body.unplacedUserIds.length).toBe(1000);
    expect(placed.length).toBeGreaterThan(900);
    for (const group of groups) {
      expect(group.memberCount).toBe(group.members.length);
      expect(group.sharedMinutesPerWeek).toBeGreaterThanOrEqual(60);
    }
  }, 60_000);
});
