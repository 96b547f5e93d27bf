import fc from 'fast-check';
import { availabilityToWeekSpans } from '@app/groups';
import { zonedInstant } from '@app/core';
import { formGroups, MIN_COMMON_MINUTES } from './form-groups';
import type { GroupingLearner, GroupingResult } from './grouping.types';
import { naiveGrouping } from './naive-grouping';

const WEEK_OF = '2026-03-02';
const ZONES = ['America/La_Paz', 'Africa/Kigali', 'Asia/Kathmandu', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo'];

/** Independent check: a UTC minute of the week is inside the learner's availability. */
function covers(learner: GroupingLearner, start: number, end: number): boolean {
  const spans = availabilityToWeekSpans(
    learner.availability,
    learner.timeZone,
    zonedInstant(WEEK_OF, '12:00', learner.timeZone),
  );
  return spans.some(([s, e]) => s <= start && end <= e);
}

function checkInvariants(learners: GroupingLearner[], result: GroupingResult, min: number, max: number): void {
  const byId = new Map(learners.map((l) => [l.id, l]));
  const seen = [...result.groups.flatMap((g) => g.memberIds), ...result.unplaced.map((u) => u.id)];
  expect(seen.sort()).toEqual(learners.map((l) => l.id).sort());
  for (const group of result.groups) {
    expect(group.memberIds.length).toBeGreaterThanOrEqual(min);
    expect(group.memberIds.length).toBeLessThanOrEqual(max);
    expect(group.sharedMinutes).toBeGreaterThanOrEqual(MIN_COMMON_MINUTES);
    expect(group.sharedMinutes).toBe(group.commonWindows.reduce((sum, [s, e]) => sum + e - s, 0));
    for (const id of group.memberIds) {
      const member = byId.get(id)!;
      expect(member.languages).toContain(group.language);
      for (const [s, e] of group.commonWindows) expect(covers(member, s, e)).toBe(true);
    }
    const [slotStart, slotEnd] = group.suggestedSlot!;
    expect(slotEnd - slotStart).toBeLessThanOrEqual(90);
    expect(group.commonWindows.some(([s, e]) => s <= slotStart && slotEnd <= e)).toBe(true);
  }
}

const evenings = (start: string, end: string, weekdays = [1, 2, 3, 4, 5]) =>
  weekdays.map((weekday) => ({ weekday, start, end }));

describe('formGroups', () => {
  it('groups La Paz Tuesday 18:00-20:00 with Kigali Wednesday 00:00-02:00: the same UTC hours', () => {
    const learners: GroupingLearner[] = [
      {
        id: 'lp',
        timeZone: 'America/La_Paz',
        languages: ['es'],
        availability: [{ weekday: 2, start: '18:00', end: '20:00' }],
      },
      {
        id: 'kg',
        timeZone: 'Africa/Kigali',
        languages: ['fr', 'es'],
        availability: [{ weekday: 3, start: '00:00', end: '02:00' }],
      },
    ];
    const result = formGroups(learners, { minSize: 2, maxSize: 2, weekOf: WEEK_OF });
    expect(result.unplaced).toEqual([]);
    // Tue 22:00-24:00 UTC.
    expect(result.groups).toEqual([
      {
        memberIds: expect.arrayContaining(['lp', 'kg']) as string[],
        language: 'es',
        commonWindows: [[2760, 2880]],
        sharedMinutes: 120,
        suggestedSlot: [2760, 2850],
      },
    ]);
  });

  it('reports learners without a peer who shares a language and an hour, instead of hiding them', () => {
    const learners: GroupingLearner[] = [
      ...['a', 'b', 'c'].map((id) => ({
        id,
        timeZone: 'Europe/Berlin',
        languages: ['de'],
        availability: evenings('18:00', '21:00'),
      })),
      { id: 'lonely-lang', timeZone: 'Europe/Berlin', languages: ['fi'], availability: evenings('18:00', '21:00') },
      { id: 'lonely-time', timeZone: 'Europe/Berlin', languages: ['de'], availability: evenings('06:00', '07:00') },
    ];
    const result = formGroups(learners, { minSize: 3, maxSize: 4, weekOf: WEEK_OF });
    expect(result.unplaced.map((u) => u.id).sort()).toEqual(['lonely-lang', 'lonely-time']);
    checkInvariants(learners, result, 3, 4);
  });

  it('keeps sizes within bounds and common windows inside every member availability (property)', () => {
    const window = fc
      .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 46 }), fc.integer({ min: 2, max: 16 }))
      .map(([weekday, from, length]) => ({
        weekday,
        start: `${String(Math.floor(from / 2)).padStart(2, '0')}:${from % 2 ? '30' : '00'}`,
        end:
          from + length >= 48
            ? '24:00'
            : `${String(Math.floor((from + length) / 2)).padStart(2, '0')}:${(from + length) % 2 ? '30' : '00'}`,
      }));
    const learner = fc.record({
      timeZone: fc.constantFrom(...ZONES),
      languages: fc.uniqueArray(fc.constantFrom('en', 'es', 'fr'), { minLength: 1, maxLength: 2 }),
      availability: fc.array(window, { minLength: 1, maxLength: 6 }),
    });
    fc.assert(
      fc.property(
        fc.array(learner, { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        (raw, minSize, extra) => {
          const learners = raw.map((l, i) => ({ ...l, id: `l${i}` }));
          const options = { minSize, maxSize: minSize + extra, weekOf: WEEK_OF };
          checkInvariants(learners, formGroups(learners, options), minSize, minSize + extra);
          const naive = naiveGrouping(learners, options);
          expect(naive.groups.flatMap((g) => g.memberIds).sort()).toEqual(learners.map((l) => l.id).sort());
        },
      ),
      { numRuns: 60 },
    );
  });
});
