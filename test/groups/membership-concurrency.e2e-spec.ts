import { startTestApi, type TestApi } from '../support/api-app';
import type { MadeUser } from '../support/factories';

/**
 * Seats under contention. Capacity counts every active person, facilitators included, so a group with one
 * facilitator and capacity 11 has 10 seats for joiners.
 */
describe('joining a group at the same time', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  const join = (who: MadeUser, groupId: string) =>
    api.http().post(`/api/v1/groups/${groupId}/join`).set('Authorization', who.auth).send({});

  it('seats exactly 10 of 50 simultaneous joiners and waitlists the other 40 in lock order, with no error', async () => {
    const facilitator = await api.make.user();
    const group = await api.make.group(facilitator, { capacity: 11 });
    const joiners = await Promise.all(Array.from({ length: 50 }, () => api.make.user()));

    const responses = await Promise.all(joiners.map((who) => join(who, group.id)));

    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const statuses = responses.map((r) => r.body.status as string);
    expect(statuses.filter((s) => s === 'active')).toHaveLength(10);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(40);
    const positions = responses.filter((r) => r.body.status === 'waitlisted').map((r) => r.body.waitlistPosition);
    expect([...positions].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    const [counts] = await api.db.query(
      `SELECT g.member_count, g.capacity,
              count(*) FILTER (WHERE m.status = 'active')::int AS active,
              count(*) FILTER (WHERE m.status = 'waitlisted')::int AS waitlisted
         FROM study_groups g JOIN group_members m ON m.group_id = g.id WHERE g.id = $1 GROUP BY g.id`,
      [group.id],
    );
    expect(counts).toEqual({ member_count: 11, capacity: 11, active: 11, waitlisted: 40 });

    // The waitlist order is the order the group's lock was taken in: the order of the outbox events, whose ids
    // are drawn inside each join's transaction. Places are strictly increasing even though the clock stood still.
    const waitlist = await api.db.query<{ user_id: string; waitlisted_at: string }[]>(
      `SELECT user_id, waitlisted_at::text FROM group_members
        WHERE group_id = $1 AND status = 'waitlisted' ORDER BY waitlisted_at, user_id`,
      [group.id],
    );
    const events = await api.db.query<{ type: string; user: string }[]>(
      `SELECT type, payload->>'userId' AS user FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`,
      [group.id],
    );
    expect(events.filter((e) => e.type === 'group.member-joined')).toHaveLength(10);
    const waitlistedEvents = events.filter((e) => e.type === 'group.member-waitlisted').map((e) => e.user);
    expect(waitlist.map((w) => w.user_id)).toEqual(waitlistedEvents);
    expect(new Set(waitlist.map((w) => w.waitlisted_at)).size).toBe(40);
    const positionOf = new Map(
      responses.map((r, i) => [joiners[i]!.user.id, r.body.waitlistPosition as number | null]),
    );
    expect(waitlist.map((w) => positionOf.get(w.user_id))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    // Three members leave at once: exactly the head of the waitlist is seated, still no over-booking.
    const seated = joiners.filter((_, i) => responses[i]!.body.status === 'active');
    const leaves = await Promise.all(
      seated
        .slice(0, 3)
        .map((who) => api.http().post(`/api/v1/groups/${group.id}/leave`).set('Authorization', who.auth)),
    );
    expect(leaves.map((r) => r.status)).toEqual([204, 204, 204]);
    const promoted = await api.db.query<{ user: string }[]>(
      `SELECT payload->>'userId' AS user FROM outbox_events
        WHERE aggregate_id = $1 AND type = 'group.member-promoted' ORDER BY id`,
      [group.id],
    );
    expect(promoted.map((p) => p.user)).toEqual(waitlist.slice(0, 3).map((w) => w.user_id));
    const [after] = await api.db.query(
      `SELECT g.member_count, (SELECT count(*)::int FROM group_members m WHERE m.group_id = g.id AND m.status = 'active') AS active
         FROM study_groups g WHERE g.id = $1`,
      [group.id],
    );
    expect(after).toEqual({ member_count: 11, active: 11 });
  });
});
