import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfig, Clock } from '@app/core';
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
export async function startTestWorker(api: { config: AppConfig; clock: TestClock }): Promise<TestWorker> {
  const app = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(AppConfig)
    .useValue(api.config)
    .overrideProvider(Clock)
    .useValue(api.clock)
    .compile();
  await app.init();
  return { app, close: () => app.close() };
}
