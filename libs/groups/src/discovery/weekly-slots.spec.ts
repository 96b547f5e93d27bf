import fc from 'fast-check';
import { addLocalDays, localParts, minutesOfDay, zonedInstant } from '@app/core';
import type { AvailabilityWindow } from '@app/identity';
import {
  availabilityToWeekSpans,
  mergeSpans,
  MINUTES_PER_WEEK,
  toMultirangeLiteral,
  utcMinuteOfWeek,
  WeekSpansCache,
  wrapAroundWeek,
  type WeekSpan,
} from './weekly-slots';

const TUESDAY = 1 * 1440;
const SUNDAY = 6 * 1440;
const at = (iso: string): Date => new Date(iso);

describe('availability as UTC minutes of the week', () => {
  it('puts a Kigali Wednesday 00:00-02:00 on Tuesday 22:00-24:00 UTC, where a La Paz Tuesday 18:00 meeting is', () => {
    const now = at('2026-03-04T09:00:00Z');
    const kigali = availabilityToWeekSpans([{ weekday: 3, start: '00:00', end: '02:00' }], 'Africa/Kigali', now);
    expect(kigali).toEqual([[TUESDAY + 22 * 60, TUESDAY + 24 * 60]]);
    const meeting = utcMinuteOfWeek(zonedInstant('2026-03-03', '18:00', 'America/La_Paz'));
    expect(meeting).toBe(TUESDAY + 22 * 60);
    // Tuesday 18:00-20:00 in Kigali is 16:00-18:00 UTC: four hours before the meeting.
    expect(availabilityToWeekSpans([{ weekday: 2, start: '18:00', end: '20:00' }], 'Africa/Kigali', now)).toEqual([
      [TUESDAY + 16 * 60, TUESDAY + 18 * 60],
    ]);
  });

  it('wraps a +05:45 Monday morning back over the end of the UTC week', () => {
    const spans = availabilityToWeekSpans(
      [{ weekday: 1, start: '05:00', end: '06:00' }],
      'Asia/Kathmandu',
      at('2026-07-08T00:00:00Z'),
    );
    // Monday 05:00 +05:45 is Sunday 23:15 UTC.
    expect(spans).toEqual([
      [0, 15],
      [SUNDAY + 23 * 60 + 15, MINUTES_PER_WEEK],
    ]);
    expect(toMultirangeLiteral(spans)).toBe('{[0,15),[10035,10080)}');
  });

  it('moves a -04:00 Sunday evening forward to Monday in UTC', () => {
    const spans = availabilityToWeekSpans(
      [{ weekday: 7, start: '22:00', end: '24:00' }],
      'America/La_Paz',
      at('2026-07-08T00:00:00Z'),
    );
    expect(spans).toEqual([[2 * 60, 4 * 60]]);
  });

  it('puts a +13 Monday morning on Sunday in UTC', () => {
    const spans = availabilityToWeekSpans(
      [{ weekday: 1, start: '10:00', end: '12:00' }],
      'Pacific/Tongatapu',
      at('2026-07-08T00:00:00Z'),
    );
    expect(spans).toEqual([[SUNDAY + 21 * 60, SUNDAY + 23 * 60]]);
  });

  it("follows Lord Howe's half-hour DST: +11 in January, +10:30 in July", () => {
    const window: AvailabilityWindow[] = [{ weekday: 1, start: '09:00', end: '10:00' }];
    expect(availabilityToWeekSpans(window, 'Australia/Lord_Howe', at('2026-01-14T00:00:00Z'))).toEqual([
      [SUNDAY + 22 * 60, SUNDAY + 23 * 60],
    ]);
    expect(availabilityToWeekSpans(window, 'Australia/Lord_Howe', at('2026-07-15T00:00:00Z'))).toEqual([
      [SUNDAY + 22 * 60 + 30, SUNDAY + 23 * 60 + 30],
    ]);
  });

  it('uses the offsets of the day itself in a week with a DST change', () => {
    // New York springs forward on Sunday 8 March 2026: Monday is still EST (-05:00), Sunday ends in EDT (-04:00).
    const now = at('2026-03-04T12:00:00Z');
    const windows: AvailabilityWindow[] = [
      { weekday: 1, start: '18:00', end: '19:00' },
      { weekday: 7, start: '01:00', end: '04:00' },
    ];
    expect(availabilityToWeekSpans(windows, 'America/New_York', now)).toEqual([
      [23 * 60, 24 * 60],
      // 01:00 EST is 06:00 UTC and 04:00 EDT is 08:00 UTC: that night has two hours between them, not three.
      [SUNDAY + 6 * 60, SUNDAY + 8 * 60],
    ]);
    // Lord Howe springs forward by 30 minutes on Sunday 4 October 2026: that whole Sunday lasts 23.5 hours.
    const lordHowe = availabilityToWeekSpans(
      [{ weekday: 7, start: '00:00', end: '24:00' }],
      'Australia/Lord_Howe',
      at('2026-10-01T00:00:00Z'),
    );
    expect(lordHowe).toEqual([[5 * 1440 + 13 * 60 + 30, SUNDAY + 13 * 60]]);
  });

  it('takes the local week the person is in: late Sunday and early Monday are different weeks', () => {
    // Sunday 12:00-13:00 in Paris; Europe springs forward on Sunday 29 March 2026.
    const windows: AvailabilityWindow[] = [{ weekday: 7, start: '12:00', end: '13:00' }];
    // 22:30 UTC on Sunday 22 March is 23:30 in Paris, still that week: its Sunday is +01:00.
    expect(availabilityToWeekSpans(windows, 'Europe/Paris', at('2026-03-22T22:30:00Z'))).toEqual([
      [SUNDAY + 11 * 60, SUNDAY + 12 * 60],
    ]);
    // An hour later it is Monday 00:30 in Paris: the next week, whose Sunday is +02:00.
    expect(availabilityToWeekSpans(windows, 'Europe/Paris', at('2026-03-22T23:30:00Z'))).toEqual([
      [SUNDAY + 10 * 60, SUNDAY + 11 * 60],
    ]);
  });

  it('joins windows that touch across local midnight, and gives nothing for no windows', () => {
    const spans = availabilityToWeekSpans(
      [
        { weekday: 2, start: '00:00', end: '02:00' },
        { weekday: 1, start: '22:00', end: '24:00' },
      ],
      'UTC',
      at('2026-07-08T00:00:00Z'),
    );
    expect(spans).toEqual([[22 * 60, 26 * 60]]);
    expect(availabilityToWeekSpans([], 'Asia/Kathmandu', at('2026-07-08T00:00:00Z'))).toEqual([]);
    expect(toMultirangeLiteral([])).toBe('{}');
  });

  it('merges, sorts and wraps spans', () => {
    expect(
      mergeSpans([
        [50, 60],
        [0, 10],
        [10, 20],
        [55, 70],
      ]),
    ).toEqual([
      [0, 20],
      [50, 70],
    ]);
    expect(wrapAroundWeek(MINUTES_PER_WEEK - 30, 90)).toEqual([
      [MINUTES_PER_WEEK - 30, MINUTES_PER_WEEK],
      [0, 60],
    ]);
    expect(wrapAroundWeek(0, MINUTES_PER_WEEK)).toEqual([[0, MINUTES_PER_WEEK]]);
  });

  describe('property: an instant of the local week is covered exactly when its local time is in a window', () => {
    const ZONES = [
      'Asia/Kathmandu', // +05:45
      'America/La_Paz', // -04:00
      'Pacific/Tongatapu', // +13
      'Australia/Lord_Howe', // +10:30 / +11 (a 30-minute DST)
      'Pacific/Chatham', // +12:45 / +13:45
      'Pacific/Kiritimati', // +14
      'Pacific/Pago_Pago', // -11
      'America/St_Johns', // -03:30 / -02:30
      'America/New_York',
      'Europe/Paris',
      'Africa/Kigali',
      'UTC',
    ];
    // Weeks with a DST change in one of the zones above, plus any week at all.
    const DST_WEEKS = [
      '2026-03-08T12:00:00Z',
      '2026-03-29T12:00:00Z',
      '2026-04-05T12:00:00Z',
      '2026-09-27T12:00:00Z',
      '2026-10-04T12:00:00Z',
      '2026-10-25T12:00:00Z',
      '2026-11-01T12:00:00Z',
    ].map(at);
    const nowArb = fc.oneof(
      fc.date({ min: at('2024-01-01T00:00:00Z'), max: at('2032-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.constantFrom(...DST_WEEKS),
    );
    const hhmm = (m: number): string =>
      m === 1440 ? '24:00' : `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    /** Valid profile windows: per weekday, disjoint [start, end) on a 15-minute grid (as people enter them). */
    const windowsArb = fc
      .array(fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 6 }), {
        minLength: 7,
        maxLength: 7,
      })
      .map((days) =>
        days.flatMap((points, i) => {
          const sorted = [...points].sort((a, b) => a - b);
          const out: AvailabilityWindow[] = [];
          for (let k = 0; k + 1 < sorted.length; k += 2) {
            out.push({ weekday: i + 1, start: hhmm(sorted[k]! * 15), end: hhmm(sorted[k + 1]! * 15) });
          }
          return out;
        }),
      );

    const WEEK_MS = 7 * 24 * 3600 * 1000;
    const HOUR_MS = 3600 * 1000;
    const inWindow = (instant: Date, zone: string, windows: AvailabilityWindow[]): boolean => {
      const local = localParts(instant, zone);
      const minute = minutesOfDay(local.time);
      return windows.some(
        (w) => w.weekday === local.weekday && minutesOfDay(w.start) <= minute && minute < minutesOfDay(w.end),
      );
    };
    // Within three hours of an offset change, wall-clock reasoning has gaps and folds: checked by the examples above.
    const nearOffsetChange = (instant: Date, zone: string): boolean =>
      localParts(new Date(instant.getTime() - 3 * HOUR_MS), zone).offset !==
      localParts(new Date(instant.getTime() + 3 * HOUR_MS), zone).offset;
    const covers = (spans: WeekSpan[], minute: number): boolean => spans.some(([s, e]) => s <= minute && minute < e);

    it('holds for zones with odd offsets and DST, in any week', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...ZONES),
          nowArb,
          windowsArb,
          fc.array(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), { minLength: 40, maxLength: 40 }),
          (zone, now, windows, samples) => {
            const spans = availabilityToWeekSpans(windows, zone, now);
            const today = localParts(now, zone);
            const monday = addLocalDays(today.date, 1 - today.weekday);
            const weekStart = zonedInstant(monday, '00:00', zone).getTime();
            const weekEnd = zonedInstant(addLocalDays(monday, 7), '00:00', zone).getTime();
            for (const sample of samples) {
              const instant = new Date(Math.floor((weekStart + sample * (weekEnd - weekStart)) / 60_000) * 60_000);
              // The same UTC minute of the week can come round twice in a local week of 25 hours.
              const sameMinute = [
                instant,
                new Date(instant.getTime() - WEEK_MS),
                new Date(instant.getTime() + WEEK_MS),
              ].filter((t) => t.getTime() >= weekStart && t.getTime() < weekEnd);
              if (sameMinute.some((t) => nearOffsetChange(t, zone))) continue;
              const expected = sameMinute.some((t) => inWindow(t, zone, windows));
              expect(covers(spans, utcMinuteOfWeek(instant))).toBe(expected);
            }
            // Canonical: sorted, disjoint, not touching, inside the week.
            spans.forEach(([s, e], i) => {
              expect(0 <= s && s < e && e <= MINUTES_PER_WEEK).toBe(true);
              if (i > 0) expect(s).toBeGreaterThan(spans[i - 1]![1]);
            });
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});

describe('WeekSpansCache', () => {
  const windows: AvailabilityWindow[] = [{ weekday: 3, start: '00:00', end: '02:00' }];

  it('gives what the conversion gives, and recomputes for a new week or changed windows', () => {
    const cache = new WeekSpansCache();
    const now = at('2026-03-04T09:00:00Z');
    expect(cache.spansFor(windows, 'Africa/Kigali', now)).toEqual(
      availabilityToWeekSpans(windows, 'Africa/Kigali', now),
    );
    // Europe/Paris: +01:00 this week, +02:00 the week after the change of 29 March.
    const paris = [{ weekday: 3, start: '12:00', end: '13:00' }];
    expect(cache.spansFor(paris, 'Europe/Paris', at('2026-03-25T12:00:00Z'))).toEqual([
      [2 * 1440 + 660, 2 * 1440 + 720],
    ]);
    expect(cache.spansFor(paris, 'Europe/Paris', at('2026-04-01T12:00:00Z'))).toEqual([
      [2 * 1440 + 600, 2 * 1440 + 660],
    ]);
    const later = [{ weekday: 3, start: '13:00', end: '14:00' }];
    expect(cache.spansFor(later, 'Europe/Paris', at('2026-04-01T12:00:00Z'))).toEqual([
      [2 * 1440 + 660, 2 * 1440 + 720],
    ]);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const cache = new WeekSpansCache(2);
    const now = at('2026-03-04T09:00:00Z');
    const first = cache.spansFor(windows, 'UTC', now);
    const kigali = cache.spansFor(windows, 'Africa/Kigali', now);
    expect(cache.spansFor(windows, 'UTC', now)).toBe(first); // kept, and now the most recently used
    cache.spansFor(windows, 'Asia/Kathmandu', now); // a third entry: Kigali goes
    expect(cache.spansFor(windows, 'UTC', now)).toBe(first);
    const again = cache.spansFor(windows, 'Africa/Kigali', now);
    expect(again).not.toBe(kigali);
    expect(again).toEqual(kigali);
  });
});
