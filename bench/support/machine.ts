import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Client } from 'pg';

export const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** Busy ticks of the whole machine (all CPUs), from /proc/stat (Linux; NaN elsewhere). */
export function machineBusyTicks(): number {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  } catch {
    return NaN;
  }
}

/**
 * Waits until the machine has been nearly idle (under a fifth of a core busy) for five seconds, or `maxSeconds`
 * have passed. Our own processes idle meanwhile, so what is busy is someone else's: a test run next door would
 * otherwise be measured as our latency. Returns the busy cores seen last.
 */
export async function waitForQuiet(maxSeconds: number): Promise<number> {
  const deadline = Date.now() + maxSeconds * 1000;
  let quietSince = Date.now();
  for (;;) {
    const before = machineBusyTicks();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const busy = (machineBusyTicks() - before) / TICKS_PER_SECOND;
    if (busy > 0.2) quietSince = Date.now();
    if (Date.now() - quietSince >= 5000) return busy;
    if (Date.now() > deadline) {
      console.log(`The machine is still busy (${busy.toFixed(2)} cores) after ${maxSeconds} s: measuring anyway.`);
      return busy;
    }
  }
}

/** What the figures were measured on, for the saved result. */
export async function describeMachine(
  db: Client,
): Promise<{ cpus: number; memoryGiB: number; node: string; postgres: string }> {
  const [{ version }] = (await db.query<{ version: string }>('SELECT version()')).rows as [{ version: string }];
  return {
    cpus: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: version,
  };
}
