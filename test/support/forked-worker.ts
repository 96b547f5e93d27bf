import { fork, type ChildProcess } from 'node:child_process';
import { fromRepoRoot, type AppConfig } from '@app/core';
import { compiledWorkerEntry } from './worker-build';

/** Parent to child (worker-process.ts). */
export type ToWorker =
  { type: 'start'; settings: Record<string, string>; clockStart: string } | { type: 'set-clock'; at: string };
/** Child to parent. */
export type FromWorker = { type: 'loaded' } | { type: 'ready' } | { type: 'clock-set'; at: string };

/** A worker process (the real WorkerModule) forked by a test, its code loaded. */
export interface ForkedWorker {
  readonly pid: number;
  /**
   * Boots the worker on the test's database, Redis prefix and settings (`config`), with its clock at `clockStart`
   * and running at real speed from there; resolves once its queue workers run.
   */
  start(config: AppConfig, clockStart: Date): Promise<void>;
  /** Moves the process's clock to `at`; it runs on at real speed from there. */
  setClock(at: Date): Promise<void>;
  /** SIGKILL, as the OOM killer or a lost machine would: no shutdown hook runs. Resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (jobs in hand finish), SIGKILL if still there after `graceMs`. Resolves once it is gone. */
  stop(graceMs?: number): Promise<void>;
  /** The end of what the process wrote to stdout and stderr, for failure messages. */
  output(): string;
}

const OUTPUT_KEPT = 8_000;
/** Loading the compiled worker (no transpiling) takes a second or two, a few more on a loaded machine. */
const LOAD_TIMEOUT_MS = 30_000;
const START_TIMEOUT_MS = 20_000;

/** Every forked worker not yet gone, so a failed test still stops them (`stopForkedWorkers`). */
const running = new Set<ForkedWorker>();

/** AppConfig as the environment it is read from (`loadConfig`): every setting, so nothing leaks from ours. */
function configEnvironment(config: AppConfig): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => [key, String(value)]),
  );
}

/**
 * Forks a worker process and resolves once its code is loaded; `start` then boots it with the test's settings and
 * the clock the test chooses. The process runs the worker compiled to JavaScript once per state of the sources
 * (worker-build.ts): loading takes a second or two. Stop it with `stop`/`kill`, or `stopForkedWorkers` in an
 * `afterAll`, which also covers a failed test.
 */
export async function forkWorker(): Promise<ForkedWorker> {
  const child = fork(compiledWorkerEntry(), [], {
    cwd: fromRepoRoot(),
    execArgv: ['--enable-source-maps'],
    // Nothing of this process's environment: the worker's settings are the test's AppConfig, given at `start`.
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // A message to a process that just died: its exit says what happened; without a listener this would throw.
  child.on('error', (error) => keep(Buffer.from(`\n[parent] ${error.message}\n`)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const gone = (): boolean => child.exitCode !== null || child.signalCode !== null;
  const withOutput = (error: unknown): Error =>
    new Error(`${(error as Error).message}\n--- worker ${child.pid} output ---\n${output}`);

  const worker: ForkedWorker = {
    pid: child.pid!,
    async start(config, clockStart) {
      const ready = answer(child, (m) => m.type === 'ready', START_TIMEOUT_MS);
      const settings = configEnvironment(config);
      child.send({ type: 'start', settings, clockStart: clockStart.toISOString() } satisfies ToWorker);
      await ready.catch((error: unknown) => Promise.reject(withOutput(error)));
    },
    async setClock(at) {
      const iso = at.toISOString();
      const set = answer(child, (m) => m.type === 'clock-set' && m.at === iso, 5_000);
      child.send({ type: 'set-clock', at: iso } satisfies ToWorker);
      await set.catch((error: unknown) => Promise.reject(withOutput(error)));
    },
    async kill() {
      if (!gone()) child.kill('SIGKILL');
      await exited;
      running.delete(worker);
    },
    async stop(graceMs = 10_000) {
      if (!gone()) {
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.kill('SIGTERM');
        await exited;
        clearTimeout(timer);
      }
      running.delete(worker);
    },
    output: () => output,
  };
  running.add(worker);

  try {
    await answer(child, (m) => m.type === 'loaded', LOAD_TIMEOUT_MS);
  } catch (error) {
    await worker.kill();
    throw withOutput(error);
  }
  return worker;
}

/** Kills every forked worker still running: after a failed test nothing is left to finish. */
export async function stopForkedWorkers(): Promise<void> {
  await Promise.all([...running].map((worker) => worker.kill()));
}

/** Resolves on the first message `wanted` accepts; rejects if the process exits or stays silent. */
function answer(child: ChildProcess, wanted: (m: FromWorker) => boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (message: FromWorker): void => {
      if (wanted(message)) done();
    };
    const onExit = (code: number | null, signal: string | null): void =>
      done(new Error(`the worker process exited (code ${code}, signal ${signal})`));
    const timer = setTimeout(
      () => done(new Error(`no answer from the worker process within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}
