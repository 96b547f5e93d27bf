import type { FieldProblem } from '@app/core';
import type { DeadlineMode, EnrollmentMode } from './cohort.entity';

export const COHORT_LIMITS = {
  titleLength: 120,
  descriptionLength: 5000,
  minCapacity: 1,
  maxCapacity: 100_000,
  /** cohort_modules_horizon_check: nothing is due more than two years after the start. */
  maxOffsetDays: 730,
  modules: 100,
  coFacilitators: 20,
} as const;

/** A module's place on the calendar, in days after the start date. */
export interface ModuleScheduleInput {
  moduleId: string;
  releaseOffsetDays: number;
  dueOffsetDays: number;
}

/** A new cohort, as its creator describes it. */
export interface CohortDraft {
  title: string;
  description?: string;
  courseVersionId: string;
  startDate: string;
  timeZone: string;
  capacity: number;
  enrollmentMode: EnrollmentMode;
  deadlineMode: DeadlineMode;
  completionModulePercent?: number;
  completionAttendancePercent?: number;
  /** Offsets for some modules; the others keep the default weekly rhythm. */
  modules?: ModuleScheduleInput[];
  /** Existing people who run the cohort with the creator, with equal rights. */
  coFacilitators?: string[];
}

/** An edit: absent fields stay as they are. */
export interface CohortChanges {
  title?: string;
  description?: string;
  capacity?: number;
  enrollmentMode?: EnrollmentMode;
  deadlineMode?: DeadlineMode;
  startDate?: string;
  timeZone?: string;
  completionModulePercent?: number;
  completionAttendancePercent?: number;
  modules?: ModuleScheduleInput[];
}

/** One module on a cohort's calendar, before it is written. */
export interface PlannedModule {
  moduleId: string;
  position: number;
  title: string;
  releaseOffsetDays: number;
  dueOffsetDays: number;
}

/** The default rhythm, one module a week: module i is released on day 7i and due on day 7i + 6. */
export function defaultPlan(modules: readonly { id: string; title: string }[]): PlannedModule[] {
  return modules.map((module, position) => ({
    moduleId: module.id,
    position,
    title: module.title,
    releaseOffsetDays: 7 * position,
    dueOffsetDays: 7 * position + 6,
  }));
}

/**
 * The plan with `overrides` applied, adding one problem per bad entry, named `<field>.N.<property>`: a module
 * not in the plan, one listed twice, a due day before the release day. Offsets' bounds are the DTO's job.
 */
export function applyScheduleOverrides(
  plan: readonly PlannedModule[],
  overrides: readonly ModuleScheduleInput[],
  problems: FieldProblem[],
  field = 'modules',
): PlannedModule[] {
  const byId = new Map(plan.map((module) => [module.moduleId, { ...module }]));
  const seen = new Set<string>();
  overrides.forEach((override, i) => {
    const module = byId.get(override.moduleId);
    if (!module) {
      problems.push({ field: `${field}.${i}.moduleId`, message: 'moduleId must name a module of the course version' });
      return;
    }
    if (seen.has(override.moduleId)) {
      problems.push({ field: `${field}.${i}.moduleId`, message: 'each module may be listed once' });
      return;
    }
    seen.add(override.moduleId);
    if (override.dueOffsetDays < override.releaseOffsetDays) {
      problems.push({
        field: `${field}.${i}.dueOffsetDays`,
        message: 'dueOffsetDays must not be before releaseOffsetDays',
      });
    }
    module.releaseOffsetDays = override.releaseOffsetDays;
    module.dueOffsetDays = override.dueOffsetDays;
  });
  return plan.map((module) => byId.get(module.moduleId)!);
}

/** Problems with the co-facilitator list that need no database: duplicates and the creator themself. */
export function coFacilitatorProblems(creatorId: string, userIds: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  userIds.forEach((userId, i) => {
    if (userId === creatorId) {
      problems.push({ field: `coFacilitators.${i}`, message: 'you facilitate the cohort already as its creator' });
    } else if (seen.has(userId)) {
      problems.push({ field: `coFacilitators.${i}`, message: 'each person may be listed once' });
    }
    seen.add(userId);
  });
  return problems;
}
