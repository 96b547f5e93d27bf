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

/** Counts that measure effort, not work: `batches` is the passes a sweep made, one even when it found nothing. */
const EFFORT_COUNTS = new Set(['batches']);

/**
 * A run that found nothing to do: it reports counts, and every count of work is 0 (a relay tick with no event,
 * a reconcile pass with nothing to hand over). Scheduled jobs run every few seconds; such runs are logged at debug.
 */
export function foundNothingToDo(result: JobResult | undefined): boolean {
  const counts = Object.entries(result ?? {}).filter(
    ([key, value]) => typeof value === 'number' && !EFFORT_COUNTS.has(key),
  );
  return counts.length > 0 && counts.every(([, value]) => value === 0);
}

/** Marks a provider as the handler of one job: `@HandlesJob(MailJob.SendEmail)`. */
export const HandlesJob = DiscoveryService.createDecorator<JobName>();
