import { Injectable } from '@nestjs/common';
import { type JobData } from '@app/core';
import { DigestPlanner, NotificationJob, NotificationReleaser, OutboxRelay } from '@app/notifications';
import { HandlesJob, type JobHandler, type JobResult } from '../jobs/job-handler';
import { RunsEvery } from '../jobs/recurring-jobs';

/** Relays outbox events into the notification schedule (and whatever else their handlers keep). */
@Injectable()
@HandlesJob(NotificationJob.RelayOutbox)
// Often, so a moved meeting's emails go at once.
@RunsEvery({ everyMs: 2_000 })
export class RelayOutboxProcessor implements JobHandler<typeof NotificationJob.RelayOutbox> {
  constructor(private readonly relay: OutboxRelay) {}

  handle(_data: JobData<typeof NotificationJob.RelayOutbox>): Promise<JobResult> {
    return this.relay.relay();
  }
}

/**
 * Bounds a digest's lateness to a few seconds. Ticks fall on whole multiples of it (BullMQ's `every`), so a
 * digest due on the hour is released by the tick of that very instant.
 */
export const RELEASE_EVERY_MS = 5_000;

/** Turns schedule rows whose time has come into email ledger rows. */
@Injectable()
@HandlesJob(NotificationJob.ReleaseDueNotifications)
@RunsEvery({ everyMs: RELEASE_EVERY_MS })
export class ReleaseDueNotificationsProcessor implements JobHandler<typeof NotificationJob.ReleaseDueNotifications> {
  constructor(private readonly releaser: NotificationReleaser) {}

  handle(_data: JobData<typeof NotificationJob.ReleaseDueNotifications>): Promise<JobResult> {
    return this.releaser.releaseDue();
  }
}

/** Gives everyone who wants digests their next one, if they have none pending. */
@Injectable()
@HandlesJob(NotificationJob.PlanDigests)
@RunsEvery({ everyMs: 600_000, atBoot: true })
export class PlanDigestsProcessor implements JobHandler<typeof NotificationJob.PlanDigests> {
  constructor(private readonly planner: DigestPlanner) {}

  handle(_data: JobData<typeof NotificationJob.PlanDigests>): Promise<JobResult> {
    return this.planner.planMissing();
  }
}
