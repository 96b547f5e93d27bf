import { GROUP_LIMITS as DOMAIN_LIMITS, MAX_SCHEDULE_OCCURRENCES } from '@app/groups';
import { GROUP_LIMITS } from '../../apps/web/src/api/group-limits';

/**
 * The facilitation forms check a group before the API does, with a copy of its limits (the web app cannot import
 * the library): the copy must say what the library says, or a form would pass what the API refuses.
 */
describe('the web forms’ group limits', () => {
  it('equal the groups library’s for every limit both name', () => {
    const shared = Object.keys(GROUP_LIMITS).filter((key) => key in DOMAIN_LIMITS);
    expect(shared.length).toBeGreaterThanOrEqual(10);
    for (const key of shared) {
      expect([key, GROUP_LIMITS[key as keyof typeof GROUP_LIMITS]]).toEqual([
        key,
        DOMAIN_LIMITS[key as keyof typeof DOMAIN_LIMITS],
      ]);
    }
  });

  it('cap a weekly schedule at the meetings the library will make', () => {
    expect(GROUP_LIMITS.maxOccurrences).toBe(MAX_SCHEDULE_OCCURRENCES);
  });
});
