import fc from 'fast-check';
import { firstOnWeekday, instantOf, todayIn } from '../../apps/web/src/time/local-time';

/** The facilitation forms' reading of a group's local date and time (apps/web time/local-time). */
describe('local time in a zone', () => {
  it('reads a wall-clock time in the group’s zone, not the browser’s', () => {
    expect(instantOf('2027-01-06', '18:00', 'Africa/Kigali')).toBe('2027-01-06T16:00:00.000Z');
    expect(instantOf('2027-01-14', '19:30', 'Europe/Paris')).toBe('2027-01-14T18:30:00.000Z');
    expect(instantOf('2027-01-15', '00:15', 'Asia/Kathmandu')).toBe('2027-01-14T18:30:00.000Z');
    expect(instantOf('2027-01-06', '18:00', 'America/La_Paz')).toBe('2027-01-06T22:00:00.000Z');
  });

  it('follows RFC 5545 across DST changes: the first of a repeated time, and a time in the gap moved later', () => {
    // Paris, 25 October 2026: 02:30 happens twice; the first is still summer time (UTC+2).
    expect(instantOf('2026-10-25', '02:30', 'Europe/Paris')).toBe('2026-10-25T00:30:00.000Z');
    // Paris, 29 March 2026: 02:30 does not exist; it is read as 03:30 summer time.
    expect(instantOf('2026-03-29', '02:30', 'Europe/Paris')).toBe('2026-03-29T01:30:00.000Z');
    // New York, 8 March 2026 (STACK.md's example): 02:30 becomes 03:30 EDT.
    expect(instantOf('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
  });

  it('answers null for what is not a date, a time or a zone', () => {
    expect(instantOf('2027-1-6', '18:00', 'Europe/Paris')).toBeNull();
    expect(instantOf('2027-01-06', '6pm', 'Europe/Paris')).toBeNull();
    expect(instantOf('2027-01-06', '18:00', 'Mars/Olympus')).toBeNull();
  });

  it('gives back the same wall-clock time in the zone, for any time that exists there', () => {
    const zones = ['Asia/Kathmandu', 'America/La_Paz', 'Europe/Paris', 'America/New_York', 'Australia/Lord_Howe'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const minute = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
          const wallClock = (at: Date) => {
            const parts = new Intl.DateTimeFormat('en-CA', {
              timeZone: zone,
              hourCycle: 'h23',
              year: 'numeric',
              month: '2-digit',
              day: '2-digit',
              hour: '2-digit',
              minute: '2-digit',
            }).formatToParts(at);
            const part = (type: string) => parts.find((p) => p.type === type)!.value;
            return {
              date: `${part('year')}-${part('month')}-${part('day')}`,
              time: `${part('hour')}:${part('minute')}`,
            };
          };
          const shown = wallClock(minute);
          const read = new Date(instantOf(shown.date, shown.time, zone)!);
          expect(wallClock(read)).toEqual(shown);
          // A repeated time reads as its first occurrence: the same instant, or one up to an hour earlier.
          const gap = minute.getTime() - read.getTime();
          expect([0, 30 * 60_000, 3600_000]).toContain(gap);
        },
      ),
    );
  });

  it('finds the first date on a weekday, and today in a zone', () => {
    expect(firstOnWeekday('2027-01-04', 3)).toBe('2027-01-06');
    expect(firstOnWeekday('2027-01-06', 3)).toBe('2027-01-06');
    expect(firstOnWeekday('2027-01-07', 3)).toBe('2027-01-13');
    expect(firstOnWeekday('2027-01-04', 7)).toBe('2027-01-10');
    expect(todayIn('Asia/Kathmandu', new Date('2027-01-04T20:00:00Z'))).toBe('2027-01-05');
    expect(todayIn('America/La_Paz', new Date('2027-01-05T02:00:00Z'))).toBe('2027-01-04');
  });
});
