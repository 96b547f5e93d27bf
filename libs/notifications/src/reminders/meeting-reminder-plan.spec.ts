import fc from 'fast-check';
import {
  meetingHorizonEnd,
  planMeetingReminders,
  type RemindedMember,
  type UpcomingMeeting,
} from './meeting-reminder-plan';

const now = new Date('2026-03-01T12:00:00Z');
const meeting = (over: Partial<UpcomingMeeting> = {}): UpcomingMeeting => ({
  id: 'm1',
  groupId: 'g1',
  startsAt: new Date('2026-03-03T17:00:00Z'),
  scheduled: true,
  offsetsMinutes: [1440, 60],
  ...over,
});
const member = (userId: string, over: Partial<RemindedMember> = {}): RemindedMember => ({
  groupId: 'g1',
  userId,
  timeZone: 'UTC',
  quiet: null,
  ...over,
});
/** In Kathmandu (+05:45), quiet 22:00-07:00 local. */
const sleeper = (userId: string) =>
  member(userId, { timeZone: 'Asia/Kathmandu', quiet: { startMinute: 22 * 60, endMinute: 7 * 60 } });

describe('meeting reminder plan', () => {
  it('plans each offset for each reminded member, due that long before the start, keyed by the start', () => {
    const plan = planMeetingReminders(
      [meeting()],
      [member('ana'), member('nima'), member('elsewhere', { groupId: 'g2' })],
      now,
      meetingHorizonEnd(now),
    );
    expect(plan.entries.map((e) => [e.dedupeKey, e.dueAt.toISOString()])).toEqual([
      ['rem:meeting:m1:2026-03-03T17:00:00.000Z:ana:1440', '2026-03-02T17:00:00.000Z'],
      ['rem:meeting:m1:2026-03-03T17:00:00.000Z:ana:60', '2026-03-03T16:00:00.000Z'],
      ['rem:meeting:m1:2026-03-03T17:00:00.000Z:nima:1440', '2026-03-02T17:00:00.000Z'],
      ['rem:meeting:m1:2026-03-03T17:00:00.000Z:nima:60', '2026-03-03T16:00:00.000Z'],
    ]);
    expect(plan.entries[0]).toMatchObject({
      kind: 'meeting-reminder',
      userId: 'ana',
      subjectId: 'm1',
      payload: { meetingId: 'm1', groupId: 'g1', offsetMinutes: 1440, startsAt: '2026-03-03T17:00:00.000Z' },
    });
    expect(plan.keep).toEqual(plan.entries.map((e) => e.dedupeKey));
  });

  it('plans nothing for cancelled or begun meetings, nor past lead times, but keeps a due row awaiting release', () => {
    const members = [member('ana')];
    const soon = meeting({ startsAt: new Date('2026-03-01T12:30:00Z') });
    const plan = planMeetingReminders(
      [soon, meeting({ id: 'm2', scheduled: false }), meeting({ id: 'm3', startsAt: now })],
      members,
      now,
      meetingHorizonEnd(now),
    );
    expect(plan.entries).toEqual([]);
    // Both lead times of the meeting in 30 minutes have passed: not planned, yet not to be cancelled either.
    expect(plan.keep).toEqual([
      'rem:meeting:m1:2026-03-01T12:30:00.000Z:ana:1440',
      'rem:meeting:m1:2026-03-01T12:30:00.000Z:ana:60',
    ]);
  });

  it('plans a night-time reminder for release the evening before, and none that a longer one covers (quiet hours)', () => {
    // 06:30 in Kathmandu on 3 March is 00:45Z: held to 07:00, the 1 h reminder would come after the meeting.
    const dawn = meeting({ startsAt: new Date('2026-03-03T00:45:00Z'), offsetsMinutes: [1440, 120, 60] });
    const plan = planMeetingReminders([dawn], [sleeper('nima'), member('ana')], now, meetingHorizonEnd(now));
    const dues = (userId: string) =>
      plan.entries.filter((e) => e.userId === userId).map((e) => [e.payload?.offsetMinutes, e.dueAt.toISOString()]);
    // 2 h before (04:30) would also go at 21:59 the evening before: one email, the longer one, released then.
    expect(dues('nima')).toEqual([
      [1440, '2026-03-02T00:45:00.000Z'],
      [120, '2026-03-02T16:14:00.000Z'],
    ]);
    expect(dues('ana')).toEqual([
      [1440, '2026-03-02T00:45:00.000Z'],
      [120, '2026-03-02T22:45:00.000Z'],
      [60, '2026-03-02T23:45:00.000Z'],
    ]);
    expect(plan.keep).not.toContain('rem:meeting:m1:2026-03-03T00:45:00.000Z:nima:60');
    expect(plan.keep).toHaveLength(5);

    // Once 21:59 has passed, the reminder is released at its own time (urgent), not at once.
    const late = new Date('2026-03-02T16:30:00Z');
    const urgent = planMeetingReminders([dawn], [sleeper('nima')], late, meetingHorizonEnd(late));
    expect(urgent.entries.map((e) => [e.payload?.offsetMinutes, e.dueAt.toISOString()])).toEqual([
      [120, '2026-03-02T22:45:00.000Z'],
    ]);
  });

  it('lets only a longer reminder that exists cover a shorter one (quiet hours)', () => {
    const dawn = meeting({ startsAt: new Date('2026-03-03T00:45:00Z'), offsetsMinutes: [120, 60] });
    // 04:55 in Kathmandu: the 2 h reminder's time has passed.
    const late = new Date('2026-03-02T23:10:00Z');
    const planAt = (existing: string[]) =>
      planMeetingReminders([dawn], [sleeper('nima')], late, meetingHorizonEnd(late), new Set(existing));
    const twoHours = 'rem:meeting:m1:2026-03-03T00:45:00.000Z:nima:120';
    const oneHour = 'rem:meeting:m1:2026-03-03T00:45:00.000Z:nima:60';
    // Scheduled only now: there never was a 2 h reminder, so the 1 h one goes at its own time.
    expect(planAt([]).entries.map((e) => [e.dedupeKey, e.dueAt.toISOString()])).toEqual([
      [oneHour, '2026-03-02T23:45:00.000Z'],
    ]);
    // Planned long ago: the 2 h reminder went at 21:59 and covers it.
    expect(planAt([twoHours])).toEqual({ entries: [], keep: [twoHours] });
  });

  it('leaves meetings beyond the horizon to the sweep', () => {
    const far = meeting({ startsAt: new Date('2026-04-15T17:00:00Z') });
    const plan = planMeetingReminders([far], [member('ana')], now, meetingHorizonEnd(now));
    expect(plan.entries).toEqual([]);
    expect(plan.keep).toHaveLength(2);
  });

  it('is a function of the state: every planned row is due after now and before its meeting', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            startsInMinutes: fc.integer({ min: -600, max: 60 * 24 * 40 }),
            scheduled: fc.boolean(),
            offsets: fc.uniqueArray(fc.integer({ min: 5, max: 10_080 }), { maxLength: 4 }),
          }),
          { maxLength: 6 },
        ),
        (specs) => {
          const meetings = specs.map((s, i) =>
            meeting({
              id: `m${i}`,
              startsAt: new Date(now.getTime() + s.startsInMinutes * 60_000),
              scheduled: s.scheduled,
              offsetsMinutes: s.offsets,
            }),
          );
          const members = [member('ana'), sleeper('nima')];
          const a = planMeetingReminders(meetings, members, now, meetingHorizonEnd(now));
          const b = planMeetingReminders(meetings, members, now, meetingHorizonEnd(now));
          expect(a).toEqual(b);
          for (const entry of a.entries) {
            const starts = new Date(String(entry.payload?.startsAt));
            expect(entry.dueAt.getTime()).toBeGreaterThan(now.getTime());
            expect(entry.dueAt.getTime()).toBeLessThan(starts.getTime());
            // Never released after its lead time: quiet hours only ever hold the email in the ledger, or move it earlier.
            const offset = Number(entry.payload?.offsetMinutes);
            expect(entry.dueAt.getTime()).toBeLessThanOrEqual(starts.getTime() - offset * 60_000);
            expect(a.keep).toContain(entry.dedupeKey);
          }
        },
      ),
    );
  });
});
