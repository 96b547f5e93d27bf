import { zonedTimeView, type ZonedTimeView } from '@app/core';
import type { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import type { DeadlineMode } from '../cohorts/cohort.entity';
import type { CohortCalendar } from '../schedule/cohort-calendar';
import type { ProgressFacts } from './progress.repository';

/** An instant of a learner's calendar: UTC, in the learner's own zone, and in the cohort's zone. */
export interface LearnerInstant {
  utc: string;
  learner: ZonedTimeView;
  cohort: ZonedTimeView;
}

export interface ModuleProgress {
  moduleId: string;
  position: number;
  title: string;
  /** Local dates in the zone the deadlines are kept in (`deadlineZone`), the extension included. */
  releaseDate: string;
  dueDate: string;
  releasesAt: LearnerInstant;
  dueAt: LearnerInstant;
  /** Days added to this learner's due date (0: none). */
  extraDays: number;
  released: boolean;
  completedAt: LearnerInstant | null;
  /** Completed after its (extended) due instant; null while not completed. */
  completedLate: boolean | null;
  /** Not completed and its due instant has passed. */
  overdue: boolean;
}

/** What is due next for the learner: the earliest due instant still ahead among modules not completed. */
export interface NextDue {
  moduleId: string;
  title: string;
  released: boolean;
  dueAt: LearnerInstant;
  secondsLeft: number;
}

export interface LearnerProgress {
  cohortId: string;
  userId: string;
  role: CohortRole | null;
  status: EnrollmentStatus | null;
  deadlineMode: DeadlineMode;
  /** Where release and due dates are read: the cohort's zone (fixed) or the learner's own (learner-local). */
  deadlineZone: string;
  learnerZone: string;
  cohortZone: string;
  modulesTotal: number;
  modulesCompleted: number;
  /** When the learner completed the cohort (its rules first held). */
  completedAt: LearnerInstant | null;
  next: NextDue | null;
  modules: ModuleProgress[];
}

/**
 * A learner's progress at `now`. Dates come from the cohort's calendar only (fixed or learner-local, with this
 * learner's extensions); `locale` is the reader's, who may be a facilitator.
 */
export function buildProgress(
  facts: ProgressFacts,
  userId: string,
  calendar: CohortCalendar,
  now: Date,
  locale: string,
): LearnerProgress {
  const { cohort, learnerZone } = facts;
  const at = (instant: Date): LearnerInstant => ({
    utc: instant.toISOString(),
    learner: zonedTimeView(instant, learnerZone, locale),
    cohort: zonedTimeView(instant, cohort.timeZone, locale),
  });
  let deadlineZone = cohort.timeZone;
  const rows = facts.modules.map((module) => {
    const dates = calendar.datesFor(module, learnerZone, module.extraDays);
    deadlineZone = dates.zone;
    const released = dates.releaseAt <= now;
    const progress: ModuleProgress = {
      moduleId: module.moduleId,
      position: module.position,
      title: module.title,
      releaseDate: dates.releaseDate,
      dueDate: dates.dueDate,
      releasesAt: at(dates.releaseAt),
      dueAt: at(dates.dueAt),
      extraDays: module.extraDays,
      released,
      completedAt: module.completedAt ? at(module.completedAt) : null,
      completedLate: module.completedAt ? module.completedAt > dates.dueAt : null,
      overdue: !module.completedAt && dates.dueAt < now,
    };
    return { progress, dueAt: dates.dueAt };
  });
  const next = rows
    .filter((row) => row.progress.completedAt === null && row.dueAt >= now)
    .reduce<(typeof rows)[number] | null>((best, row) => (!best || row.dueAt < best.dueAt ? row : best), null);
  const modules = rows.map((row) => row.progress);
  return {
    cohortId: cohort.id,
    userId,
    role: facts.member?.role ?? null,
    status: facts.member?.status ?? null,
    deadlineMode: cohort.deadlineMode,
    deadlineZone,
    learnerZone,
    cohortZone: cohort.timeZone,
    modulesTotal: modules.length,
    modulesCompleted: modules.filter((m) => m.completedAt !== null).length,
    completedAt: facts.member?.completedAt ? at(facts.member.completedAt) : null,
    next: next
      ? {
          moduleId: next.progress.moduleId,
          title: next.progress.title,
          released: next.progress.released,
          dueAt: next.progress.dueAt,
          secondsLeft: Math.floor((next.dueAt.getTime() - now.getTime()) / 1000),
        }
      : null,
    modules,
  };
}
