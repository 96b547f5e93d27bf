import { Injectable } from '@nestjs/common';
import { Clock, JobName, JobQueue, QueueName } from '@app/core';
import { sendEmailJobId } from '@app/mail';

/** What `ensureRunnable` found in Redis for a due delivery. */
export type EnsureOutcome = 'added' | 'replaced' | 'promoted' | 'present';

/** Puts SendEmail jobs in Redis for ledger rows. Job ids follow `sendEmailJobId(id, attempts)`. */
@Injectable()
export class SendEmailJobs {
  constructor(
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  /** The job of attempt `attempts + 1`, to run at `at` (the row's next_attempt_at). */
  async schedule(deliveryId: string, attempts: number, at: Date): Promise<void> {
    const delay = Math.max(0, at.getTime() - this.clock.now().getTime());
    await this.jobs.enqueue(JobName.SendEmail, { deliveryId }, { jobId: sendEmailJobId(deliveryId, attempts), delay });
  }

  /**
   * Makes sure a row that is due now has a job that will run soon. A lost job (Redis flushed) is added again;
   * a finished job kept under the same id (it would make `add` a no-op) is replaced; a job still delayed although
   * the ledger says due (clocks disagree, or a back-off was shortened) is promoted. Racing another reconciler or
   * the job itself is harmless: the ledger claim lets one attempt through.
   */
  async ensureRunnable(deliveryId: string, attempts: number): Promise<EnsureOutcome> {
    const queue = this.jobs.queue(QueueName.Email);
    const jobId = sendEmailJobId(deliveryId, attempts);
    const state = await queue.getJobState(jobId);
    switch (state) {
      case 'unknown':
        await this.schedule(deliveryId, attempts, this.clock.now());
        return 'added';
      case 'completed':
      case 'failed':
        await queue.remove(jobId);
        await this.schedule(deliveryId, attempts, this.clock.now());
        return 'replaced';
      case 'delayed': {
        const job = await queue.getJob(jobId);
        // It may have become waiting in between; that is what we wanted.
        await job?.promote().catch(() => undefined);
        return 'promoted';
      }
      case 'waiting':
      case 'prioritized':
      case 'active':
      case 'waiting-children':
        return 'present';
    }
  }
}
