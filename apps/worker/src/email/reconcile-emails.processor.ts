import { Injectable } from '@nestjs/common';
import { JobName, type JobData } from '@app/core';
import { EmailReconciler } from '@app/mail';
import { HandlesJob, type JobHandler, type JobResult } from '../jobs/job-handler';
import { SendEmailJobs, type EnsureOutcome } from './send-email-jobs';

/**
 * Every due ledger row gets a runnable job: PostgreSQL says what should be in flight, Redis may have lost it.
 * Runs every 30 s and once at boot (see EmailSchedules).
 */
@Injectable()
@HandlesJob(JobName.ReconcileEmails)
export class ReconcileEmailsProcessor implements JobHandler<JobName.ReconcileEmails> {
  constructor(
    private readonly reconciler: EmailReconciler,
    private readonly sendJobs: SendEmailJobs,
  ) {}

  async handle(_data: JobData<JobName.ReconcileEmails>): Promise<JobResult> {
    const counts: Record<EnsureOutcome, number> & { due: number } = {
      due: 0,
      added: 0,
      replaced: 0,
      promoted: 0,
      present: 0,
    };
    for await (const page of this.reconciler.duePages()) {
      // One page's Redis round trips go out together.
      const outcomes = await Promise.all(page.map((row) => this.sendJobs.ensureRunnable(row.id, row.attempts)));
      counts.due += page.length;
      for (const outcome of outcomes) counts[outcome] += 1;
    }
    return counts;
  }
}
