import { DeadlineMode } from '@app/cohorts';
import { localParts } from '@app/core';
import { planModuleReminders, type LearnerModule } from './module-reminder-plan';

const learnerModule = (over: Partial<LearnerModule> = {}): LearnerModule => ({
  cohortId: 'c1',
  userId: 'ana',
  moduleId: 'mod1',
  startDate: '2026-03-02',
  cohortZone: 'UTC',
  deadlineMode: DeadlineMode.LearnerLocal,
  learnerZone: 'America/La_Paz',
  releaseOffsetDays: 0,
  dueOffsetDays: 6,
  extraDays: 0,
  ...over,
});

describe('module due reminder plan', () => {
  const now = new Date('2026-03-02T00:00:00Z');

  it('reminds 24 h before the learner’s own 23:59, in their zone in learner-local mode', () => {
    const plan = planModuleReminders(
      [learnerModule(), learnerModule({ userId: 'nima', learnerZone: 'Asia/Kathmandu' })],
      now,
    );
    const [ana, nima] = plan.entries;
    // 8 March 23:59 in La Paz (-04:00) and in Kathmandu (+05:45).
    expect(ana).toMatchObject({
      dedupeKey: 'rem:module:c1:mod1:ana:2026-03-09T03:59:00.000Z',
      subjectId: 'mod1',
      dueAt: new Date('2026-03-08T03:59:00Z'),
      payload: { cohortId: 'c1', moduleId: 'mod1', deadlineAt: '2026-03-09T03:59:00.000Z' },
    });
    expect(nima!.dueAt).toEqual(new Date('2026-03-07T18:14:00Z'));
    expect(localParts(new Date(String(nima!.payload?.deadlineAt)), 'Asia/Kathmandu')).toMatchObject({
      date: '2026-03-08',
      time: '23:59',
    });
  });

  it('moves with an extension (a new key) and uses the cohort’s zone in fixed mode', () => {
    const [extended] = planModuleReminders([learnerModule({ extraDays: 3 })], now).entries;
    expect(extended!.dedupeKey).toBe('rem:module:c1:mod1:ana:2026-03-12T03:59:00.000Z');
    const [fixed] = planModuleReminders([learnerModule({ deadlineMode: DeadlineMode.Fixed })], now).entries;
    expect(fixed!.dueAt).toEqual(new Date('2026-03-07T23:59:00Z'));
  });

  it('plans nothing past, but keeps a reminder due and not yet released; forgets a deadline gone by', () => {
    const late = new Date('2026-03-08T12:00:00Z');
    expect(planModuleReminders([learnerModule()], late)).toEqual({
      entries: [],
      keep: ['rem:module:c1:mod1:ana:2026-03-09T03:59:00.000Z'],
    });
    expect(planModuleReminders([learnerModule()], new Date('2026-03-10T00:00:00Z'))).toEqual({ entries: [], keep: [] });
  });
});
