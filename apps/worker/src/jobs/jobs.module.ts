import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobWorkers } from './job-workers.service';

/** The queue workers; handlers come from whichever modules the app imports (see @HandlesJob). */
@Module({
  imports: [DiscoveryModule],
  providers: [JobWorkers],
})
export class JobsModule {}
