import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { CohortCalendar } from '../schedule/cohort-calendar';
import { ProgressRepository } from './progress.repository';

/** One learner's dates for one module of a cohort, as their progress shows them (the extension included). */
export interface LearnerModuleDates {
  cohortId: string;
  courseVersionId: string;
  role: CohortRole | null;
  status: EnrollmentStatus | null;
  moduleId: string;
  releaseAt: Date;
  /** The learner's own due instant: fixed or in their zone, plus their extension. */
  dueAt: Date;
  /** The local due date (YYYY-MM-DD) in `zone`, the extension included. */
  dueDate: string;
  /** The zone the dates are read in (the cohort's, or the learner's in learner-local mode). */
  zone: string;
  extraDays: number;
}

/** A read function for libraries above: when a module opens and closes for one learner. */
@Injectable()
export class LearnerModuleDatesReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly progress: ProgressRepository,
  ) {}

  /** The course version the cohort runs; null when there is no such cohort. */
  async courseVersionOf(cohortId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ course_version_id: string }[]>(
      `SELECT course_version_id FROM cohorts WHERE id = $1`,
      [cohortId],
    );
    return rows[0]?.course_version_id ?? null;
  }

  /** Null when the cohort does not exist or the module is not on its calendar. */
  async find(cohortId: string, userId: string, moduleId: string): Promise<LearnerModuleDates | null> {
    return (await this.forLearner(cohortId, userId, moduleId)).find((d) => d.moduleId === moduleId) ?? null;
  }

  /** The person's dates for every module on the cohort's calendar (or one), in course order; empty for no cohort. */
  async forLearner(cohortId: string, userId: string, onlyModuleId?: string): Promise<LearnerModuleDates[]> {
    // The cohort's head row carries its course version: no second statement for it on every peer-review request.
    const facts = await this.progress.load(cohortId, userId);
    if (!facts) return [];
    const { courseVersionId } = facts.cohort;
    const calendar = new CohortCalendar(facts.cohort);
    return facts.modules
      .filter((module) => onlyModuleId === undefined || module.moduleId === onlyModuleId)
      .map((module) => {
        const dates = calendar.datesFor(module, facts.learnerZone, module.extraDays);
        return {
          cohortId,
          courseVersionId,
          role: facts.member?.role ?? null,
          status: facts.member?.status ?? null,
          moduleId: module.moduleId,
          releaseAt: dates.releaseAt,
          dueAt: dates.dueAt,
          dueDate: dates.dueDate,
          zone: dates.zone,
          extraDays: module.extraDays,
        };
      });
  }
}
