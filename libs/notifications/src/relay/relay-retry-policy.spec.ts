import { describeFailure, LAST_ERROR_MAX_LENGTH, OUTBOX_MAX_ATTEMPTS, outboxRetryDelayMs } from './relay-retry-policy';

describe('outbox relay retry policy', () => {
  it('waits 30 s, 2 min, 8 min, 32 min between the attempts before quarantine', () => {
    const delays = Array.from({ length: OUTBOX_MAX_ATTEMPTS - 1 }, (_, i) => outboxRetryDelayMs(i + 1));
    expect(delays).toEqual([30_000, 120_000, 480_000, 1_920_000]);
  });

  it('never waits more than an hour, whatever the count', () => {
    expect(outboxRetryDelayMs(6)).toBe(3_600_000);
    expect(outboxRetryDelayMs(10_000)).toBe(3_600_000);
    expect(outboxRetryDelayMs(0)).toBe(30_000);
  });

  it("keeps the handler's name and the message on one bounded line, never the stack", () => {
    const error = new Error('duplicate key value violates unique constraint "x"\nDETAIL: on two lines');
    const described = describeFailure('digest-planner', error);
    expect(described).toBe('digest-planner: duplicate key value violates unique constraint "x" DETAIL: on two lines');
    expect(described).not.toContain('relay-retry-policy.spec');
    expect(describeFailure('h', 'thrown string')).toBe('h: thrown string');
    const long = describeFailure('h', new Error('x'.repeat(5000)));
    expect(long).toHaveLength(LAST_ERROR_MAX_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });
});
