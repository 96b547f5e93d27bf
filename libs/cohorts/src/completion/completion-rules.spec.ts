import { decideCompletion, type CompletionCounts, type CompletionRules } from './completion-rules';

const counts = (over: Partial<CompletionCounts> = {}): CompletionCounts => ({
  modulesCompleted: 0,
  modulesTotal: 4,
  meetingsHeld: 0,
  meetingsAttended: 0,
  inGroup: false,
  ...over,
});
const rules = (modulePercent: number, attendancePercent = 0): CompletionRules => ({ modulePercent, attendancePercent });

describe('decideCompletion', () => {
  it('needs every module by default (100 %)', () => {
    expect(decideCompletion(rules(100), counts({ modulesCompleted: 3 }))).toEqual({
      complete: false,
      unmet: ['modules'],
    });
    expect(decideCompletion(rules(100), counts({ modulesCompleted: 4 }))).toEqual({ complete: true, unmet: [] });
  });

  it('holds exactly at the threshold, without float rounding', () => {
    // 2/3 = 66.67 % >= 66 %, and 1/3 = 33.33 % < 34 %.
    expect(decideCompletion(rules(66), counts({ modulesTotal: 3, modulesCompleted: 2 })).complete).toBe(true);
    expect(decideCompletion(rules(34), counts({ modulesTotal: 3, modulesCompleted: 1 })).complete).toBe(false);
    // 7/10 at 70 %: 0.7 * 100 is 70.00000000000001 in floats; integers decide it right.
    expect(decideCompletion(rules(70), counts({ modulesTotal: 10, modulesCompleted: 7 })).complete).toBe(true);
  });

  it('holds with 0 % of modules even when none is done', () => {
    expect(decideCompletion(rules(0), counts()).complete).toBe(true);
  });

  it('needs no group when attendance counts for nothing', () => {
    expect(decideCompletion(rules(50, 0), counts({ modulesCompleted: 2, inGroup: false })).complete).toBe(true);
  });

  it('with an attendance rule, needs a group that has held meetings', () => {
    const done = { modulesCompleted: 4 };
    expect(decideCompletion(rules(100, 50), counts(done)).unmet).toEqual(['attendance']);
    expect(decideCompletion(rules(100, 50), counts({ ...done, inGroup: true })).unmet).toEqual(['attendance']);
    expect(
      decideCompletion(rules(100, 50), counts({ ...done, inGroup: true, meetingsHeld: 4, meetingsAttended: 1 })).unmet,
    ).toEqual(['attendance']);
    expect(
      decideCompletion(rules(100, 50), counts({ ...done, inGroup: true, meetingsHeld: 4, meetingsAttended: 2 })),
    ).toEqual({ complete: true, unmet: [] });
  });

  it('lists every rule that does not hold', () => {
    expect(decideCompletion(rules(100, 100), counts({ inGroup: true, meetingsHeld: 2 })).unmet).toEqual([
      'modules',
      'attendance',
    ]);
  });

  it('never completes with fewer modules done than a higher share needs (property over small counts)', () => {
    for (let total = 1; total <= 12; total++) {
      for (let done = 0; done <= total; done++) {
        for (let percent = 0; percent <= 100; percent++) {
          const complete = decideCompletion(
            rules(percent),
            counts({ modulesTotal: total, modulesCompleted: done }),
          ).complete;
          expect(complete).toBe(done / total >= percent / 100 - 1e-9);
        }
      }
    }
  });
});
