import { DeadlineMode } from '../cohorts/cohort.entity';
import { CohortCalendar } from '../schedule/cohort-calendar';
import { AtRiskFlag } from './at-risk-flag';
import type { DashboardModule, DashboardRow, LearnerFacts } from './dashboard.types';
import { selectRows, summarize } from './dashboard-view';
import { assessLearner, ModuleTimes, type AssessmentContext } from './learner-assessment';

// Start Monday 2 March 2026; module i released on day 7i, due on day 7i+6 (module 1 due Sunday 8 March, 23:59).
const modules: DashboardModule[] = [0, 1, 2].map((i) => ({
  moduleId: `m${i}`,
  position: i,
  title: `Module ${i + 1}`,
  releaseOffsetDays: 7 * i,
  dueOffsetDays: 7 * i + 6,
}));

function context(now: string, deadlineMode = DeadlineMode.Fixed): AssessmentContext {
  return {
    now: new Date(now),
    startsAt: new Date('2026-03-02T00:00:00Z'),
    times: new ModuleTimes(modules, new CohortCalendar({ startDate: '2026-03-02', timeZone: 'UTC', deadlineMode })),
  };
}

function learner(spec: Partial<LearnerFacts> = {}): LearnerFacts {
  return {
    userId: 'u1',
    displayName: 'Amaru Quispe',
    email: 'amaru@example.org',
    timeZone: 'UTC',
    enrolledAt: new Date('2026-02-20T00:00:00Z'),
    lastActiveAt: new Date('2026-03-08T12:00:00Z'),
    completedAt: null,
    group: { id: 'g1', number: 1 },
    completedModuleIds: [],
    extensions: {},
    counts: { meetingsAttended: 0, meetingsHeld: 0, posts: 0 },
    ...spec,
  };
}

describe('a learner on the dashboard', () => {
  it('counts released, completed and overdue modules against their calendar', () => {
    const row = assessLearner(learner({ completedModuleIds: ['m1', 'not-on-calendar'] }), context('2026-03-10T12:00Z'));
    expect(row.metrics).toMatchObject({ modulesReleased: 2, modulesCompleted: 1, modulesOverdue: 1 });
    expect(row.flags[AtRiskFlag.MissedDeadline]).toBe(true);
  });

  it('is not late at 23:59 on the due day, and late a minute after', () => {
    expect(assessLearner(learner(), context('2026-03-08T23:59:00Z')).flags.missedDeadline).toBe(false);
    expect(assessLearner(learner(), context('2026-03-09T00:00:00Z')).flags.missedDeadline).toBe(true);
  });

  it('moves the due instant by their extension', () => {
    const extended = learner({ extensions: { m0: 2 } });
    expect(assessLearner(extended, context('2026-03-10T12:00Z')).flags.missedDeadline).toBe(false);
    expect(assessLearner(extended, context('2026-03-11T00:00Z')).flags.missedDeadline).toBe(true);
  });

  it('reads deadlines in their own zone in learner-local mode', () => {
    // 23:30 UTC on 8 March: past 23:59 in Tokyo (14:59 UTC), not yet in La Paz (03:59 UTC the next day).
    const now = context('2026-03-08T23:30:00Z', DeadlineMode.LearnerLocal);
    expect(assessLearner(learner({ timeZone: 'Asia/Tokyo' }), now).flags.missedDeadline).toBe(true);
    expect(assessLearner(learner({ timeZone: 'America/La_Paz' }), now).flags.missedDeadline).toBe(false);
  });

  it('is inactive after 7 days without activity, counted from enrollment or the start when they never acted', () => {
    const now = context('2026-03-20T12:00:00Z');
    expect(assessLearner(learner({ lastActiveAt: new Date('2026-03-13T12:00:01Z') }), now).flags.inactive).toBe(false);
    expect(assessLearner(learner({ lastActiveAt: new Date('2026-03-13T11:59:59Z') }), now).flags.inactive).toBe(true);
    const never = { lastActiveAt: null };
    expect(assessLearner(learner({ ...never, enrolledAt: new Date('2026-03-15T00:00Z') }), now).flags.inactive).toBe(
      false,
    );
    expect(assessLearner(learner({ ...never, enrolledAt: new Date('2026-03-01T00:00Z') }), now).flags.inactive).toBe(
      true,
    );
    // Enrolled long before the start: not inactive in the cohort's first week.
    const early = learner({ ...never, enrolledAt: new Date('2026-01-01T00:00Z') });
    expect(assessLearner(early, context('2026-03-05T00:00Z')).flags.inactive).toBe(false);
  });

  it('flags no group, and at risk when any flag is raised', () => {
    const row = assessLearner(learner({ group: null }), context('2026-03-03T00:00Z'));
    expect(row.flags).toEqual({ missedDeadline: false, inactive: false, noGroup: true, reviewsOwed: false });
    expect(row.atRisk).toBe(true);
    expect(assessLearner(learner(), context('2026-03-03T00:00Z')).atRisk).toBe(false);
  });
});

describe('filtering, sorting and the summary', () => {
  const now = context('2026-03-10T12:00Z');
  const rows: DashboardRow[] = [
    assessLearner(learner({ userId: 'a', displayName: 'Zoë', completedModuleIds: ['m0'] }), now),
    assessLearner(learner({ userId: 'b', displayName: 'amaru', group: null, lastActiveAt: null }), now),
    assessLearner(
      learner({ userId: 'c', displayName: 'Élodie', completedModuleIds: ['m0', 'm1'], group: { id: 'g2', number: 2 } }),
      now,
    ),
  ];
  const ids = (kept: DashboardRow[]): string[] => kept.map((r) => r.userId);

  it('sorts by name ignoring case and accents, both ways', () => {
    expect(ids(selectRows(rows, {}))).toEqual(['b', 'c', 'a']);
    expect(ids(selectRows(rows, { sort: 'name', order: 'desc' }))).toEqual(['a', 'c', 'b']);
  });

  it('sorts by a metric, ties by name; never active counts as longest ago', () => {
    expect(ids(selectRows(rows, { sort: 'modulesCompleted', order: 'desc' }))).toEqual(['c', 'a', 'b']);
    expect(ids(selectRows(rows, { sort: 'lastActive' }))).toEqual(['b', 'c', 'a']);
    expect(ids(selectRows(rows, { sort: 'lastActive', order: 'desc' }))).toEqual(['c', 'a', 'b']);
  });

  it('filters by flag, group and name', () => {
    expect(ids(selectRows(rows, { flag: AtRiskFlag.NoGroup }))).toEqual(['b']);
    expect(ids(selectRows(rows, { flag: 'atRisk' }))).toEqual(['b']);
    expect(ids(selectRows(rows, { flag: AtRiskFlag.MissedDeadline, q: 'zo' }))).toEqual([]);
    expect(ids(selectRows(rows, { groupId: 'g2' }))).toEqual(['c']);
    expect(ids(selectRows(rows, { q: 'elo' }))).toEqual(['c']);
  });

  it('summarizes every learner', () => {
    expect(summarize(rows)).toEqual({
      learners: 3,
      atRisk: 1,
      missedDeadline: 1,
      inactive: 1,
      noGroup: 1,
      reviewsOwed: 0,
    });
  });
});
