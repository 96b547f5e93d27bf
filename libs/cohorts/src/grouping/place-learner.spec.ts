import fc from 'fast-check';
import type { AvailabilityWindow } from '@app/identity';
import type { GroupingLearner } from './grouping.types';
import { placeLearner, type PlacementCandidate } from './place-learner';
import { learnerWeekBits, overlapSlots, SLOT_MINUTES } from './week-bitset';

const WEEK_OF = '2026-03-02';
const tuesday = (start: string, end: string): AvailabilityWindow[] => [{ weekday: 2, start, end }];
const person = (id: string, timeZone: string, availability: AvailabilityWindow[], languages = ['es']) => ({
  id,
  timeZone,
  languages,
  availability,
});
const group = (groupId: string, members: GroupingLearner[], language = 'es'): PlacementCandidate => ({
  groupId,
  language,
  size: members.length,
  members,
});

describe('placeLearner', () => {
  // A late enroller in La Paz, free Tuesday 18:00-21:00 (22:00-01:00 UTC).
  const late = person('late', 'America/La_Paz', tuesday('18:00', '21:00'), ['es', 'fr']);

  it('picks the group with room whose common time with the learner stays largest', () => {
    const twoHours = group('two-hours', [person('a', 'Africa/Kigali', [{ weekday: 3, start: '00:00', end: '02:00' }])]);
    const threeHours = group('three-hours', [person('b', 'America/La_Paz', tuesday('17:00', '21:00'))]);
    expect(placeLearner(late, [twoHours, threeHours], { maxSize: 5, weekOf: WEEK_OF })).toEqual({
      groupId: 'three-hours',
      sharedMinutes: 180,
    });
  });

  it('passes over full groups, groups in a language the learner does not speak, and less than an hour in common', () => {
    const full = group('full', [person('a', 'America/La_Paz', tuesday('18:00', '21:00'))]);
    const german = group('german', [person('b', 'America/La_Paz', tuesday('18:00', '21:00'), ['de'])], 'de');
    const short = group('short', [person('c', 'America/La_Paz', tuesday('20:15', '23:00'))]);
    const empty = group('empty', []);
    expect(placeLearner(late, [full, german, short, empty], { maxSize: 1, weekOf: WEEK_OF })).toBeNull();
    expect(placeLearner(late, [full, german, short, empty], { maxSize: 2, weekOf: WEEK_OF })).toEqual({
      groupId: 'full',
      sharedMinutes: 180,
    });
  });

  it('counts exactly an hour as enough, and prefers the smaller group on a tie', () => {
    const big = group('big', [
      person('a', 'America/La_Paz', tuesday('20:00', '23:00')),
      person('b', 'America/La_Paz', tuesday('20:00', '23:00')),
    ]);
    const small = group('small', [person('c', 'Asia/Kathmandu', [{ weekday: 3, start: '05:45', end: '07:00' }])], 'fr');
    expect(placeLearner(late, [big, small], { maxSize: 5, weekOf: WEEK_OF })).toEqual({
      groupId: 'small',
      sharedMinutes: 60,
    });
  });

  it('always answers a group that fits and that no other fitting group beats (property)', () => {
    const zones = ['America/La_Paz', 'Africa/Kigali', 'Asia/Kathmandu', 'Europe/Paris'];
    const window = fc
      .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 4 }))
      .map(([weekday, hour, length]) => ({
        weekday,
        start: `${String(hour).padStart(2, '0')}:00`,
        end: `${String(hour + length).padStart(2, '0')}:00`,
      }));
    const learner = fc.record({
      timeZone: fc.constantFrom(...zones),
      languages: fc.uniqueArray(fc.constantFrom('es', 'fr'), { minLength: 1, maxLength: 2 }),
      availability: fc.uniqueArray(window, { minLength: 1, maxLength: 3, selector: (w) => w.weekday }),
    });
    fc.assert(
      fc.property(
        learner,
        fc.array(fc.tuple(fc.constantFrom('es', 'fr'), fc.array(learner, { minLength: 1, maxLength: 4 })), {
          maxLength: 6,
        }),
        fc.integer({ min: 1, max: 4 }),
        (raw, rawGroups, maxSize) => {
          const me = { ...raw, id: 'me' };
          const groups = rawGroups.map(([language, members], g) =>
            group(
              `g${g}`,
              members.map((m, i) => ({ ...m, id: `g${g}m${i}` })),
              language,
            ),
          );
          const shared = (g: PlacementCandidate): number => {
            const [mine, ...theirs] = learnerWeekBits([me, ...g.members], WEEK_OF);
            const common = Uint32Array.from(mine!);
            for (const b of theirs) for (let w = 0; w < common.length; w++) common[w]! &= b[w]!;
            return overlapSlots(common, common) * SLOT_MINUTES;
          };
          const fitting = groups.filter(
            (g) => g.size < maxSize && (me.languages as string[]).includes(g.language) && shared(g) >= 60,
          );
          const placement = placeLearner(me, groups, { maxSize, weekOf: WEEK_OF });
          if (fitting.length === 0) return expect(placement).toBeNull();
          const chosen = fitting.find((g) => g.groupId === placement?.groupId);
          expect(chosen).toBeDefined();
          expect(placement!.sharedMinutes).toBe(shared(chosen!));
          for (const g of fitting) expect(shared(g)).toBeLessThanOrEqual(placement!.sharedMinutes);
        },
      ),
      { numRuns: 80 },
    );
  });
});
