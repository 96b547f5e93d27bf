import { fork } from 'node:child_process';
import { join } from 'node:path';
import { stopChild } from './child-process';
import type { Cleanup } from './cleanup';
import { ChildRequests } from './ipc';
import type { LoadPlan, LoadReport } from './open-loop-load';

/** The load generator's process (open-loop-load.ts), kept for several plans: its connections stay warm. */
export interface LoadProcess {
  pid: number;
  run(plan: LoadPlan): Promise<LoadReport>;
}

export function startLoadProcess(cleanup: Cleanup): LoadProcess {
  const child = fork(join(__dirname, 'open-loop-load.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  cleanup.add('load generator', () => stopChild(child));
  const requests = new ChildRequests(child);
  return {
    pid: child.pid ?? 0,
    // A plan lasts its warm-up and measured seconds, plus up to 30 s for the answers still in flight.
    run: (plan) => requests.request<LoadReport>(plan, (plan.warmupSeconds + plan.seconds + 90) * 1000),
  };
}
