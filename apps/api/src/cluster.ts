import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';

const RESTART_DELAY_MS = 1_000;

/** The supervisor's few lines (no personal data: pids and exit codes), on stderr beside the workers' logs. */
const report = (line: string): void => void process.stderr.write(`${line}\n`);

/** How many API processes `API_PROCESSES` asks for: 0 means one per core this process may run on. */
export function apiProcessCount(setting: number): number {
  return setting > 0 ? setting : availableParallelism();
}

/**
 * Runs `serve` in `processes` worker processes that share one listening port (Node's cluster: the primary
 * accepts connections and hands them out round-robin), or in this process when one is enough. The primary only
 * supervises: a worker that crashes under load is replaced; one that dies while booting (a bad setting, a
 * database that is not there) stops them all, so a supervisor above sees the failure instead of a restart loop.
 * SIGTERM and SIGINT are passed to every worker, each drains its requests (Nest's shutdown hooks) and the
 * primary exits when the last has.
 */
export function runClustered(processes: number, serve: () => Promise<void>): void {
  if (processes <= 1 || !cluster.isPrimary) {
    void serve().catch((err: unknown) => {
      report(err instanceof Error ? (err.stack ?? err.message) : String(err));
      process.exit(1);
    });
    return;
  }
  let stopping = false;
  let exitCode = 0;
  const listening = new Set<Worker>();
  cluster.on('listening', (worker) => listening.add(worker));
  const start = (): void => void cluster.fork();
  const stopAll = (signal: NodeJS.Signals): void => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  cluster.on('exit', (worker, code, signal) => {
    const served = listening.delete(worker);
    if (!stopping && !served) {
      report(`API process ${worker.process.pid} failed to start (${signal ?? `code ${code}`}); stopping.`);
      exitCode = 1;
      stopAll('SIGTERM');
    } else if (!stopping) {
      report(`API process ${worker.process.pid} died (${signal ?? `code ${code}`}); starting another.`);
      setTimeout(start, RESTART_DELAY_MS);
    }
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    if (stopping && alive.length === 0) process.exit(exitCode);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => stopAll(signal));
  for (let i = 0; i < processes; i++) start();
}
