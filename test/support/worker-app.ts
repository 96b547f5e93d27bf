import type { Writable } from 'node:stream';
import { Test, type TestingModule } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { AppConfig, AppLogger, Clock, JobQueue, LOG_STREAM, queueOfJob, type JobName } from '@app/core';
import type { TestClock } from '@app/core/testing';
import { WorkerModule } from '../../apps/worker/src/worker.module';

export interface TestWorker {
  app: TestingModule;
  /** Closes the worker as SIGTERM would: active jobs finish first. Call before closing the API it shares with. */
  close(): Promise<void>;
}

/**
 * The real worker (every module, real BullMQ workers) beside a test API: same database, Redis prefix, settings
 * and clock, as two processes of one deployment.
 */
export async function startTestWorker(
  api: { config: AppConfig; clock: TestClock },
  options: { logStream?: Writable } = {},
): Promise<TestWorker> {
  let builder = Test.createTestingModule({ imports: [WorkerModule] });
  if (options.logStream) builder = builder.overrideProvider(LOG_STREAM).useValue(options.logStream);
  const app = await builder
    .overrideProvider(AppConfig)
    .useValue(api.config)
    .overrideProvider(Clock)
    .useValue(api.clock)
    .compile();
  // As in apps/worker/src/main.ts, for a test that reads the worker's logs. Nest's loggers are process-wide (the
  // last app to call useLogger gets every Nest line), so other tests leave them to the API they boot first.
  if (options.logStream) app.useLogger(new AppLogger(app.get(Logger)));
  await app.init();
  return { app, close: () => app.close() };
}

/**
 * Runs `body` with the queue of `job` paused and its running job finished, so the worker's own recurring runs
 * (the relay ticks every 2 s, retention every 10 min) stay out of what the test drives by hand and counts. A busy
 * machine once let a tick land between a test's steps.
 */
export async function withQueuePaused<T>(worker: TestWorker, job: JobName, body: () => Promise<T>): Promise<T> {
  const queue = worker.app.get(JobQueue).queue(queueOfJob(job));
  await queue.pause();
  try {
    while ((await queue.getActiveCount()) > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    return await body();
  } finally {
    await queue.resume();
  }
}
