import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { machineBusyTicks, TICKS_PER_SECOND } from './machine';

/** Resident memory of a process in MiB (VmRSS in /proc/<pid>/status; Linux), undefined once it is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU ticks (user + system) a process has used so far (/proc/<pid>/stat; Linux), undefined once it is gone. */
export function cpuTicks(pid: number): number | undefined {
  try {
    // The command name, in parentheses, may hold spaces: count the fields after it.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Cores each group of processes used over a phase, the whole machine's, and `others`: what anything else on the
 * machine took (a shared machine: someone's test run shows up there, and in the figures). Sampled every half
 * second, so a process that ends loses at most its last half second; `pids` may change (pool connections).
 */
export class CpuMeter {
  private readonly first = new Map<string, Map<number, number>>();
  private readonly last = new Map<string, Map<number, number>>();
  private readonly machineStart = machineBusyTicks();
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly groups: Record<string, () => number[]>) {
    for (const name of Object.keys(groups)) {
      this.first.set(name, new Map());
      this.last.set(name, new Map());
    }
    this.sample();
    this.timer = setInterval(() => this.sample(), 500);
  }

  private sample(): void {
    for (const [name, pids] of Object.entries(this.groups)) {
      const first = this.first.get(name)!;
      const last = this.last.get(name)!;
      for (const pid of pids()) {
        const ticks = cpuTicks(pid);
        if (ticks === undefined) continue;
        if (!first.has(pid)) first.set(pid, ticks);
        last.set(pid, Math.max(ticks, last.get(pid) ?? 0));
      }
    }
  }

  /** Cores per group, `machine` and `others`, over the time since construction. */
  stop(): Record<string, number> {
    this.sample();
    clearInterval(this.timer);
    const seconds = (performance.now() - this.started) / 1000;
    const cores = (ticks: number): number => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
    const result: Record<string, number> = { machine: cores(machineBusyTicks() - this.machineStart) };
    let ours = 0;
    for (const name of Object.keys(this.groups)) {
      const first = this.first.get(name)!;
      let ticks = 0;
      for (const [pid, t] of this.last.get(name)!) ticks += t - (first.get(pid) ?? t);
      result[name] = cores(ticks);
      ours += result[name];
    }
    result.others = Math.max(0, Math.round(((result.machine ?? 0) - ours) * 100) / 100);
    return result;
  }
}
