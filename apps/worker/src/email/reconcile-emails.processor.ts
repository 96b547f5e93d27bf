import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, type JobData } from '@app/core';
import { EmailLedger, EmailReconciler, MailJob, type ReconcileScope } from '@app/mail';
import { HandlesJob, type JobHandler, type JobResult } from '../jobs/job-handler';
import { RunsEvery } from '../jobs/recurring-jobs';
import { EmailQueueMarker } from './email-queue-marker';
import { SendEmailJobs } from './send-email-jobs';

/**
 * PostgreSQL says what should be in flight; Redis may have lost it. A routine pass gives a job to rows due for a
 * while and still unclaimed, and to rows whose worker died; after Redis lost its data (the queue's marker is gone)
 * a pass gives one to every pending row: due ones in batches at once, later ones (retries, quiet hours) delayed
 * until their instant.
 */
@Injectable()
@HandlesJob(MailJob.ReconcileEmails)
@RunsEvery({ everyMs: 30_000, atBoot: true })
export class ReconcileEmailsProcessor implements JobHandler<typeof MailJob.ReconcileEmails> {
  private readonly logger = new Logger(ReconcileEmailsProcessor.name);

  constructor(
    private readonly reconciler: EmailReconciler,
    private readonly ledger: EmailLedger,
    private readonly sendJobs: SendEmailJobs,
    private readonly marker: EmailQueueMarker,
    private readonly clock: Clock,
  ) {}

  async handle(_data: JobData<typeof MailJob.ReconcileEmails>): Promise<JobResult> {
    const queueLost = !(await this.marker.present());
    const scope: ReconcileScope = queueLost ? 'pending' : 'stale';
    // Salts this pass's batch ids: a batch handed over by an earlier pass must not hide this one.
    const pass = randomUUID();
    let enqueued = 0;
    let delayed = 0;
    for await (const page of this.reconciler.duePages(undefined, undefined, scope)) {
      const now = this.clock.now();
      const due = page.filter((row) => row.nextAttemptAt <= now);
      const later = page.filter((row) => row.nextAttemptAt > now);
      await this.ledger.enqueue(
        due.map((row) => row.id),
        pass,
      );
      await this.sendJobs.scheduleMany(
        later.map((row) => ({ deliveryId: row.id, attempts: row.attempts, at: row.nextAttemptAt })),
      );
      enqueued += due.length;
      delayed += later.length;
    }
    if (queueLost) {
      await this.marker.mark();
      // Also the first pass on a new Redis, where nothing was lost.
      this.logger.log({ enqueued, delayed }, 'no reconciliation mark in Redis: every pending email was handed over');
    }
    return { scope, enqueued, delayed };
  }
}
