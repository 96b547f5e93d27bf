import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { InvalidInputError, Outbox, ResourceNotFoundError, type Actor, type FieldProblem } from '@app/core';
import { CompletionEvaluator } from '../completion/completion.evaluator';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import {
  applyScheduleOverrides,
  type CohortChanges,
  type ModuleScheduleInput,
  type PlannedModule,
} from './cohort-input';
import { Cohort } from './cohort.entity';
import { CohortReader } from './cohort-reader.service';
import { CohortRepository } from './cohort.repository';
import type { CohortDetail } from './cohort-views';
import { CohortEvent } from '../cohorts.events';

/** Columns a facilitator may edit, and whether changing one moves release or due instants. */
const EDITABLE = {
  title: false,
  description: false,
  capacity: false,
  enrollmentMode: false,
  completionModulePercent: false,
  completionAttendancePercent: false,
  startDate: true,
  timeZone: true,
  deadlineMode: true,
} as const satisfies Partial<Record<keyof Cohort & keyof CohortChanges, boolean>>;

type EditableField = keyof typeof EDITABLE;

/**
 * Facilitators edit a cohort and its calendar. The cohort row is locked, so capacity never drops below the
 * learners enrolled meanwhile. Each edit records what changed (`cohort.updated`) and, when release or due
 * instants move, `cohort.schedule-changed` naming the modules whose deadlines consumers must recompute.
 */
@Injectable()
export class UpdateCohortUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly cohorts: CohortRepository,
    private readonly completion: CompletionEvaluator,
    private readonly reader: CohortReader,
  ) {}

  async execute(actor: Actor, cohortId: string, changes: CohortChanges): Promise<CohortDetail> {
    await this.dataSource.transaction(async (manager) => {
      const cohort = await this.cohorts.lock(manager, cohortId);
      if (!cohort) throw new ResourceNotFoundError('cohort');
      const problems: FieldProblem[] = [];
      const next: Partial<Pick<Cohort, EditableField>> = {};
      for (const field of Object.keys(EDITABLE) as EditableField[]) {
        const value = changes[field];
        if (value !== undefined && value !== cohort[field]) Object.assign(next, { [field]: value });
      }
      if (next.title !== undefined) {
        next.title = next.title.trim();
        if (next.title.length === 0) problems.push({ field: 'title', message: 'title must not be blank' });
      }
      if (next.description !== undefined) next.description = next.description.trim();
      if (next.capacity !== undefined && next.capacity < cohort.enrolledCount) {
        problems.push({
          field: 'capacity',
          message: `capacity cannot be below the ${cohort.enrolledCount} learners enrolled`,
        });
      }
      const current = await this.cohorts.modules(cohortId, manager);
      const plan = changes.modules ? applyScheduleOverrides(current, changes.modules, problems) : current;
      if (problems.length > 0) throw new InvalidInputError(problems);

      const fields = Object.keys(next) as EditableField[];
      if (fields.length > 0) await manager.update(Cohort, { id: cohortId }, next);
      const moved = await this.saveOffsets(manager, cohortId, current, plan);
      if (fields.length > 0) {
        await this.outbox.record(manager, CohortEvent.CohortUpdated, cohortId, { cohortId, fields });
      }
      const everything = fields.some((field) => EDITABLE[field]);
      if (everything || moved.length > 0) {
        await this.outbox.record(manager, CohortEvent.CohortScheduleChanged, cohortId, {
          cohortId,
          moduleIds: everything ? current.map((m) => m.moduleId) : moved,
        });
      }
      // Relaxed rules may complete learners at once; stricter ones never undo a completion.
      if (next.completionModulePercent !== undefined || next.completionAttendancePercent !== undefined) {
        await this.completion.evaluate(manager, cohortId, null);
      }
    });
    return this.reader.detail(actor, cohortId);
  }

  /** Moves one module on the calendar. */
  async reschedule(actor: Actor, cohortId: string, schedule: ModuleScheduleInput): Promise<CohortDetail> {
    await this.dataSource.transaction(async (manager) => {
      if (!(await this.cohorts.lock(manager, cohortId))) throw new ResourceNotFoundError('cohort');
      const current = await this.cohorts.modules(cohortId, manager);
      if (!current.some((m) => m.moduleId === schedule.moduleId)) {
        throw new CohortsError(CohortsErrorCode.ModuleNotInCohort, 'moduleId');
      }
      if (schedule.dueOffsetDays < schedule.releaseOffsetDays) {
        throw new InvalidInputError([
          { field: 'dueOffsetDays', message: 'dueOffsetDays must not be before releaseOffsetDays' },
        ]);
      }
      const plan = applyScheduleOverrides(current, [schedule], []);
      const moved = await this.saveOffsets(manager, cohortId, current, plan);
      if (moved.length > 0) {
        await this.outbox.record(manager, CohortEvent.CohortScheduleChanged, cohortId, {
          cohortId,
          moduleIds: moved,
        });
      }
    });
    return this.reader.detail(actor, cohortId);
  }

  /** Writes the modules whose offsets differ, in one statement; returns their ids. */
  private async saveOffsets(
    manager: EntityManager,
    cohortId: string,
    current: readonly PlannedModule[],
    plan: readonly PlannedModule[],
  ): Promise<string[]> {
    const before = new Map(current.map((m) => [m.moduleId, m]));
    const moved = plan.filter((m) => {
      const old = before.get(m.moduleId);
      return old && (old.releaseOffsetDays !== m.releaseOffsetDays || old.dueOffsetDays !== m.dueOffsetDays);
    });
    if (moved.length === 0) return [];
    await manager.query(
      `UPDATE cohort_modules cm
          SET release_offset_days = x.release_offset_days, due_offset_days = x.due_offset_days
         FROM unnest($2::uuid[], $3::int[], $4::int[]) AS x(module_id, release_offset_days, due_offset_days)
        WHERE cm.cohort_id = $1 AND cm.module_id = x.module_id`,
      [
        cohortId,
        moved.map((m) => m.moduleId),
        moved.map((m) => m.releaseOffsetDays),
        moved.map((m) => m.dueOffsetDays),
      ],
    );
    return moved.map((m) => m.moduleId);
  }
}
