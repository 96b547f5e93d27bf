import { Injectable } from '@nestjs/common';
import { type JobData } from '@app/core';
import { DiscoverySummaryRefresher, GroupJob } from '@app/groups';
import { HandlesJob, type JobHandler, type JobResult } from '../jobs/job-handler';
import { RunsEvery } from '../jobs/recurring-jobs';

/** Keeps "fits my day" and start-date search true as meetings pass. Hourly. */
@Injectable()
@HandlesJob(GroupJob.RefreshGroupDiscovery)
@RunsEvery({ everyMs: 3600_000 })
export class RefreshGroupDiscoveryProcessor implements JobHandler<typeof GroupJob.RefreshGroupDiscovery> {
  constructor(private readonly refresher: DiscoverySummaryRefresher) {}

  handle(_data: JobData<typeof GroupJob.RefreshGroupDiscovery>): Promise<JobResult> {
    return this.refresher.refreshGroupsWithPassedMeetings();
  }
}
