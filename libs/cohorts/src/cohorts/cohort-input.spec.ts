import type { FieldProblem } from '@app/core';
import { applyScheduleOverrides, coFacilitatorProblems, defaultPlan } from './cohort-input';
import { inviteLink } from './cohort-reader.service';

const modules = [
  { id: 'a', title: 'One' },
  { id: 'b', title: 'Two' },
  { id: 'c', title: 'Three' },
];

describe('a cohort’s calendar input', () => {
  it('defaults to one module a week: released on day 7i, due on day 7i + 6', () => {
    expect(defaultPlan(modules).map((m) => [m.moduleId, m.position, m.releaseOffsetDays, m.dueOffsetDays])).toEqual([
      ['a', 0, 0, 6],
      ['b', 1, 7, 13],
      ['c', 2, 14, 20],
    ]);
  });

  it('overrides the listed modules only, keeping course order', () => {
    const problems: FieldProblem[] = [];
    const plan = applyScheduleOverrides(
      defaultPlan(modules),
      [{ moduleId: 'c', releaseOffsetDays: 3, dueOffsetDays: 30 }],
      problems,
    );
    expect(problems).toEqual([]);
    expect(plan.map((m) => [m.moduleId, m.releaseOffsetDays, m.dueOffsetDays])).toEqual([
      ['a', 0, 6],
      ['b', 7, 13],
      ['c', 3, 30],
    ]);
  });

  it('names each bad entry: unknown, listed twice, due before release', () => {
    const problems: FieldProblem[] = [];
    applyScheduleOverrides(
      defaultPlan(modules),
      [
        { moduleId: 'z', releaseOffsetDays: 0, dueOffsetDays: 1 },
        { moduleId: 'a', releaseOffsetDays: 5, dueOffsetDays: 4 },
        { moduleId: 'a', releaseOffsetDays: 0, dueOffsetDays: 1 },
        { moduleId: 'b', releaseOffsetDays: 9, dueOffsetDays: 9 },
      ],
      problems,
    );
    expect(problems.map((p) => p.field)).toEqual([
      'modules.0.moduleId',
      'modules.1.dueOffsetDays',
      'modules.2.moduleId',
    ]);
  });

  it('refuses the creator as a co-facilitator and duplicates', () => {
    expect(coFacilitatorProblems('me', ['x', 'me', 'x', 'y']).map((p) => p.field)).toEqual([
      'coFacilitators.1',
      'coFacilitators.2',
    ]);
  });

  it('builds the invite link on the public URL, with or without a trailing slash', () => {
    expect(inviteLink('https://learn.example.org/', 'c1', 'abc_-9')).toBe(
      'https://learn.example.org/cohorts/c1/join?code=abc_-9',
    );
    expect(inviteLink('https://learn.example.org', 'c1', 'abc')).toBe(
      'https://learn.example.org/cohorts/c1/join?code=abc',
    );
  });
});
