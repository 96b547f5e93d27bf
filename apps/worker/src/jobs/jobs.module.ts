import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobWorkers } from './job-workers.service';
import { RecurringJobs } from './recurring-jobs';

/**
 * The queue workers and their schedules; handlers come from whichever modules the app imports (see @HandlesJob
 * and @RunsEvery).
 */
@Module({
  imports: [DiscoveryModule],
  providers: [JobWorkers, RecurringJobs],
})
export class JobsModule {}
