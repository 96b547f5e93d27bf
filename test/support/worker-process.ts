/**
 * Entry of a worker in a child process of a test (see forked-worker.ts): the real WorkerModule, configured from
 * the environment as in production (the test's AppConfig, as variables), with a clock that starts at the instant
 * the test gives and runs at real speed, so each process has the "now" the test chose for it. Runs compiled to
 * JavaScript (worker-build.ts: per file, with the decorator metadata Nest needs, @app/* aliases made relative).
 *
 * The process loads its code first and says `loaded`; told
 * `start` (the settings and the clock's first instant), it boots the worker and says `ready` once its queue
 * workers run. A test can thus load workers while it does other things, and start each when its turn comes.
 */
import 'reflect-metadata';
import { Test, type TestingModule } from '@nestjs/testing';
import { Clock } from '@app/core';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import type { FromWorker, ToWorker } from './forked-worker';

/** "Now" is the start instant plus the real time elapsed since; `set` moves it, and it runs on from there. */
class RunningClock extends Clock {
  private origin: number;
  private originTick = performance.now();

  constructor(start: Date) {
    super();
    this.origin = start.getTime();
  }

  now(): Date {
    return new Date(this.origin + (performance.now() - this.originTick));
  }

  set(instant: Date): void {
    this.origin = instant.getTime();
    this.originTick = performance.now();
  }
}

const send = (message: FromWorker): void => {
  process.send?.(message);
};

let clock: RunningClock | undefined;
let app: TestingModule | undefined;

/** Boots the worker: the AppConfig comes from the environment (ConfigModule), as in production; the clock is ours. */
async function start(settings: Record<string, string>, at: Date): Promise<void> {
  Object.assign(process.env, settings);
  clock = new RunningClock(at);
  app = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  await app.init();
  send({ type: 'ready' });
}

function fail(error: unknown): never {
  process.stderr.write(
    `worker process failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'start':
      if (clock) fail(new Error('the worker was started twice'));
      start(message.settings, new Date(message.clockStart)).catch(fail);
      break;
    case 'set-clock':
      if (!clock) fail(new Error('set-clock before start'));
      clock.set(new Date(message.at));
      send({ type: 'clock-set', at: message.at });
      break;
  }
});
// SIGTERM as in production: the queue workers finish the jobs in hand, then connections close.
process.once('SIGTERM', () => {
  if (!app) process.exit(0);
  app.close().then(
    () => process.exit(0),
    (error: unknown) => fail(error),
  );
});
// The test that forked this process is gone (it crashed or was killed): go too, rather than run on unobserved.
process.on('disconnect', () => process.exit(1));

send({ type: 'loaded' });
