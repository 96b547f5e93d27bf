import { Injectable } from '@nestjs/common';
import { type JobData } from '@app/core';
import { NotificationJob, RetentionPass } from '@app/notifications';
import { HandlesJob, type JobHandler, type JobResult } from '../jobs/job-handler';
import { RunsEvery } from '../jobs/recurring-jobs';

/**
 * Deletes what the outbox, the schedule and the email ledger no longer need. Every ten minutes, each run bounded by
 * RETENTION_RUN_SECONDS (the maintenance queue runs one job at a time, the reconciler among them), so a backlog
 * (the first run on a large database) is worked off over several runs.
 */
@Injectable()
@HandlesJob(NotificationJob.ApplyRetention)
@RunsEvery({ everyMs: 600_000 })
export class ApplyRetentionProcessor implements JobHandler<typeof NotificationJob.ApplyRetention> {
  constructor(private readonly retention: RetentionPass) {}

  handle(_data: JobData<typeof NotificationJob.ApplyRetention>): Promise<JobResult> {
    return this.retention.run();
  }
}
