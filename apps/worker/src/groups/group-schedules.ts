import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { JobName, JobQueue, QueueName } from '@app/core';

export const REFRESH_GROUP_DISCOVERY_SCHEDULER = 'refresh-group-discovery';
export const REFRESH_GROUP_DISCOVERY_EVERY_MS = 3600_000;

/** Registers the hourly refresh of groups' discovery summaries (idempotent: one schedule whatever the processes). */
@Injectable()
export class GroupSchedules implements OnApplicationBootstrap {
  private readonly logger = new Logger(GroupSchedules.name);

  constructor(private readonly jobs: JobQueue) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.queue(QueueName.Maintenance).upsertJobScheduler(
      REFRESH_GROUP_DISCOVERY_SCHEDULER,
      { every: REFRESH_GROUP_DISCOVERY_EVERY_MS },
      {
        name: JobName.RefreshGroupDiscovery,
        data: {},
        opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } },
      },
    );
    this.logger.log({ everyMs: REFRESH_GROUP_DISCOVERY_EVERY_MS }, 'group discovery refresh scheduled');
  }
}
