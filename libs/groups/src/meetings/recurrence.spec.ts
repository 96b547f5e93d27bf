import fc from 'fast-check';
import { addLocalDays, isoWeekday, localParts } from '@app/core';
import { expandWeekly, MAX_SCHEDULE_OCCURRENCES, TooManyOccurrencesError, type WeeklyRule } from './recurrence';

const rule = (r: Partial<WeeklyRule>): WeeklyRule => ({
  weekday: 2,
  localStartTime: '18:00',
  startDate: '2026-03-01',
  occurrences: 4,
  untilDate: null,
  ...r,
});
const utc = (r: WeeklyRule, zone: string): string[] => expandWeekly(r, zone).map((o) => o.startsAt.toISOString());
const wall = (instant: Date, zone: string): string => {
  const p = localParts(instant, zone);
  return `${p.date} ${p.time}`;
};
const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const offsetMinutes = (instant: Date, zone: string): number => {
  const [sign, h, m] = /^([+-])(\d\d):(\d\d)/.exec(localParts(instant, zone).offset)?.slice(1) ?? ['+', '0', '0'];
  return (sign === '-' ? -1 : 1) * (Number(h) * 60 + Number(m));
};

describe('weekly recurrence', () => {
  it('keeps 18:00 local across the March change in New York (the UTC instant moves by an hour)', () => {
    expect(utc(rule({ weekday: 2, startDate: '2026-03-01', occurrences: 2 }), 'America/New_York')).toEqual([
      '2026-03-03T23:00:00.000Z',
      '2026-03-10T22:00:00.000Z',
    ]);
  });

  it('starts on the first matching weekday on or after the start date', () => {
    const dates = expandWeekly(rule({ weekday: 1, startDate: '2026-03-04', occurrences: 3 }), 'UTC').map(
      (o) => o.localDate,
    );
    expect(dates).toEqual(['2026-03-09', '2026-03-16', '2026-03-23']);
    expect(expandWeekly(rule({ weekday: 3, startDate: '2026-03-04', occurrences: 1 }), 'UTC')[0]?.localDate).toBe(
      '2026-03-04',
    );
  });

  describe('the DST rule (RFC 5545): a time in the gap moves forward by the gap, a repeated time is its first', () => {
    it('America/New_York: 02:30 on the spring-forward Sunday is 03:30 EDT; 01:30 at fall-back is 01:30 EDT', () => {
      const spring = expandWeekly(
        rule({ weekday: 7, localStartTime: '02:30', startDate: '2026-03-01', occurrences: 3 }),
        'America/New_York',
      );
      expect(spring.map((o) => o.startsAt.toISOString())).toEqual([
        '2026-03-01T07:30:00.000Z', // 02:30 EST
        '2026-03-08T07:30:00.000Z', // 02:30 does not exist: 03:30 EDT
        '2026-03-15T06:30:00.000Z', // 02:30 EDT
      ]);
      expect(spring.map((o) => wall(o.startsAt, 'America/New_York'))).toEqual([
        '2026-03-01 02:30',
        '2026-03-08 03:30',
        '2026-03-15 02:30',
      ]);
      // The agreed local time is kept as agreed; only the instant shows the shift.
      expect(spring[1]).toMatchObject({ localDate: '2026-03-08', localTime: '02:30' });

      expect(
        utc(rule({ weekday: 7, localStartTime: '01:30', startDate: '2026-10-25', occurrences: 3 }), 'America/New_York'),
      ).toEqual([
        '2026-10-25T05:30:00.000Z', // 01:30 EDT
        '2026-11-01T05:30:00.000Z', // 01:30 happens twice: the first, EDT (not 06:30Z, EST)
        '2026-11-08T06:30:00.000Z', // 01:30 EST
      ]);
    });

    it('Europe/Berlin: 02:30 on 29 March 2026 is 03:30 CEST; 02:30 on 25 October 2026 is 02:30 CEST', () => {
      expect(
        utc(rule({ weekday: 7, localStartTime: '02:30', startDate: '2026-03-22', occurrences: 3 }), 'Europe/Berlin'),
      ).toEqual(['2026-03-22T01:30:00.000Z', '2026-03-29T01:30:00.000Z', '2026-04-05T00:30:00.000Z']);
      expect(
        utc(rule({ weekday: 7, localStartTime: '02:30', startDate: '2026-10-18', occurrences: 3 }), 'Europe/Berlin'),
      ).toEqual(['2026-10-18T00:30:00.000Z', '2026-10-25T00:30:00.000Z', '2026-11-01T01:30:00.000Z']);
    });

    it('Australia/Lord_Howe, which shifts by 30 minutes: 02:15 in the gap is 02:45; 01:45 at fall-back is the first', () => {
      const spring = expandWeekly(
        rule({ weekday: 7, localStartTime: '02:15', startDate: '2026-09-27', occurrences: 3 }),
        'Australia/Lord_Howe',
      );
      expect(spring.map((o) => o.startsAt.toISOString())).toEqual([
        '2026-09-26T15:45:00.000Z', // 02:15 +10:30
        '2026-10-03T15:45:00.000Z', // 02:00 jumps to 02:30: 02:15 becomes 02:45 +11:00
        '2026-10-10T15:15:00.000Z', // 02:15 +11:00
      ]);
      expect(wall(spring[1]!.startsAt, 'Australia/Lord_Howe')).toBe('2026-10-04 02:45');

      expect(
        utc(
          rule({ weekday: 7, localStartTime: '01:45', startDate: '2026-03-29', occurrences: 3 }),
          'Australia/Lord_Howe',
        ),
      ).toEqual([
        '2026-03-28T14:45:00.000Z', // 01:45 +11:00
        '2026-04-04T14:45:00.000Z', // 02:00 falls back to 01:30: 01:45 happens twice, the first is +11:00
        '2026-04-11T15:15:00.000Z', // 01:45 +10:30
      ]);
    });
  });

  it('ends on the end date, inclusive, and refuses more than the limit', () => {
    const until = expandWeekly(rule({ weekday: 2, occurrences: null, untilDate: '2026-03-17' }), 'Europe/Berlin');
    expect(until.map((o) => o.localDate)).toEqual(['2026-03-03', '2026-03-10', '2026-03-17']);
    expect(expandWeekly(rule({ weekday: 2, occurrences: null, untilDate: '2026-03-02' }), 'Europe/Berlin')).toEqual([]);
    expect(() =>
      expandWeekly(rule({ startDate: '2026-01-01', occurrences: null, untilDate: '2031-01-01' }), 'Europe/Berlin'),
    ).toThrow(TooManyOccurrencesError);
    expect(expandWeekly(rule({ occurrences: MAX_SCHEDULE_OCCURRENCES }), 'Europe/Berlin')).toHaveLength(200);
    expect(() => expandWeekly(rule({ occurrences: MAX_SCHEDULE_OCCURRENCES + 1 }), 'Europe/Berlin')).toThrow(
      TooManyOccurrencesError,
    );
  });

  describe('properties, in zones with whole-hour, half-hour and southern-hemisphere DST', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Lord_Howe',
      'Australia/Sydney',
      'America/Santiago',
      'Asia/Kathmandu',
      'America/La_Paz',
      'Pacific/Chatham',
    ];
    // Biased towards Sundays and the small hours, when most zones change their clocks, so the DST cases occur often.
    const rules = fc.record({
      weekday: fc.oneof(
        { arbitrary: fc.constant(7), weight: 3 },
        { arbitrary: fc.integer({ min: 1, max: 7 }), weight: 1 },
      ),
      localStartTime: fc
        .tuple(
          fc.oneof(
            { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 3 },
            { arbitrary: fc.integer({ min: 0, max: 23 }), weight: 1 },
          ),
          fc.constantFrom(0, 15, 30, 45),
        )
        .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
      startDate: fc
        .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      occurrences: fc.integer({ min: 1, max: 60 }),
      untilDate: fc.constant(null),
    });

    it('falls on the weekday, a calendar week apart, at the agreed local time or (in a gap) later by the gap', () => {
      fc.assert(
        fc.property(rules, fc.constantFrom(...zones), (r, zone) => {
          const occurrences = expandWeekly(r, zone);
          expect(occurrences).toHaveLength(r.occurrences);
          expect(occurrences[0]!.localDate >= r.startDate).toBe(true);
          expect(occurrences[0]!.localDate < addLocalDays(r.startDate, 7)).toBe(true);
          occurrences.forEach((o, i) => {
            expect(isoWeekday(o.localDate)).toBe(r.weekday);
            if (i > 0) expect(o.localDate).toBe(addLocalDays(occurrences[i - 1]!.localDate, 7));
            expect(o.localTime).toBe(r.localStartTime);
            const seen = localParts(o.startsAt, zone);
            if (seen.time !== r.localStartTime) {
              // Only a spring-forward gap changes the wall time: forward, by exactly the gap, the same day.
              const gap =
                offsetMinutes(o.startsAt, zone) - offsetMinutes(new Date(o.startsAt.getTime() - 3 * 3600e3), zone);
              expect(gap).toBeGreaterThan(0);
              expect(seen.date).toBe(o.localDate);
              expect(minutesOf(seen.time) - minutesOf(r.localStartTime)).toBe(gap);
            } else {
              expect(seen.date).toBe(o.localDate);
            }
          });
        }),
        { numRuns: 150 },
      );
    });

    it('takes the first of two occurrences of a repeated wall time', () => {
      fc.assert(
        fc.property(rules, fc.constantFrom(...zones), (r, zone) => {
          for (const o of expandWeekly(r, zone)) {
            const asSeen = wall(o.startsAt, zone);
            // Fall-back repeats at most an hour here (30 minutes on Lord Howe): nothing earlier shows the same time.
            for (const back of [30, 45, 60]) {
              expect(wall(new Date(o.startsAt.getTime() - back * 60e3), zone)).not.toBe(asSeen);
            }
          }
        }),
        { numRuns: 150 },
      );
    });

    it('moves the UTC instant by exactly the change of offset between two weeks at the same wall time', () => {
      fc.assert(
        fc.property(rules, fc.constantFrom(...zones), (r, zone) => {
          const occurrences = expandWeekly(r, zone);
          for (let i = 1; i < occurrences.length; i++) {
            const [a, b] = [occurrences[i - 1]!, occurrences[i]!];
            if (localParts(a.startsAt, zone).time !== r.localStartTime) continue;
            if (localParts(b.startsAt, zone).time !== r.localStartTime) continue;
            const shift = offsetMinutes(b.startsAt, zone) - offsetMinutes(a.startsAt, zone);
            expect(b.startsAt.getTime() - a.startsAt.getTime()).toBe((7 * 24 * 60 - shift) * 60e3);
          }
        }),
        { numRuns: 150 },
      );
    });

    it('stops on the last weekday on or before the end date', () => {
      fc.assert(
        fc.property(rules, fc.integer({ min: 0, max: 400 }), fc.constantFrom(...zones), (r, days, zone) => {
          const untilDate = addLocalDays(r.startDate, days);
          const occurrences = expandWeekly({ ...r, occurrences: null, untilDate }, zone);
          const last = occurrences[occurrences.length - 1];
          if (last) expect(last.localDate <= untilDate).toBe(true);
          const next = last
            ? addLocalDays(last.localDate, 7)
            : addLocalDays(r.startDate, (r.weekday - isoWeekday(r.startDate) + 7) % 7);
          expect(next > untilDate).toBe(true);
        }),
        { numRuns: 200 },
      );
    });
  });
});
