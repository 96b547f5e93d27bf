import { explainGroups, type CohortGroupRecord } from './group-explanation';
import { groupingLanguage, groupingLanguages } from './grouping-language';
import { cohortGroupName, majorityZone } from './new-cohort-group';

const record = (members: CohortGroupRecord['members']): CohortGroupRecord => ({
  groupId: 'g1',
  number: 1,
  name: 'Biogas · Group 1',
  language: 'es',
  timeZone: 'America/La_Paz',
  memberCount: members.length,
  capacity: 6,
  members,
});

describe('explainGroups', () => {
  it('shows the common hours in UTC and in each member’s own zone', () => {
    const [group] = explainGroups(
      [
        record([
          {
            userId: 'lp',
            displayName: 'Ana',
            timeZone: 'America/La_Paz',
            availability: [{ weekday: 2, start: '18:00', end: '21:00' }],
          },
          {
            userId: 'kg',
            displayName: 'Eric',
            timeZone: 'Africa/Kigali',
            availability: [{ weekday: 3, start: '00:00', end: '02:00' }],
          },
          {
            userId: 'kt',
            displayName: 'Nima',
            timeZone: 'Asia/Kathmandu',
            availability: [{ weekday: 3, start: '03:00', end: '06:00' }],
          },
        ]),
      ],
      '2026-03-02',
    );
    const utc = { weekday: 2, start: '22:00', endWeekday: 3, end: '00:00', minutes: 120 };
    expect(group).toMatchObject({
      sharedMinutesPerWeek: 120,
      commonWindowsUtc: [utc],
      suggestedSlotUtc: { weekday: 2, start: '22:00', endWeekday: 2, end: '23:30', minutes: 90 },
    });
    expect(group!.members.map((m) => [m.userId, m.commonWindowsLocal, m.suggestedSlotLocal])).toEqual([
      [
        'lp',
        [{ weekday: 2, start: '18:00', endWeekday: 2, end: '20:00', minutes: 120 }],
        { weekday: 2, start: '18:00', endWeekday: 2, end: '19:30', minutes: 90 },
      ],
      [
        'kg',
        [{ weekday: 3, start: '00:00', endWeekday: 3, end: '02:00', minutes: 120 }],
        { weekday: 3, start: '00:00', endWeekday: 3, end: '01:30', minutes: 90 },
      ],
      [
        'kt',
        [{ weekday: 3, start: '03:45', endWeekday: 3, end: '05:45', minutes: 120 }],
        { weekday: 3, start: '03:45', endWeekday: 3, end: '05:15', minutes: 90 },
      ],
    ]);
  });

  it('keeps a window across the end of the UTC week whole, and reads offsets of the week asked for (DST)', () => {
    // Sunday 18:00-22:00 in New York: Sunday 23:00 - Monday 03:00 UTC in winter, an hour earlier from 8 March.
    const members = [
      {
        userId: 'ny',
        displayName: 'Sam',
        timeZone: 'America/New_York',
        availability: [{ weekday: 7, start: '18:00', end: '22:00' }],
      },
    ];
    const [winter] = explainGroups([record(members)], '2026-02-23');
    expect(winter!.commonWindowsUtc).toEqual([
      { weekday: 7, start: '23:00', endWeekday: 1, end: '03:00', minutes: 240 },
    ]);
    expect(winter!.members[0]!.commonWindowsLocal).toEqual([
      { weekday: 7, start: '18:00', endWeekday: 7, end: '22:00', minutes: 240 },
    ]);
    const [summer] = explainGroups([record(members)], '2026-03-09');
    expect(summer!.commonWindowsUtc).toEqual([
      { weekday: 7, start: '22:00', endWeekday: 1, end: '02:00', minutes: 240 },
    ]);
    expect(summer!.members[0]!.commonWindowsLocal[0]).toMatchObject({ start: '18:00', end: '22:00' });
  });

  it('explains a group whose members no longer share time, and an empty group, as no common time', () => {
    const [apart, empty] = explainGroups(
      [
        record([
          {
            userId: 'a',
            displayName: 'A',
            timeZone: 'UTC',
            availability: [{ weekday: 1, start: '08:00', end: '09:00' }],
          },
          {
            userId: 'b',
            displayName: 'B',
            timeZone: 'UTC',
            availability: [{ weekday: 1, start: '18:00', end: '19:00' }],
          },
        ]),
        record([]),
      ],
      '2026-03-02',
    );
    for (const group of [apart, empty]) {
      expect(group).toMatchObject({ sharedMinutesPerWeek: 0, commonWindowsUtc: [], suggestedSlotUtc: null });
    }
    expect(apart!.members[0]).toMatchObject({ commonWindowsLocal: [], suggestedSlotLocal: null });
  });
});

describe('grouping helpers', () => {
  it('matches languages on language and script, not region, falling back to the locale', () => {
    expect(groupingLanguage('es-BO')).toBe('es');
    expect(groupingLanguage('zh-Hant-TW')).toBe('zh-Hant');
    expect(groupingLanguages(['es-BO', 'es', 'fr-CA'], 'en')).toEqual(['es', 'fr']);
    expect(groupingLanguages([], 'fr')).toEqual(['fr']);
  });

  it('names groups within 120 characters and takes the zone of a strict majority', () => {
    expect(cohortGroupName('Biogas, spring cohort', 3)).toBe('Biogas, spring cohort · Group 3');
    expect(cohortGroupName('x'.repeat(120), 12)).toHaveLength(120);
    expect(majorityZone(['America/La_Paz', 'America/La_Paz', 'Africa/Kigali'], 'UTC')).toBe('America/La_Paz');
    expect(majorityZone(['America/La_Paz', 'Africa/Kigali'], 'UTC')).toBe('UTC');
  });
});
