import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { queueOfJob, type QueueName, type JobData, type JobName } from './jobs';

/** Finished jobs stay a while for operators (Bull Board), then go. */
const KEEP_FINISHED_JOBS: JobsOptions = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

export const bullPrefix = (config: AppConfig): string => `${config.REDIS_PREFIX}:bull`;

/** Typed producer side of the queues. Job ids must not contain ':' nor be all digits (BullMQ). */
@Injectable()
export class JobQueue implements OnApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(private readonly config: AppConfig) {}

  async enqueue<N extends JobName>(name: N, data: JobData<N>, options: JobsOptions = {}): Promise<void> {
    await this.queue(queueOfJob(name)).add(name, data, { ...KEEP_FINISHED_JOBS, ...options });
  }

  /** Many jobs of one name in one round trip to Redis. */
  async enqueueMany<N extends JobName>(
    name: N,
    jobs: readonly { data: JobData<N>; options?: JobsOptions }[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue(queueOfJob(name)).addBulk(
      jobs.map((job) => ({ name, data: job.data, opts: { ...KEEP_FINISHED_JOBS, ...job.options } })),
    );
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, {
        connection: { url: this.config.REDIS_URL, maxRetriesPerRequest: 2 },
        prefix: bullPrefix(this.config),
      });
      this.queues.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }
}
