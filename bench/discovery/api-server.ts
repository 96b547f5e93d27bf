import 'reflect-metadata';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, Clock } from '@app/core';
import { answerRequests } from '../support/ipc';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi } from '../../apps/api/src/bootstrap';

/**
 * The API exactly as apps/api/src/main.ts boots it (same module, same configureApi), with differences a
 * benchmark needs: it listens on 127.0.0.1 only, and it exits when the benchmark that forked it goes away
 * (its IPC channel closes even if the benchmark is killed), so no server outlives a run.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true, bodyParser: false });
  configureApi(app);
  if (process.env.BENCH_SETTABLE_CLOCK === '1') settableClock(app.get(Clock));
  await app.listen(app.get(AppConfig).PORT, '127.0.0.1');
  process.once('disconnect', () => {
    void app.close().finally(() => process.exit(0));
  });
  // For the benchmark's report: how long the event loop was blocked, and the heap, since the last ask.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let utilization: EventLoopUtilization = performance.eventLoopUtilization();
  process.on('message', (message) => {
    if (message !== 'stats') return;
    const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
    const busy = performance.eventLoopUtilization(utilization).utilization;
    utilization = performance.eventLoopUtilization();
    process.send?.({
      eventLoopUtilization: Math.round(busy * 100) / 100,
      eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
      heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    });
    delay.reset();
  });
  process.send?.('listening');
}

/**
 * For a benchmark that plays out days in minutes (bench/peer-review-allocation): the application's one Clock reads
 * the instant the benchmark last set (`{ clockAt: iso }`, answered once set), and the wall clock before that.
 */
function settableClock(clock: Clock): void {
  let at: Date | undefined;
  clock.now = () => at ?? new Date();
  answerRequests((body) => {
    const { clockAt } = body as { clockAt?: string };
    if (typeof clockAt !== 'string' || Number.isNaN(Date.parse(clockAt))) throw new Error('clockAt: an ISO instant');
    at = new Date(clockAt);
    return at.toISOString();
  });
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
