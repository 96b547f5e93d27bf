import { Injectable } from '@nestjs/common';
import { Clock, JobQueue } from '@app/core';
import { MailJob, sendEmailJobId } from '@app/mail';

/** A row's next attempt (`attempts + 1`), due at `at`. */
export interface FollowUp {
  deliveryId: string;
  attempts: number;
  at: Date;
}

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
    await this.jobs.enqueue(MailJob.SendEmail, { deliveryId }, { jobId: sendEmailJobId(deliveryId, attempts), delay });
  }

  /** The jobs of many rows' next attempts, in one round trip. */
  async scheduleMany(followUps: readonly FollowUp[]): Promise<void> {
    const now = this.clock.now().getTime();
    await this.jobs.enqueueMany(
      MailJob.SendEmail,
      followUps.map(({ deliveryId, attempts, at }) => ({
        data: { deliveryId },
        options: { jobId: sendEmailJobId(deliveryId, attempts), delay: Math.max(0, at.getTime() - now) },
      })),
    );
  }
}
