import fc from 'fast-check';
import {
  MAX_WINDOWS,
  SLOTS_PER_DAY,
  emptyWeek,
  slotsOf,
  windowsOf,
  type WeekSlots,
} from '../../apps/web/src/availability/week-slots';

/** The week grid's translation between the API's windows and half-hour slots (apps/web availability). */
describe('week slots', () => {
  const week = fc.array(fc.array(fc.boolean(), { minLength: SLOTS_PER_DAY, maxLength: SLOTS_PER_DAY }), {
    minLength: 7,
    maxLength: 7,
  });

  it('sends each run of free half hours as one window, and reads it back as the same slots', () => {
    fc.assert(
      fc.property(week, (slots: WeekSlots) => {
        const windows = windowsOf(slots);
        expect(slotsOf(windows)).toEqual(slots);
        for (const w of windows) {
          expect(w.start < w.end || w.end === '24:00').toBe(true);
          expect(w.start).toMatch(/^(?:[01]\d|2[0-3]):[03]0$/);
        }
      }),
    );
  });

  it('ends a window that runs to midnight at 24:00, as the API states it', () => {
    const slots = emptyWeek();
    slots[6]![SLOTS_PER_DAY - 1] = true;
    slots[6]![SLOTS_PER_DAY - 2] = true;
    expect(windowsOf(slots)).toEqual([{ weekday: 7, start: '23:00', end: '24:00' }]);
  });

  it('shows every half hour a window touches when it does not start or end on one', () => {
    const slots = slotsOf([{ weekday: 3, start: '18:15', end: '19:10' }]);
    expect(windowsOf(slots)).toEqual([{ weekday: 3, start: '18:00', end: '19:30' }]);
  });

  it('counts windows as the API does: a checkerboard week is more than it takes', () => {
    const checkerboard = emptyWeek().map((day) => day.map((_, slot) => slot % 2 === 0));
    expect(windowsOf(checkerboard).length).toBeGreaterThan(MAX_WINDOWS);
  });
});
