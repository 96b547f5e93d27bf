import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Worker, type Job } from 'bullmq';
import { AppConfig, bullPrefix, JobName, QueueName, type JobData } from '@app/core';
import { foundNothingToDo, HandlesJob, type JobHandler, type JobResult } from './job-handler';
import { indexJobHandlers, type DiscoveredHandler } from './job-handler-index';

/**
 * Jobs one process runs at once, per queue. Email jobs are mostly batches that wait on SMTP (EMAIL_BATCH_CONCURRENCY
 * of them keep the connection pool busy); maintenance jobs scan tables and run one at a time.
 */
const queueConcurrency = (queue: QueueName, config: AppConfig): number =>
  ({
    [QueueName.Email]: config.EMAIL_BATCH_CONCURRENCY,
    [QueueName.Maintenance]: 1,
    [QueueName.Notifications]: 2,
  })[queue];

/**
 * Runs one BullMQ worker per queue and routes each job by name to its `@HandlesJob` provider. On shutdown the
 * workers close first, waiting for active jobs, before the database and Redis connections go away.
 */
@Injectable()
export class JobWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(JobWorkers.name);
  private readonly workers: Worker[] = [];
  private handlers: ReadonlyMap<JobName, JobHandler<JobName>> = new Map();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.handlers = indexJobHandlers(this.discoverHandlers());
    for (const queue of Object.values(QueueName)) this.workers.push(this.startWorker(queue));
    this.logger.log({ queues: Object.values(QueueName), jobs: [...this.handlers.keys()] }, 'job workers started');
  }

  async beforeApplicationShutdown(): Promise<void> {
    // close() stops fetching and waits for the jobs in hand; a hard kill instead leaves rows whose claim
    // expires and which the reconciler picks up again.
    await Promise.all(this.workers.splice(0).map((worker) => worker.close()));
    this.logger.log('job workers stopped');
  }

  private discoverHandlers(): DiscoveredHandler[] {
    return this.discovery.getProviders({ metadataKey: HandlesJob.KEY }).flatMap((wrapper) => {
      const jobName = this.discovery.getMetadataByDecorator(HandlesJob, wrapper);
      const instance = wrapper.instance as JobHandler<JobName> | undefined;
      if (!jobName) return [];
      if (!instance || typeof instance.handle !== 'function') {
        throw new Error(`${wrapper.name} has @HandlesJob but no handle() method, or is not a singleton provider`);
      }
      return [{ jobName, source: String(wrapper.name), handler: instance }];
    });
  }

  private startWorker(queue: QueueName): Worker {
    const worker = new Worker<unknown, JobResult, string>(queue, (job, token) => this.process(job, token), {
      connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: null },
      prefix: bullPrefix(this.config),
      concurrency: queueConcurrency(queue, this.config),
    });
    worker.on('completed', (job, result) => {
      const durationMs = job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : null;
      const line = { jobId: job.id, job: job.name, queue, durationMs, ...result };
      if (foundNothingToDo(result)) this.logger.debug(line, 'job completed');
      else this.logger.log(line, 'job completed');
    });
    worker.on('failed', (job, error) => {
      // The message, not the stack of a driver; handlers keep addresses out of what they throw.
      this.logger.error(
        {
          jobId: job?.id,
          job: job?.name,
          queue,
          attemptsMade: job?.attemptsMade,
          err: { name: error.name, message: error.message },
        },
        'job failed',
      );
    });
    // Without a listener an 'error' event (Redis unreachable) would crash the process; BullMQ reconnects.
    worker.on('error', (error) =>
      this.logger.error({ queue, err: { name: error.name, message: error.message } }, 'queue worker error'),
    );
    return worker;
  }

  private async process(job: Job<unknown, JobResult, string>, token: string | undefined): Promise<JobResult> {
    const handler = this.handlers.get(job.name as JobName);
    // Only a producer on another version of the contract can send an unknown name; keep the job to inspect.
    if (!handler) throw new Error(`No handler for job name "${job.name}"`);
    // The name was checked against the contract above; BullMQ's Job type cannot carry that link.
    return handler.handle(job.data as JobData<JobName>, job as Job<JobData<JobName>, JobResult, JobName>, token);
  }
}
