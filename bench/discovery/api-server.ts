import 'reflect-metadata';
import cluster, { type Worker } from 'node:cluster';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, Clock, loadConfig } from '@app/core';
import { answerRequests } from '../support/ipc';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApi } from '../../apps/api/src/bootstrap';
import { apiProcessCount, runClustered } from '../../apps/api/src/cluster';

/**
 * The API exactly as apps/api/src/main.ts boots it (same module, same configureApi, the same cluster of
 * API_PROCESSES processes), with differences a benchmark needs: it listens on 127.0.0.1 only, it exits when the
 * benchmark that forked it goes away (its IPC channel closes even if the benchmark is killed), and it answers the
 * benchmark's requests (`ChildRequests`): `{ stats: true }` and `{ clockAt }`, each answered with one body per
 * API process. With several processes the primary passes each request to every worker and answers with theirs.
 */

/** What `{ stats: true }` answers for each API process, since its last answer. */
export interface ApiProcessStats {
  pid: number;
  eventLoopUtilization: number;
  eventLoopDelayMs: { p50: number; p99: number; max: number };
  heapUsedMiB: number;
}

async function serve(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, { bufferLogs: true, bodyParser: false });
  configureApi(app);
  const clock = process.env.BENCH_SETTABLE_CLOCK === '1' ? settableClock(app.get(Clock)) : undefined;
  await app.listen(app.get(AppConfig).PORT, '127.0.0.1');
  process.once('disconnect', () => {
    void app.close().finally(() => process.exit(0));
  });
  const stats = processStats();
  answerRequests((body) => {
    const { stats: wantsStats, clockAt } = body as { stats?: boolean; clockAt?: string };
    if (wantsStats) return [stats()];
    if (clock && clockAt !== undefined) return [clock(clockAt)];
    throw new Error(`not a request this API answers: ${JSON.stringify(body)}`);
  });
  if (cluster.isPrimary) process.send?.('listening');
}

/** How long the event loop was busy and blocked, and the heap, since the last call. */
function processStats(): () => ApiProcessStats {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let utilization: EventLoopUtilization = performance.eventLoopUtilization();
  return () => {
    const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
    const busy = performance.eventLoopUtilization(utilization).utilization;
    utilization = performance.eventLoopUtilization();
    const stats = {
      pid: process.pid,
      eventLoopUtilization: Math.round(busy * 100) / 100,
      eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
      heapUsedMiB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    };
    delay.reset();
    return stats;
  };
}

/**
 * For a benchmark that plays out days in minutes (bench/peer-review-allocation): the application's one Clock reads
 * the instant the benchmark last set, and the wall clock before that. Returns the setter.
 */
function settableClock(clock: Clock): (iso: string) => string {
  let at: Date | undefined;
  clock.now = () => at ?? new Date();
  return (iso) => {
    if (typeof iso !== 'string' || Number.isNaN(Date.parse(iso))) throw new Error('clockAt: an ISO instant');
    at = new Date(iso);
    return at.toISOString();
  };
}

/** The cluster's primary: says when every worker listens, and passes each request to every worker. */
function relayToWorkers(processes: number): void {
  process.once('disconnect', () => process.exit(0)); // the workers see their channel close and exit too
  let listening = 0;
  cluster.on('listening', () => {
    if (++listening === processes) process.send?.('listening');
  });
  process.on('message', (message: { requestId?: number }) => {
    if (typeof message?.requestId !== 'number') return;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const answers = workers.map(
      (worker) =>
        new Promise<{ body?: unknown[]; error?: string }>((resolve) => {
          const onMessage = (answer: { requestId?: number; body?: unknown[]; error?: string }): void => {
            if (answer?.requestId !== message.requestId) return;
            worker.off('message', onMessage);
            resolve(answer);
          };
          worker.on('message', onMessage);
          worker.send(message);
        }),
    );
    void Promise.all(answers).then((all) => {
      const error = all.find((a) => a.error !== undefined)?.error;
      const body = all.flatMap((a) => a.body ?? []);
      if (process.connected)
        process.send?.({ requestId: message.requestId, body, error }, undefined, undefined, () => 0);
    });
  });
}

const processes = apiProcessCount(loadConfig(process.env).API_PROCESSES);
if (processes > 1 && cluster.isPrimary) relayToWorkers(processes);
runClustered(processes, serve);
