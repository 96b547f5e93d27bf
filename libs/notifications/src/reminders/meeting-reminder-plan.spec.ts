import fc from 'fast-check';
import { meetingHorizonEnd, planMeetingReminders, type UpcomingMeeting } from './meeting-reminder-plan';

const now = new Date('2026-03-01T12:00:00Z');
const meeting = (over: Partial<UpcomingMeeting> = {}): UpcomingMeeting => ({
  id: 'm1',
  groupId: 'g1',
  startsAt: new Date('2026-03-03T17:00:00Z'),
  scheduled: true,
  offsetsMinutes: [1440, 60],
  ...over,
});

describe('meeting reminder plan', () => {
  it('plans each offset for each reminded member, due that long before the start, keyed by the start', () => {
    const plan = planMeetingReminders(
      [meeting()],
      [
        { groupId: 'g1', userId: 'ana' },
        { groupId: 'g1', userId: 'nima' },
        { groupId: 'g2', userId: 'elsewhere' },
      ],
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
    const members = [{ groupId: 'g1', userId: 'ana' }];
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

  it('leaves meetings beyond the horizon to the sweep', () => {
    const far = meeting({ startsAt: new Date('2026-04-15T17:00:00Z') });
    const plan = planMeetingReminders([far], [{ groupId: 'g1', userId: 'ana' }], now, meetingHorizonEnd(now));
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
          const members = [{ groupId: 'g1', userId: 'ana' }];
          const a = planMeetingReminders(meetings, members, now, meetingHorizonEnd(now));
          const b = planMeetingReminders(meetings, members, now, meetingHorizonEnd(now));
          expect(a).toEqual(b);
          for (const entry of a.entries) {
            const starts = new Date(String(entry.payload?.startsAt));
            expect(entry.dueAt.getTime()).toBeGreaterThan(now.getTime());
            expect(entry.dueAt.getTime()).toBeLessThan(starts.getTime());
            expect(a.keep).toContain(entry.dedupeKey);
          }
        },
      ),
    );
  });
});
