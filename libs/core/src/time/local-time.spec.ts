import fc from 'fast-check';
import { addLocalDays, localParts, renderInZone, zonedInstant } from './local-time';

describe('local time', () => {
  it('resolves a wall-clock time in its zone, at quarter- and half-hour offsets too', () => {
    expect(zonedInstant('2026-07-01', '08:00', 'America/La_Paz').toISOString()).toBe('2026-07-01T12:00:00.000Z');
    expect(zonedInstant('2026-07-01', '08:00', 'Asia/Kathmandu').toISOString()).toBe('2026-07-01T02:15:00.000Z');
    expect(zonedInstant('2026-01-10', '08:00', 'Australia/Lord_Howe').toISOString()).toBe('2026-01-09T21:00:00.000Z');
  });

  it('moves a time in the spring-forward gap forward by the gap (RFC 5545)', () => {
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(localParts(zonedInstant('2026-03-08', '02:30', 'America/New_York'), 'America/New_York').time).toBe('03:30');
    // Lord Howe springs forward by 30 minutes only: 02:15 falls in the gap and becomes 02:45.
    expect(localParts(zonedInstant('2026-10-04', '02:15', 'Australia/Lord_Howe'), 'Australia/Lord_Howe').time).toBe(
      '02:45',
    );
  });

  it('takes the first of two occurrences at fall-back', () => {
    expect(zonedInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('counts local days by the calendar, so 18:00 stays 18:00 across a DST change', () => {
    const before = zonedInstant('2026-03-07', '18:00', 'America/New_York');
    const after = zonedInstant(addLocalDays('2026-03-07', 1), '18:00', 'America/New_York');
    expect(after.getTime() - before.getTime()).toBe(23 * 3600 * 1000);
    expect(localParts(after, 'America/New_York')).toMatchObject({ date: '2026-03-08', time: '18:00', weekday: 7 });
  });

  it('round-trips any existing local time in any zone (property)', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        (zone, instant) => {
          const whole = new Date(Math.floor(instant.getTime() / 60000) * 60000);
          const parts = localParts(whole, zone);
          const back = zonedInstant(parts.date, parts.time, zone);
          // The first of two occurrences may be an hour earlier; every other time comes back exactly.
          const diff = whole.getTime() - back.getTime();
          expect(diff === 0 || (diff > 0 && diff <= 3 * 3600 * 1000)).toBe(true);
          expect(localParts(back, zone)).toMatchObject({ date: parts.date, time: parts.time });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('renders an instant for a person, naming their zone', () => {
    const instant = new Date('2026-03-03T22:00:00Z');
    expect(renderInZone(instant, 'America/La_Paz', 'en')).toBe('Tue, Mar 3, 2026, 18:00 (America/La_Paz)');
    expect(renderInZone(instant, 'Africa/Kigali', 'fr')).toContain('00:00 (Africa/Kigali)');
  });
});
