import { Injectable, Logger } from '@nestjs/common';
import { DelayedError, type Job } from 'bullmq';
import { Clock, type JobData } from '@app/core';
import { type DispatchResult, EmailDispatcher, MailJob, sendEmailJobId, WAKE_MARGIN_MS } from '@app/mail';
import { HandlesJob, type JobHandler, type JobResult } from '../jobs/job-handler';
import { SendEmailJobs } from './send-email-jobs';

/** Sends one ledger row, then makes sure its next step has a job (a retry after back-off, or a later start). */
@Injectable()
@HandlesJob(MailJob.SendEmail)
export class SendEmailProcessor implements JobHandler<typeof MailJob.SendEmail> {
  private readonly logger = new Logger(SendEmailProcessor.name);

  constructor(
    private readonly dispatcher: EmailDispatcher,
    private readonly sendJobs: SendEmailJobs,
    private readonly clock: Clock,
  ) {}

  async handle(
    { deliveryId }: JobData<typeof MailJob.SendEmail>,
    job: Job<JobData<typeof MailJob.SendEmail>, JobResult>,
    token: string | undefined,
  ): Promise<JobResult> {
    const result = await this.dispatcher.dispatch(deliveryId);
    switch (result.outcome) {
      case 'retry':
        await this.scheduleRetry(deliveryId, result.attempts, result.retryAt);
        break;
      case 'waiting':
        // This job is the one the row waits for (not a stale duplicate): keep it, but asleep until the row is due.
        // Completing it instead would leave a finished job under the id the reconciler would use next.
        if (job.id === sendEmailJobId(deliveryId, result.attempts)) {
          const wait = Math.max(0, result.until.getTime() - this.clock.now().getTime()) + WAKE_MARGIN_MS;
          // BullMQ schedules on the real clock; the wait is measured on ours.
          await job.moveToDelayed(Date.now() + wait, token);
          this.logger.log({ jobId: job.id, deliveryId, waitMs: wait }, 'email not due yet; job delayed');
          throw new DelayedError();
        }
        break;
      case 'sent':
      case 'skipped':
      case 'failed':
      case 'done':
      case 'superseded':
        break;
    }
    return summary(deliveryId, result);
  }

  private async scheduleRetry(deliveryId: string, attempts: number, retryAt: Date): Promise<void> {
    try {
      await this.sendJobs.schedule(deliveryId, attempts, retryAt);
    } catch (error) {
      // The row is pending in PostgreSQL: the reconciler enqueues it once due.
      this.logger.warn({ deliveryId, err: (error as Error).message }, 'could not enqueue the email retry');
    }
  }
}

function summary(deliveryId: string, result: DispatchResult): JobResult {
  switch (result.outcome) {
    case 'retry':
      return { deliveryId, outcome: result.outcome, attempts: result.attempts, retryAt: result.retryAt.toISOString() };
    case 'failed':
      return { deliveryId, outcome: result.outcome, attempts: result.attempts, reason: result.reason };
    case 'waiting':
      return { deliveryId, outcome: result.outcome, attempts: result.attempts, until: result.until.toISOString() };
    case 'done':
      return { deliveryId, outcome: result.outcome };
    case 'sent':
    case 'skipped':
    case 'superseded':
      return { deliveryId, outcome: result.outcome, attempts: result.attempts };
  }
}
