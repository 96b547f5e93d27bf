import fc from 'fast-check';
import { ConfigError, loadConfig } from '@app/core';
import { GROUP_LIMITS } from '@app/groups';
import { nextDigest } from '../digests/planning/next-digest';
import { MAX_EARLY_MINUTES } from '../quiet-hours/meeting-reminder-timing';
import { SCHEDULE_REPLAN_DAYS } from './schedule-retention';

const DAY_MS = 24 * 3600_000;
const ZONES = Intl.supportedValuesOf('timeZone');

/**
 * The bound retention's guarantee rests on: nothing plans a schedule key again more than SCHEDULE_REPLAN_DAYS after
 * it was due, and the shortest window the settings accept is longer than that.
 */
describe('SCHEDULE_REPLAN_DAYS', () => {
  it('covers the longest meeting reminder lead time, sent early for quiet hours', () => {
    const longestLeadMs = (GROUP_LIMITS.maxReminderOffsetMinutes + MAX_EARLY_MINUTES) * 60_000;
    expect(longestLeadMs).toBeLessThanOrEqual(SCHEDULE_REPLAN_DAYS * DAY_MS);
  });

  it('property: a digest for one local date, planned in any two zones, falls within it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 23 }),
        fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2034-12-31T00:00:00Z'), noInvalidDate: true }),
        (first, second, hour, after) => {
          const pref = { digest: 'daily' as const, digestHour: hour, digestWeekday: 1 };
          const released = nextDigest(pref, first, after)!;
          // The same local date in the other zone (the person moved): the key a re-plan there would write.
          const replanned = nextDigest(pref, second, new Date(released.dueAt.getTime() - 3 * DAY_MS));
          let later = replanned!;
          while (later.localDate < released.localDate) later = nextDigest(pref, second, later.dueAt)!;
          if (later.localDate !== released.localDate) return;
          expect(later.dueAt.getTime() - released.dueAt.getTime()).toBeLessThan(SCHEDULE_REPLAN_DAYS * DAY_MS);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is shorter than the shortest windows the settings accept', () => {
    expect(() => loadConfig({ RETENTION_SCHEDULE_DAYS: String(SCHEDULE_REPLAN_DAYS) })).toThrow(ConfigError);
    expect(() => loadConfig({ RETENTION_EMAIL_DAYS: String(SCHEDULE_REPLAN_DAYS) })).toThrow(ConfigError);
  });
});
