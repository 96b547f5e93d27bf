import { foundNothingToDo } from './job-handler';

describe('foundNothingToDo', () => {
  it('is true when every count of work is 0, passes made aside', () => {
    expect(foundNothingToDo({ events: 0, batches: 1, retrying: 0, quarantined: 0 })).toBe(true);
    expect(foundNothingToDo({ scope: 'due', enqueued: 0, delayed: 0 })).toBe(true);
    expect(foundNothingToDo({ planned: 0 })).toBe(true);
  });

  it('is false when something was done, or the result reports an outcome rather than counts', () => {
    expect(foundNothingToDo({ events: 3, batches: 1, retrying: 0, quarantined: 0 })).toBe(false);
    expect(foundNothingToDo({ scope: 'due', enqueued: 0, delayed: 2 })).toBe(false);
    expect(foundNothingToDo({ deliveryId: 'd1', outcome: 'sent' })).toBe(false);
    expect(foundNothingToDo({ batches: 1 })).toBe(false);
    expect(foundNothingToDo(undefined)).toBe(false);
  });
});
