import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobQueue, QueueName } from '@app/core';

export const RECONCILE_EMAILS_SCHEDULER = 'reconcile-emails';
export const RECONCILE_EMAILS_EVERY_MS = 30_000;

/** Registers the periodic email reconciliation and runs it once now, for rows left pending while Redis was down. */
@Injectable()
export class EmailSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(EmailSchedules.name);

  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    // Upserting is idempotent: every worker process may do it at boot and Redis keeps one schedule.
    await this.jobs.queue(QueueName.Maintenance).upsertJobScheduler(
      RECONCILE_EMAILS_SCHEDULER,
      { every: RECONCILE_EMAILS_EVERY_MS },
      {
        name: JobName.ReconcileEmails,
        data: {},
        opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } },
      },
    );
    await this.jobs.enqueue(JobName.ReconcileEmails, {}, { removeOnComplete: { count: 100 } });
    this.logger.log({ everyMs: RECONCILE_EMAILS_EVERY_MS }, 'email reconciliation scheduled');
  }
}
