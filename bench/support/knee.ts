import type { OptionLimits } from './options';
import type { LoadProcess } from './load-process';
import type { LoadReport, LoadTarget } from './open-loop-load';
import { CpuMeter } from './process-stats';
import { round2 } from './stats';

/**
 * The knee of a target: the highest rate at which p95 stays within a limit, found by stepping the arrival rate up
 * (open loop, see open-loop-load.ts) until a step misses. A step holds when its p95 is within the limit, it
 * achieved at least 97% of the offered rate and nothing failed; the knee is the last rate of the unbroken run of
 * steps that held from the bottom. Each step also says who used the CPU during it, and how much per request.
 */

export interface KneeOptions {
  /** Ascending arrival rates, per second. */
  rates: number[];
  /** Before the first step, rising from a tenth of its rate: a fresh process's JIT, pools and caches. */
  warmupSeconds: number;
  /** At each step's rate before it is measured, so the step starts from its own steady state. */
  settleSeconds: number;
  stepSeconds: number;
  p95LimitMs: number;
  /** Processes whose CPU each step reports, in cores and in milliseconds per completed request. */
  cpu: Record<string, () => number[]>;
  /** Called before each step (e.g. to reset a server's own counters); what it returns is kept with the step. */
  beforeStep?: () => Promise<unknown>;
  afterStep?: () => Promise<unknown>;
  log: (line: string) => void;
}

export interface KneeStep {
  rate: number;
  held: boolean;
  achievedRate: number;
  latencyMs: LoadReport['latencyMs'];
  failed: number;
  dropped: number;
  statuses: Record<string, number>;
  meanResponseBytes: number;
  cpuCores: Record<string, number>;
  /** CPU milliseconds per completed request, by process group. */
  cpuMsPerRequest: Record<string, number>;
  server?: unknown;
}

export interface KneeResult {
  /** The highest rate held, with every rate below it; null when the first step missed. */
  knee: number | null;
  steps: KneeStep[];
}

export async function findKnee(load: LoadProcess, target: LoadTarget, options: KneeOptions): Promise<KneeResult> {
  const steps: KneeStep[] = [];
  let knee: number | null = null;
  for (const [i, rate] of options.rates.entries()) {
    await options.beforeStep?.();
    const meter = new CpuMeter({ ...options.cpu, loadGenerator: () => [load.pid] });
    const report = await load.run({
      target,
      ratePerSecond: rate,
      warmupSeconds: i === 0 ? options.warmupSeconds : options.settleSeconds,
      rampUp: i === 0,
      seconds: options.stepSeconds,
      maxInFlight: 2000,
    });
    // The meter ran through the settling too: at the step's rate, so its cores are the step's.
    const cpuCores = meter.stop();
    const server = await options.afterStep?.();
    const held =
      report.latencyMs.p95 <= options.p95LimitMs &&
      report.achievedRate >= 0.97 * rate &&
      report.failed === 0 &&
      report.dropped === 0;
    const cpuMsPerRequest = msPerRequest(cpuCores, Object.keys(options.cpu), report.achievedRate);
    steps.push({
      rate,
      held,
      achievedRate: report.achievedRate,
      latencyMs: report.latencyMs,
      failed: report.failed,
      dropped: report.dropped,
      statuses: report.statuses,
      meanResponseBytes: report.meanResponseBytes,
      cpuCores,
      cpuMsPerRequest,
      server,
    });
    const cpuText = Object.entries(cpuMsPerRequest)
      .map(([name, ms]) => `${name} ${ms} ms`)
      .join(', ');
    options.log(
      `  ${String(rate).padStart(4)}/s: p50 ${report.latencyMs.p50} p95 ${report.latencyMs.p95} p99 ` +
        `${report.latencyMs.p99} ms, achieved ${report.achievedRate}/s${report.failed ? `, ${report.failed} failed` : ''}` +
        `; CPU per request ${cpuText}; machine ${cpuCores.machine} cores${held ? '' : '  <- missed'}`,
    );
    if (!held) break;
    knee = rate;
  }
  return { knee, steps };
}

/** CPU milliseconds per request of each named process group, from its cores at `ratePerSecond`. */
export function msPerRequest(
  cpuCores: Record<string, number>,
  names: string[],
  ratePerSecond: number,
): Record<string, number> {
  return Object.fromEntries(
    names.map((name) => [name, round2(((cpuCores[name] ?? 0) * 1000) / Math.max(1, ratePerSecond))]),
  );
}

/** The command-line options of a stepped rate (`--rate-from 100 --rate-step 50 --rate-to 1000 ...`). */
export interface SteppedRateOptions {
  rateFrom: number;
  rateStep: number;
  rateTo: number;
  /** Measured seconds per step. */
  stepSeconds: number;
  /** Seconds at each step's rate before it is measured. */
  settleSeconds: number;
}

export function steppedRateLimits(from: number, step: number, to: number): OptionLimits<SteppedRateOptions> {
  return {
    rateFrom: [1, 10_000, from],
    rateStep: [1, 5_000, step],
    rateTo: [1, 20_000, to],
    stepSeconds: [3, 300, 10],
    settleSeconds: [0, 60, 3],
  };
}

export function ratesOf(options: SteppedRateOptions): number[] {
  const rates: number[] = [];
  for (let rate = options.rateFrom; rate <= options.rateTo; rate += options.rateStep) rates.push(rate);
  return rates;
}

/** `knee / floor's knee`, to two places; null when either has none. */
export function kneeRatio(api: KneeResult, floor: KneeResult): number | null {
  return api.knee === null || floor.knee === null ? null : round2(api.knee / floor.knee);
}
