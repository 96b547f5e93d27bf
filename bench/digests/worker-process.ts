import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import { Clock } from '@app/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { answerRequests } from '../support/ipc';
import { OffsetClock } from '../support/offset-clock';
import { countStatements } from '../support/pg-statement-counter';
import type { WorkerRequest, WorkerStats } from './workers';

/**
 * The worker as apps/worker/src/main.ts boots it (the same WorkerModule, its pino logger, shutdown hooks), with
 * two differences a benchmark needs: its clock runs in real time from `argv[2]` until the benchmark aligns it
 * (`go`: T at a given wall-clock instant), so releases happen "at T" without waiting for a real hour; and every
 * statement it sends through `pg` is counted (client side, for `stats`). It exits when the benchmark that forked
 * it goes away.
 */
async function main(): Promise<void> {
  const statements = countStatements();
  const clock = new OffsetClock(new Date(process.argv[2] ?? NaN));
  // Nest's boot lines until the app's own logger (pino at LOG_LEVEL) takes over.
  NestLogger.overrideLogger(['error', 'warn']);
  const app = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();

  answerRequests((body) => {
    const request = body as WorkerRequest;
    switch (request.type) {
      case 'go':
        clock.align(new Date(request.dueAt), request.wallMs);
        return { ok: true };
      case 'stats':
        return {
          statements: statements(),
          heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
          clock: clock.now().toISOString(),
        } satisfies WorkerStats;
      case 'memory':
        return Math.round((process.memoryUsage().heapUsed / 2 ** 20) * 10) / 10;
    }
  });
  process.once('disconnect', () => {
    void app.close().finally(() => process.exit(0));
  });
  process.send?.({ type: 'ready' });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `worker failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
