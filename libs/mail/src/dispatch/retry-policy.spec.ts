import fc from 'fast-check';
import { MAX_ATTEMPTS, maxRetryDelayMs, retryDelayMs } from './retry-policy';

describe('retryDelayMs', () => {
  it('doubles from 30 s and stops growing at one hour', () => {
    const middle = (attempts: number): number => retryDelayMs(attempts, () => 0.5);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(middle)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  it('stays within ±20% of the schedule whatever the jitter', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempts, r) => {
          const base = Math.min(3_600_000, 30_000 * 2 ** Math.min(attempts - 1, 30));
          const delay = retryDelayMs(attempts, () => r);
          return (
            delay >= Math.floor(base * 0.8) && delay <= Math.ceil(base * 1.2) && delay <= maxRetryDelayMs(attempts)
          );
        },
      ),
    );
  });

  it('gives up after a few hours of retries, not minutes', () => {
    let total = 0;
    for (let attempts = 1; attempts < MAX_ATTEMPTS; attempts++) total += retryDelayMs(attempts, () => 0.5);
    expect(total / 3_600_000).toBeGreaterThan(2.5);
    expect(total / 3_600_000).toBeLessThan(4);
  });
});
