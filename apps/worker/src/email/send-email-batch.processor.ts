import { Injectable } from '@nestjs/common';
import { Clock, type JobData } from '@app/core';
import { type DispatchResult, EmailDispatcher, MailJob, WAKE_MARGIN_MS } from '@app/mail';
import { HandlesJob, type JobHandler, type JobResult } from '../jobs/job-handler';
import { SendEmailJobs, type FollowUp } from './send-email-jobs';

/**
 * Sends a batch of ledger rows together (see EmailDispatcher.dispatchMany), then gives each row that needs a next
 * step its own job: a retry after back-off, or a row that was not due yet (quiet hours) or was held by another
 * worker's claim.
 */
@Injectable()
@HandlesJob(MailJob.SendEmailBatch)
export class SendEmailBatchProcessor implements JobHandler<typeof MailJob.SendEmailBatch> {
  constructor(
    private readonly dispatcher: EmailDispatcher,
    private readonly sendJobs: SendEmailJobs,
    private readonly clock: Clock,
  ) {}

  async handle({ deliveryIds }: JobData<typeof MailJob.SendEmailBatch>): Promise<JobResult> {
    const results = await this.dispatcher.dispatchMany(deliveryIds);
    const followUps: FollowUp[] = [];
    const counts: Record<DispatchResult['outcome'], number> = {
      sent: 0,
      skipped: 0,
      failed: 0,
      retry: 0,
      waiting: 0,
      done: 0,
      superseded: 0,
    };
    for (const [deliveryId, result] of results) {
      counts[result.outcome] += 1;
      if (result.outcome === 'retry') followUps.push({ deliveryId, attempts: result.attempts, at: result.retryAt });
      if (result.outcome === 'waiting') {
        const at = new Date(Math.max(result.until.getTime(), this.clock.now().getTime()) + WAKE_MARGIN_MS);
        followUps.push({ deliveryId, attempts: result.attempts, at });
      }
    }
    // If Redis refuses, the rows are pending in PostgreSQL and the reconciler gives them jobs.
    await this.sendJobs.scheduleMany(followUps);
    return { emails: deliveryIds.length, ...counts };
  }
}
