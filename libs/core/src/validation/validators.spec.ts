import fc from 'fast-check';
import { isIanaTimeZone, minutesOfDay } from './validators';

describe('isIanaTimeZone', () => {
  it('accepts every zone the runtime knows, including half- and quarter-hour ones', () => {
    const zones = Intl.supportedValuesOf('timeZone');
    expect(zones.length).toBeGreaterThan(300);
    expect(zones.filter((z) => !isIanaTimeZone(z))).toEqual([]);
    for (const z of ['Asia/Kathmandu', 'Australia/Lord_Howe', 'America/La_Paz', 'UTC', 'Etc/GMT+5']) {
      expect(isIanaTimeZone(z)).toBe(true);
    }
  });

  it('rejects offsets, abbreviations, unknown names and non-strings', () => {
    for (const z of ['+02:00', 'GMT+2', 'CEST', 'Mars/Olympus_Mons', 'Europe/', '', ' Europe/Berlin', 42, null]) {
      expect(isIanaTimeZone(z)).toBe(false);
    }
  });

  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ maxLength: 80 }), (s) => typeof isIanaTimeZone(s) === 'boolean'));
  });
});

describe('minutesOfDay', () => {
  it('reads HH:MM, including the end of day', () => {
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('07:45')).toBe(465);
    expect(minutesOfDay('24:00')).toBe(1440);
  });
});
