import fc from 'fast-check';
import { addLocalDays, isoWeekday, localParts } from '@app/core';
import { nextDigest, type DigestPreference, type PlannedDigest } from './next-digest';

const daily = (hour: number): DigestPreference => ({ digest: 'daily', digestHour: hour, digestWeekday: 1 });
const ZONES = Intl.supportedValuesOf('timeZone');

describe('nextDigest', () => {
  it('is 08:00 local in La Paz (12:00Z) and in Kathmandu (02:15Z)', () => {
    const after = new Date('2026-03-02T00:00:00Z');
    expect(nextDigest(daily(8), 'America/La_Paz', after)).toEqual({
      frequency: 'daily',
      localDate: '2026-03-02',
      dueAt: new Date('2026-03-02T12:00:00Z'),
    });
    expect(nextDigest(daily(8), 'Asia/Kathmandu', after)?.dueAt).toEqual(new Date('2026-03-02T02:15:00Z'));
  });

  it('keeps the local hour across DST changes, with one digest per local day', () => {
    const cases: [string, string, string[]][] = [
      // New York springs forward on 8 March 2026: 08:00 EST is 13:00Z, 08:00 EDT is 12:00Z.
      ['America/New_York', '2026-03-07T00:00:00Z', ['2026-03-07T13:00:00Z', '2026-03-08T12:00:00Z']],
      // Berlin falls back on 25 October 2026.
      ['Europe/Berlin', '2026-10-23T12:00:00Z', ['2026-10-24T06:00:00Z', '2026-10-25T07:00:00Z']],
      // Lord Howe moves by 30 minutes on 5 April 2026 (+11 to +10:30).
      ['Australia/Lord_Howe', '2026-04-03T00:00:00Z', ['2026-04-03T21:00:00Z', '2026-04-04T21:30:00Z']],
    ];
    for (const [zone, start, expected] of cases) {
      const first = nextDigest(daily(8), zone, new Date(start))!;
      const second = nextDigest(daily(8), zone, first.dueAt)!;
      expect([first.dueAt.toISOString(), second.dueAt.toISOString()]).toEqual(
        expected.map((e) => new Date(e).toISOString()),
      );
      expect(second.localDate).toBe(addLocalDays(first.localDate, 1));
    }
  });

  it('takes the documented rule in a spring-forward gap: 02:00 in New York on 8 March 2026 is 03:00 EDT', () => {
    const digest = nextDigest(daily(2), 'America/New_York', new Date('2026-03-08T00:00:00Z'))!;
    expect(digest.localDate).toBe('2026-03-08');
    expect(localParts(digest.dueAt, 'America/New_York').time).toBe('03:00');
  });

  it('moves by the whole gap where it is two hours long (Antarctica/Troll, +00 to +02 on 29 March 2026)', () => {
    const digest = nextDigest(daily(2), 'Antarctica/Troll', new Date('2026-03-28T12:00:00Z'))!;
    expect(digest.localDate).toBe('2026-03-29');
    expect(localParts(digest.dueAt, 'Antarctica/Troll').time).toBe('04:00');
    expectChosenHour(digest, 'Antarctica/Troll', 2);
  });

  it('comes on the chosen weekday for weekly digests', () => {
    const digest = nextDigest(
      { digest: 'weekly', digestHour: 18, digestWeekday: 5 },
      'Africa/Kigali',
      new Date('2026-03-02T10:00:00Z'),
    )!;
    expect(digest).toEqual({ frequency: 'weekly', localDate: '2026-03-06', dueAt: new Date('2026-03-06T16:00:00Z') });
  });

  it('is null when digests are off', () => {
    expect(nextDigest({ digest: 'off', digestHour: 8, digestWeekday: 1 }, 'UTC', new Date())).toBeNull();
  });

  it('property: in every zone, each digest is the chosen hour on the next local day, never skipping or doubling', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 }),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        (zone, hour, after) => {
          const first = nextDigest(daily(hour), zone, after)!;
          const second = nextDigest(daily(hour), zone, first.dueAt)!;
          expect(first.dueAt.getTime()).toBeGreaterThan(after.getTime());
          expect(second.localDate).toBe(addLocalDays(first.localDate, 1));
          for (const digest of [first, second]) {
            expectChosenHour(digest, zone, hour);
          }
          // Nothing between `after` and the first digest would have been a digest slot.
          const before = nextDigest(daily(hour), zone, new Date(first.dueAt.getTime() - 1))!;
          expect(before.dueAt).toEqual(first.dueAt);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('property: weekly digests fall on the chosen weekday at the chosen hour, exactly seven local days apart', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 1, max: 7 }),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        (zone, hour, weekday, after) => {
          const pref: DigestPreference = { digest: 'weekly', digestHour: hour, digestWeekday: weekday };
          const first = nextDigest(pref, zone, after)!;
          const second = nextDigest(pref, zone, first.dueAt)!;
          expect(first.dueAt.getTime()).toBeGreaterThan(after.getTime());
          expect(second.localDate).toBe(addLocalDays(first.localDate, 7));
          for (const digest of [first, second]) {
            expect(isoWeekday(digest.localDate)).toBe(weekday);
            expectChosenHour(digest, zone, hour);
          }
          // No slot was passed over: within the week before the first digest, none was due after `after`.
          expect(nextDigest(pref, zone, new Date(first.dueAt.getTime() - 1))!.dueAt).toEqual(first.dueAt);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** UTC offset in minutes at an instant (on a whole minute). */
function offsetMinutes(instant: Date, zone: string): number {
  const local = localParts(instant, zone);
  return (Date.parse(`${local.date}T${local.time}:00Z`) - instant.getTime()) / 60_000;
}

/**
 * Rendered back in its zone, a digest is the chosen hour on its own local day; or, when that hour does not exist
 * that day (a spring-forward gap), later by exactly the gap (RFC 5545, as `zonedInstant` documents).
 */
function expectChosenHour(digest: PlannedDigest, zone: string, hour: number): void {
  const local = localParts(digest.dueAt, zone);
  expect(local.date).toBe(digest.localDate);
  const [h, m] = local.time.split(':').map(Number) as [number, number];
  const minutesLate = h * 60 + m - hour * 60;
  if (minutesLate === 0) return;
  const gap = offsetMinutes(digest.dueAt, zone) - offsetMinutes(new Date(digest.dueAt.getTime() - 3 * 3600_000), zone);
  expect({ zone, localDate: digest.localDate, minutesLate }).toEqual({
    zone,
    localDate: digest.localDate,
    minutesLate: gap,
  });
  expect(gap).toBeGreaterThan(0);
}
