import fc from 'fast-check';
import { parseAwardRule } from './award-rule-input';

describe('parseAwardRule', () => {
  it('accepts each rule in its own scope, typed and without extra keys', () => {
    expect(parseAwardRule('cohort', { kind: 'cohort-completed' })).toEqual({
      rule: { kind: 'cohort-completed' },
      problems: [],
    });
    expect(parseAwardRule('group', { kind: 'meetings-attended', count: 3 }).rule).toEqual({
      kind: 'meetings-attended',
      count: 3,
    });
    expect(
      parseAwardRule('cohort', {
        kind: 'submission-scored',
        minScore: 80,
        assignmentId: 'A1B2C3D4-0000-4000-8000-000000000000',
      }).rule,
    ).toEqual({ kind: 'submission-scored', minScore: 80, assignmentId: 'a1b2c3d4-0000-4000-8000-000000000000' });
  });

  it('refuses a rule of another scope, naming rule.kind', () => {
    expect(parseAwardRule('group', { kind: 'reviews-given', count: 1, minHelpfulness: 3 }).problems).toEqual([
      expect.objectContaining({ field: 'rule.kind' }),
    ]);
    expect(parseAwardRule('platform', { kind: 'cohort-completed' }).problems[0]?.field).toBe('rule.kind');
    expect(parseAwardRule('cohort', 'cohort-completed').problems[0]?.field).toBe('rule');
  });

  it('names every bound it breaks', () => {
    const fields = (input: object) => parseAwardRule('cohort', input).problems.map((p) => p.field);
    expect(fields({ kind: 'reviews-given', count: 1.5, minHelpfulness: 0.5 })).toEqual([
      'rule.count',
      'rule.minHelpfulness',
    ]);
    expect(fields({ kind: 'submission-scored', minScore: -1, assignmentId: 'x' })).toEqual([
      'rule.minScore',
      'rule.assignmentId',
    ]);
    expect(fields({ kind: 'cohort-completed', count: 2 })).toEqual(['rule.count']);
  });

  it('accepts exactly the counts from 1 and the helpfulness from 1 to 5', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10, max: 2_000 }), fc.double({ min: -1, max: 7, noNaN: true }), (count, min) => {
        const ok = parseAwardRule('cohort', { kind: 'reviews-given', count, minHelpfulness: min }).rule !== null;
        expect(ok).toBe(count >= 1 && count <= 1_000 && min >= 1 && min <= 5);
      }),
    );
  });
});
