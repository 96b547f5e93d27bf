import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { JobData, JobName } from '@app/core';

/** What a handler reports about its run: ids, counts and outcomes only. Logged, and kept in Redis with the job. */
export type JobResult = Record<string, string | number | boolean | null>;

/**
 * The worker's side of the queue contract. One provider per `JobName` carries `@HandlesJob(name)`; the worker
 * checks at boot that every job has exactly one. Handlers reload state from the ids in `data` and are
 * idempotent: a job may run more than once.
 */
export interface JobHandler<N extends JobName> {
  handle(data: JobData<N>, job: Job<JobData<N>, JobResult, N>, token: string | undefined): Promise<JobResult>;
}

/** Marks a provider as the handler of one job: `@HandlesJob(MailJob.SendEmail)`. */
export const HandlesJob = DiscoveryService.createDecorator<JobName>();
