import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, Outbox, type Actor } from '@app/core';
import { CohortsError, CohortsErrorCode } from '../cohorts.errors';
import type { LearnerProgress } from '../progress/learner-progress';
import { LearnerProgressService } from '../progress/learner-progress.service';
import { CohortEvent } from '../cohorts.events';

/** Extra days for one learner on one module's due date, granted or taken back by a facilitator. */
@Injectable()
export class DeadlineExtensionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly progress: LearnerProgressService,
  ) {}

  /** Sets the extension (replacing any earlier one); answers with the learner's progress as it is now. */
  async grant(
    actor: Actor,
    cohortId: string,
    userId: string,
    moduleId: string,
    extraDays: number,
  ): Promise<LearnerProgress> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertTarget(manager, cohortId, userId, moduleId);
      await manager.query(
        `INSERT INTO deadline_extensions (cohort_id, user_id, module_id, extra_days, granted_by, granted_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (cohort_id, user_id, module_id)
         DO UPDATE SET extra_days = excluded.extra_days, granted_by = excluded.granted_by,
                       granted_at = excluded.granted_at`,
        [cohortId, userId, moduleId, extraDays, actor.userId, this.clock.now()],
      );
      await this.outbox.record(manager, CohortEvent.ExtensionGranted, cohortId, {
        cohortId,
        userId,
        moduleId,
        extraDays,
      });
      return this.progress.read(actor, cohortId, userId, manager);
    });
  }

  /** Takes the extension back; removing one that does not exist changes nothing and records nothing. */
  async revoke(actor: Actor, cohortId: string, userId: string, moduleId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.assertTarget(manager, cohortId, userId, moduleId);
      const [, removed] = await manager.query<[unknown[], number]>(
        `DELETE FROM deadline_extensions WHERE cohort_id = $1 AND user_id = $2 AND module_id = $3`,
        [cohortId, userId, moduleId],
      );
      if (removed > 0) {
        await this.outbox.record(manager, CohortEvent.ExtensionRevoked, cohortId, {
          cohortId,
          userId,
          moduleId,
          revokedBy: actor.userId,
        });
      }
    });
  }

  /** The person must be an active learner and the module on the cohort's calendar. */
  private async assertTarget(manager: EntityManager, cohortId: string, userId: string, moduleId: string) {
    const rows = await manager.query<{ learner: boolean; scheduled: boolean }[]>(
      `SELECT EXISTS (SELECT 1 FROM cohort_members
                       WHERE cohort_id = $1 AND user_id = $2 AND role = 'learner' AND status = 'active') AS learner,
              EXISTS (SELECT 1 FROM cohort_modules WHERE cohort_id = $1 AND module_id = $3) AS scheduled`,
      [cohortId, userId, moduleId],
    );
    if (!rows[0]?.learner) throw new CohortsError(CohortsErrorCode.NotEnrolled, 'userId');
    if (!rows[0].scheduled) throw new CohortsError(CohortsErrorCode.ModuleNotInCohort, 'moduleId');
  }
}
