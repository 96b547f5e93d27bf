import { Injectable } from '@nestjs/common';
import { JobName, type JobData } from '@app/core';
import { DiscoverySummaryRefresher } from '@app/groups';
import { HandlesJob, type JobHandler, type JobResult } from '../jobs/job-handler';
import { RunsEvery } from '../jobs/recurring-jobs';

/** Keeps "fits my day" and start-date search true as meetings pass. Hourly. */
@Injectable()
@HandlesJob(JobName.RefreshGroupDiscovery)
@RunsEvery({ everyMs: 3600_000 })
export class RefreshGroupDiscoveryProcessor implements JobHandler<JobName.RefreshGroupDiscovery> {
  constructor(private readonly refresher: DiscoverySummaryRefresher) {}

  handle(_data: JobData<JobName.RefreshGroupDiscovery>): Promise<JobResult> {
    return this.refresher.refreshGroupsWithPassedMeetings();
  }
}
