import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcess {
  readonly name: string;
  readonly process: ChildProcess;
  /** Settles once the process has exited; never rejects. */
  readonly exited: Promise<ExitInfo>;
}

export function describeExit({ code, signal }: ExitInfo): string {
  return signal ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`;
}

const isRunning = (m: ManagedProcess): boolean => m.process.exitCode === null && m.process.signalCode === null;

/** Node processes started and stopped together, their output going straight to this terminal. */
export class ProcessGroup {
  private readonly members: ManagedProcess[] = [];

  constructor(private readonly options: { cwd: string; env: NodeJS.ProcessEnv }) {}

  /** Runs `node ...args`. */
  start(name: string, args: string[]): ManagedProcess {
    const child = spawn(process.execPath, args, {
      cwd: this.options.cwd,
      env: this.options.env,
      stdio: ['ignore', 'inherit', 'inherit'],
      // A process group of its own: Ctrl-C then reaches only us and each child gets exactly one SIGTERM from us.
      // Sharing the terminal's group, it would get SIGINT and SIGTERM, and Nest exits at once on the second.
      detached: process.platform !== 'win32',
    });
    const exited = new Promise<ExitInfo>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', () => resolve({ code: child.exitCode ?? 1, signal: null }));
    });
    const member = { name, process: child, exited };
    this.members.push(member);
    return member;
  }

  /** The first member to exit, and how. */
  firstExit(): Promise<{ name: string; info: ExitInfo }> {
    return Promise.race(this.members.map((m) => m.exited.then((info) => ({ name: m.name, info }))));
  }

  /** SIGTERM to every running member; SIGKILL to any still running after `graceMs`. Resolves when all exited. */
  async stop(graceMs: number): Promise<void> {
    for (const member of this.members.filter(isRunning)) member.process.kill('SIGTERM');
    const timer = setTimeout(() => this.kill(), graceMs);
    try {
      await Promise.all(this.members.map((m) => m.exited));
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL to every running member, synchronously (usable from an `exit` handler). */
  kill(): void {
    for (const member of this.members.filter(isRunning)) member.process.kill('SIGKILL');
  }
}

/** Polls `url` until it answers 200. Rejects after `timeoutMs` naming the last answer, or when `signal` aborts. */
export async function waitForHttpOk(
  url: string,
  options: { timeoutMs: number; intervalMs?: number; signal?: AbortSignal },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    options.signal?.throwIfAborted();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(Math.min(2000, options.timeoutMs)) });
      await res.body?.cancel();
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
  }
  throw new Error(`${url} did not answer 200 within ${Math.round(options.timeoutMs / 1000)} s (last: ${last})`);
}

/** Whether nothing listens on `port` yet, tried the way the API binds it (all interfaces). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}
