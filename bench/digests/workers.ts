import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { disconnectChild, stopChild } from '../support/child-process';
import type { Cleanup } from '../support/cleanup';
import { ChildRequests, firstMessage } from '../support/ipc';
import type { StatementCounts } from '../support/pg-statement-counter';
import { rssMiB } from '../support/process-stats';

export type WorkerRequest = { type: 'go'; dueAt: string; wallMs: number } | { type: 'stats' } | { type: 'memory' };

export interface WorkerStats {
  statements: StatementCounts;
  heapUsedMiB: number;
  /** The worker's clock when it answered. */
  clock: string;
}

export interface WorkerProcess {
  index: number;
  child: ChildProcess;
  pid: number;
  /** Its clock reads `dueAt` at the wall-clock instant `wallMs`. */
  go(dueAt: Date, wallMs: number): Promise<void>;
  stats(): Promise<WorkerStats>;
  /** The V8 heap in use, in MiB. */
  heapUsedMiB(): Promise<number>;
  stop(): Promise<void>;
  /** Lines it wrote (pino JSON at LOG_LEVEL, or a crash), beyond those already printed. */
  linesNotShown(): number;
}

/** Lines of a worker's output shown as they come; the rest are only counted (a worker failing every email). */
const LINES_SHOWN = 20;

/**
 * Forks bench/digests/worker-process.ts with `env` (over this process's environment) and `execArgv` (node's
 * options), and waits until the worker has booted (its job workers run). Its clock reads `clockStart` at boot
 * and runs until `go`.
 */
export async function startWorker(
  cleanup: Cleanup,
  index: number,
  clockStart: Date,
  env: Record<string, string>,
  execArgv: string[] = [],
): Promise<WorkerProcess> {
  const child = fork(join(__dirname, 'worker-process.js'), [clockStart.toISOString()], {
    execArgv,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...env },
  });
  cleanup.add(`worker ${index}`, () => stopChild(child));
  let lines = 0;
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => {
      lines += 1;
      if (lines <= LINES_SHOWN) console.log(`  [worker ${index}] ${line.slice(0, 2000)}`);
      if (lines === LINES_SHOWN + 1) console.log(`  [worker ${index}] (further lines are only counted)`);
    });
  }
  await firstMessage<{ type: 'ready' }>(child, 'ready');
  const requests = new ChildRequests(child);
  return {
    index,
    child,
    pid: child.pid!,
    async go(dueAt, wallMs) {
      await requests.request({ type: 'go', dueAt: dueAt.toISOString(), wallMs } satisfies WorkerRequest);
    },
    stats: () => requests.request<WorkerStats>({ type: 'stats' } satisfies WorkerRequest),
    heapUsedMiB: () => requests.request<number>({ type: 'memory' } satisfies WorkerRequest, 10_000),
    // As a deploy stops it: the batches in hand finish, then the pools close (and a CPU profile is written).
    stop: () => disconnectChild(child, 60_000),
    linesNotShown: () => Math.max(0, lines - LINES_SHOWN),
  };
}

export interface MemorySample {
  /** Seconds since T on the workers' clocks (negative before). */
  t: number;
  worker: number;
  /** Resident memory every 500 ms; the V8 heap in use every 2 s (tells a leak from a heap not yet collected). */
  rssMiB?: number;
  heapUsedMiB?: number;
}

/** Each worker's resident memory every 500 ms (/proc/<pid>/status), and its V8 heap every 2 s (over IPC). */
export class MemorySampler {
  readonly samples: MemorySample[] = [];
  private readonly timer: NodeJS.Timeout;
  private zeroMs = Date.now();
  private ticks = 0;

  constructor(private readonly workers: WorkerProcess[]) {
    this.sample();
    this.timer = setInterval(() => this.sample(), 500);
  }

  /** Times are counted from this wall-clock instant (the workers' T) on. */
  countFrom(wallMs: number): void {
    for (const s of this.samples) s.t = Math.round((s.t * 1000 + this.zeroMs - wallMs) / 100) / 10;
    this.zeroMs = wallMs;
  }

  private sample(): void {
    const t = Math.round((Date.now() - this.zeroMs) / 100) / 10;
    for (const w of this.workers) {
      const rss = rssMiB(w.pid);
      if (rss !== undefined) this.samples.push({ t, worker: w.index, rssMiB: rss });
      if (this.ticks % 4 === 0) {
        w.heapUsedMiB().then(
          (heapUsedMiB) => this.samples.push({ t, worker: w.index, heapUsedMiB }),
          () => undefined,
        );
      }
    }
    this.ticks += 1;
  }

  stop(): MemorySample[] {
    this.sample();
    clearInterval(this.timer);
    return this.samples.sort((a, b) => a.t - b.t);
  }
}
