import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobQueue, QUEUE_OF_JOB } from '@app/core';

/**
 * How often each notification job ticks (UTC, `every`): all local-time math happens in code. Relaying is frequent
 * so a moved meeting's emails go at once; releasing every 5 s bounds a digest's lateness to a few seconds.
 */
export const NOTIFICATION_TICKS: readonly { job: JobName; everyMs: number; atBoot: boolean }[] = [
  { job: JobName.RelayOutbox, everyMs: 2_000, atBoot: false },
  { job: JobName.ReleaseDueNotifications, everyMs: 5_000, atBoot: false },
  { job: JobName.PlanDigests, everyMs: 600_000, atBoot: true },
];

/** Registers the notification ticks (idempotent: one schedule each, whatever the number of worker processes). */
@Injectable()
export class NotificationSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(NotificationSchedules.name);

  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const tick of NOTIFICATION_TICKS) {
      await this.jobs
        .queue(QUEUE_OF_JOB[tick.job])
        .upsertJobScheduler(
          tick.job,
          { every: tick.everyMs },
          { name: tick.job, data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } },
        );
      if (tick.atBoot) await this.jobs.enqueue(tick.job, {}, { removeOnComplete: { count: 100 } });
    }
    this.logger.log({ ticks: NOTIFICATION_TICKS.map((t) => `${t.job}/${t.everyMs}ms`) }, 'notification jobs scheduled');
  }
}
