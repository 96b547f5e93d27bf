import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobQueue, QUEUE_OF_JOB } from '@app/core';

/**
 * Hourly: meetings come within the 30-day horizon continuously, and the earliest reminder is a week before, so
 * an hour's delay (or a worker down for a day) never costs one. Also at boot.
 */
export const PLAN_MEETING_REMINDERS_EVERY_MS = 3600_000;

/** Registers the meeting reminder sweep (idempotent: one schedule whatever the number of worker processes). */
@Injectable()
export class ReminderSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReminderSchedules.name);

  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    const job = JobName.PlanMeetingReminders;
    const opts = { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } };
    await this.jobs
      .queue(QUEUE_OF_JOB[job])
      .upsertJobScheduler(job, { every: PLAN_MEETING_REMINDERS_EVERY_MS }, { name: job, data: {}, opts });
    await this.jobs.enqueue(job, {}, { removeOnComplete: { count: 100 } });
    this.logger.log({ everyMs: PLAN_MEETING_REMINDERS_EVERY_MS }, 'meeting reminder sweep scheduled');
  }
}
