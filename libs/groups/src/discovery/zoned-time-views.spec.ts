import fc from 'fast-check';
import { zonedTimeView } from '@app/core';
import { ZonedTimeViews } from './zoned-time-views';

describe('ZonedTimeViews', () => {
  const views = new ZonedTimeViews();

  it('shows the examples people see', () => {
    const instant = new Date('2026-03-03T22:00:00Z');
    expect(views.view(instant, 'Africa/Kigali')).toEqual({
      zone: 'Africa/Kigali',
      local: '2026-03-04T00:00',
      offset: '+02:00',
      display: 'Wed, Mar 4, 2026, 00:00 (Africa/Kigali)',
    });
    expect(views.view(instant, 'Asia/Kathmandu', 'fr').offset).toBe('+05:45');
    expect(views.view(instant, 'UTC').offset).toBe('+00:00');
    expect(views.view(new Date('2026-01-10T12:00:00Z'), 'Australia/Lord_Howe').offset).toBe('+11:00');
    expect(views.view(new Date('2026-07-10T12:00:00Z'), 'Australia/Lord_Howe').offset).toBe('+10:30');
  });

  it('gives exactly what zonedTimeView gives, in every zone (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Intl.supportedValuesOf('timeZone'), 'UTC'),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom('en', 'es', 'fr'),
        (zone, instant, locale) => {
          expect(views.view(instant, zone, locale)).toEqual(zonedTimeView(instant, zone, locale));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
