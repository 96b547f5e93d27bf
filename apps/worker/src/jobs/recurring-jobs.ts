import {
  Injectable,
  Logger,
  SetMetadata,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JobQueue, queueOfJob, type JobName } from '@app/core';
import { HandlesJob } from './job-handler';

export interface Recurrence {
  /** Ticks in UTC, on BullMQ's clock; all local-time math happens in the handlers. */
  everyMs: number;
  /** Also once when the worker starts, and when a lost schedule is restored. */
  atBoot?: boolean;
}

const RUNS_EVERY = 'commonplace:runs-every';

/**
 * Puts a job handler on a schedule: `@RunsEvery({ everyMs: 30_000, atBoot: true })` beside `@HandlesJob`. Plain
 * metadata, found through the handler: Nest discovers a class by one discoverable decorator only.
 */
export const RunsEvery = (recurrence: Recurrence): ClassDecorator => SetMetadata(RUNS_EVERY, recurrence);

/** How often each worker checks that Redis still holds every schedule: it keeps nothing on disk. */
export const SCHEDULE_CHECK_MS = 10_000;

const KEEP_RUNS = { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } };

interface RecurringJob {
  job: JobName;
  recurrence: Recurrence;
}

/**
 * Registers every `@RunsEvery` handler's schedule at boot (upserting is idempotent: Redis keeps one schedule
 * whatever the number of worker processes), and puts back any that Redis lost (a restart or a flush), so the
 * ticks that relay, release and reconcile never stop for good.
 */
@Injectable()
export class RecurringJobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RecurringJobs.name);
  private recurring: RecurringJob[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.recurring = this.discovery.getProviders({ metadataKey: HandlesJob.KEY }).flatMap((wrapper) => {
      const job = this.discovery.getMetadataByDecorator(HandlesJob, wrapper);
      const recurrence = wrapper.metatype
        ? this.reflector.get<Recurrence | undefined>(RUNS_EVERY, wrapper.metatype)
        : undefined;
      return job && recurrence ? [{ job, recurrence }] : [];
    });
    for (const recurring of this.recurring) await this.schedule(recurring);
    this.timer = setInterval(() => void this.restoreMissing().catch(this.logCheckFailure), SCHEDULE_CHECK_MS);
    this.timer.unref();
    this.logger.log(
      { schedules: this.recurring.map((r) => `${r.job}/${r.recurrence.everyMs}ms`) },
      'recurring jobs scheduled',
    );
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Schedules Redis no longer holds, put back (and run at once if they run at boot). Returns their jobs. */
  async restoreMissing(): Promise<JobName[]> {
    const restored: JobName[] = [];
    for (const recurring of this.recurring) {
      if (await this.jobs.queue(queueOfJob(recurring.job)).getJobScheduler(recurring.job)) continue;
      await this.schedule(recurring);
      restored.push(recurring.job);
    }
    if (restored.length > 0) this.logger.warn({ restored }, 'Redis had lost job schedules; restored them');
    return restored;
  }

  private async schedule({ job, recurrence }: RecurringJob): Promise<void> {
    await this.jobs
      .queue(queueOfJob(job))
      .upsertJobScheduler(job, { every: recurrence.everyMs }, { name: job, data: {}, opts: KEEP_RUNS });
    if (recurrence.atBoot) await this.jobs.enqueue(job, {}, { removeOnComplete: { count: 100 } });
  }

  private readonly logCheckFailure = (error: Error): void =>
    this.logger.warn({ err: { name: error.name, message: error.message } }, 'could not check the job schedules');
}
