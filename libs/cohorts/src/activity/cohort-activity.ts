import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@app/core';

/** Writes at most one activity stamp per learner and cohort per this many minutes: reads stay cheap. */
const STAMP_EVERY_MINUTES = 5;

/**
 * Records that a person did something in a cohort (opened it, posted, completed a module), for the
 * facilitator dashboard's "last active" and its "inactive for 7 days" flag.
 */
@Injectable()
export class CohortActivity {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Pass the manager of the transaction doing the action, or none for a read. */
  async touch(cohortId: string, userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `UPDATE cohort_members
          SET last_active_at = $3
        WHERE cohort_id = $1 AND user_id = $2
          AND (last_active_at IS NULL OR last_active_at < $3::timestamptz - make_interval(mins => $4))`,
      [cohortId, userId, this.clock.now(), STAMP_EVERY_MINUTES],
    );
  }
}
