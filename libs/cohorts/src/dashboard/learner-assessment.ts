import type { CohortCalendar } from '../schedule/cohort-calendar';
import { AtRiskFlag } from './at-risk-flag';
import { DASHBOARD_COLUMNS, type AtRiskRule } from './dashboard-columns';
import type { DashboardMetrics, DashboardModule, DashboardRow, LearnerFacts } from './dashboard.types';

export const INACTIVE_AFTER_DAYS = 7;

const DASHBOARD_RULES: readonly AtRiskRule[] = DASHBOARD_COLUMNS.flatMap((c) =>
  'atRisk' in c && c.atRisk ? [c.atRisk as AtRiskRule] : [],
);
const DAY_MS = 24 * 60 * 60 * 1000;

export interface AssessmentContext {
  now: Date;
  /** The cohort's first instant (00:00 of its start date in its zone): nobody is inactive before it starts. */
  startsAt: Date;
  /** The cohort's modules in course order, with their instants per zone. */
  times: ModuleTimes;
  /** The columns' at-risk rules (contributed columns' included); the cohorts library's own by default. */
  atRiskRules?: readonly AtRiskRule[];
}

/**
 * Each module's release and due instants (epoch ms) per learner zone, asked of the calendar once per zone (and
 * once per extended due date), not once per learner and module: 1,000 learners in 30 zones are 30 lookups.
 */
export class ModuleTimes {
  private readonly byZone = new Map<string, { releaseAt: number[]; dueAt: number[] }>();

  constructor(
    readonly modules: readonly DashboardModule[],
    private readonly calendar: CohortCalendar,
  ) {}

  inZone(zone: string): { releaseAt: readonly number[]; dueAt: readonly number[] } {
    let times = this.byZone.get(zone);
    if (!times) {
      const dates = this.modules.map((module) => this.calendar.datesFor(module, zone));
      times = { releaseAt: dates.map((d) => d.releaseAt.getTime()), dueAt: dates.map((d) => d.dueAt.getTime()) };
      this.byZone.set(zone, times);
    }
    return times;
  }

  extendedDueAt(index: number, zone: string, extraDays: number): number {
    return this.calendar.datesFor(this.modules[index]!, zone, extraDays).dueAt.getTime();
  }
}

/**
 * One learner's dashboard row: progress against their own calendar (their zone in learner-local mode, their
 * extensions on due dates), the columns' counts, and the at-risk flags.
 */
export function assessLearner(facts: LearnerFacts, context: AssessmentContext): DashboardRow {
  const now = context.now.getTime();
  const { modules } = context.times;
  const { releaseAt, dueAt } = context.times.inZone(facts.timeZone);
  const completed = new Set(facts.completedModuleIds);
  let released = 0;
  let done = 0;
  let overdue = 0;
  modules.forEach((module, i) => {
    const extraDays = facts.extensions[module.moduleId];
    const due = extraDays ? context.times.extendedDueAt(i, facts.timeZone, extraDays) : dueAt[i]!;
    if (releaseAt[i]! <= now) released += 1;
    if (completed.has(module.moduleId)) done += 1;
    else if (due < now) overdue += 1;
  });
  // The built-in columns are always counted (0 when none), so every MetricKey is present.
  const metrics = {
    modulesReleased: released,
    modulesCompleted: done,
    modulesOverdue: overdue,
    ...facts.counts,
  } as DashboardMetrics;

  // Quiet since their last action, or since they joined if they never acted; the clock starts with the cohort.
  const quietSince = Math.max((facts.lastActiveAt ?? facts.enrolledAt).getTime(), context.startsAt.getTime());
  const flags: Record<AtRiskFlag, boolean> = {
    [AtRiskFlag.MissedDeadline]: overdue > 0,
    [AtRiskFlag.Inactive]: quietSince < now - INACTIVE_AFTER_DAYS * DAY_MS,
    [AtRiskFlag.NoGroup]: facts.group === null,
    [AtRiskFlag.ReviewsOwed]: false,
  };
  const rules = context.atRiskRules ?? DASHBOARD_RULES;
  for (const rule of rules) if (rule.when(metrics)) flags[rule.flag] = true;
  return {
    userId: facts.userId,
    displayName: facts.displayName,
    email: facts.email,
    timeZone: facts.timeZone,
    group: facts.group,
    enrolledAt: facts.enrolledAt,
    lastActiveAt: facts.lastActiveAt,
    completedAt: facts.completedAt,
    metrics,
    flags,
    atRisk: Object.values(flags).some(Boolean),
  };
}
