import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox, type Actor } from '@app/core';
import { CohortActivity } from '../activity/cohort-activity';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import { CompletionEvaluator } from '../completion/completion.evaluator';
import { CohortRole, EnrollmentStatus } from '../cohorts/cohort-member.entity';
import { CohortCalendar } from '../schedule/cohort-calendar';
import type { LearnerProgress } from './learner-progress';
import { LearnerProgressService } from './learner-progress.service';
import { ProgressRepository } from './progress.repository';
import { CohortEvent } from '../cohorts.events';

/**
 * An active learner marks a released module done. Once: completing again changes nothing and records nothing.
 * The completion may complete the cohort for them, decided in the same transaction.
 */
@Injectable()
export class CompleteModuleUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly progress: ProgressRepository,
    private readonly reader: LearnerProgressService,
    private readonly completion: CompletionEvaluator,
    private readonly activity: CohortActivity,
  ) {}

  async execute(actor: Actor, cohortId: string, moduleId: string): Promise<LearnerProgress> {
    const userId = actor.userId;
    return this.dataSource.transaction(async (manager) => {
      // Locks the learner's row: a withdrawal cannot slip between the check and the insert.
      const members = await manager.query<{ role: CohortRole; status: EnrollmentStatus }[]>(
        `SELECT role, status FROM cohort_members WHERE cohort_id = $1 AND user_id = $2 FOR UPDATE`,
        [cohortId, userId],
      );
      const member = members[0];
      if (member?.role !== CohortRole.Learner || member.status !== EnrollmentStatus.Active) {
        throw new CohortsError(CohortsErrorCode.NotEnrolled);
      }
      const facts = await this.progress.load(cohortId, userId, manager);
      const module = facts?.modules.find((m) => m.moduleId === moduleId);
      if (!facts || !module) throw new CohortsError(CohortsErrorCode.ModuleNotInCohort, 'moduleId');
      const now = this.clock.now();
      const { releaseAt } = new CohortCalendar(facts.cohort).datesFor(module, facts.learnerZone, module.extraDays);
      if (releaseAt > now) throw new CohortsError(CohortsErrorCode.ModuleNotReleased, 'moduleId');

      const inserted = await manager.query<unknown[]>(
        `INSERT INTO module_completions (cohort_id, user_id, module_id, completed_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING module_id`,
        [cohortId, userId, moduleId, now],
      );
      if (inserted.length > 0) {
        await this.outbox.record(manager, CohortEvent.ModuleCompleted, cohortId, { cohortId, userId, moduleId });
        await this.completion.evaluate(manager, cohortId, [userId]);
      }
      await this.activity.touch(cohortId, userId, manager);
      return this.reader.read(actor, cohortId, userId, manager);
    });
  }
}
