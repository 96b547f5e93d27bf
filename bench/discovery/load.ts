import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { percentile, round2, summarizeLatencies, type LatencySummary } from '../support/stats';

/**
 * The load generator: a process of its own (forked by run.ts), so its work does not share the event loop of
 * what it measures. Open loop at a fixed arrival rate: request n is due at start + n / rate whether or not
 * earlier answers came back, and its latency counts from when it was due, so a stall shows up in the
 * percentiles instead of quietly lowering the rate (no coordinated omission).
 */

export interface HttpLoad {
  kind: 'http';
  host: '127.0.0.1';
  port: number;
  requests: { path: string; authorization: string }[];
}

export interface SqlLoad {
  kind: 'sql';
  databaseUrl: string;
  poolSize: number;
  queries: { text: string; values: unknown[] }[];
}

export interface LoadPlan {
  target: HttpLoad | SqlLoad;
  ratePerSecond: number;
  warmupSeconds: number;
  seconds: number;
  /** Requests in flight beyond this are not sent but counted as dropped: the run stays bounded. */
  maxInFlight: number;
}

export interface LoadReport {
  kind: 'http' | 'sql';
  offeredRate: number;
  /** Answers (of any status) completed inside the measured window, per second. */
  achievedRate: number;
  sent: number;
  completed: number;
  failed: number;
  dropped: number;
  statuses: Record<string, number>;
  latencyMs: LatencySummary;
  meanResponseBytes: number;
  /** Each second of the measured window (by when requests were due): how many, p95 and max latency. */
  perSecond: { n: number; p95: number; max: number }[];
}

type Send = (index: number) => Promise<{ ok: boolean; status: string; bytes: number }>;

function httpSender(target: HttpLoad): { send: Send; close: () => Promise<void> } {
  // Idle sockets close on our side (4 s) before the server's keep-alive timeout (5 s) can close one under a
  // request we are sending on it; most recently used first, so the idle ones are really idle.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4000, scheduling: 'lifo' });
  const send: Send = (index) =>
    new Promise((resolve) => {
      const r = target.requests[index % target.requests.length]!;
      const req = request(
        { agent, host: target.host, port: target.port, path: r.path, headers: { authorization: r.authorization } },
        (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve({ ok: res.statusCode === 200, status: String(res.statusCode ?? 'none'), bytes }));
          res.on('error', () => resolve({ ok: false, status: 'error', bytes }));
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', (err: NodeJS.ErrnoException) =>
        resolve({ ok: false, status: `error ${err.code ?? err.message}`, bytes: 0 }),
      );
      req.end();
    });
  return {
    send,
    close: () => {
      agent.destroy();
      return Promise.resolve();
    },
  };
}

function sqlSender(target: SqlLoad): { send: Send; close: () => Promise<void> } {
  const pool = new Pool({ connectionString: target.databaseUrl, max: target.poolSize });
  const send: Send = async (index) => {
    const q = target.queries[index % target.queries.length]!;
    try {
      const result = await pool.query(q.text, q.values);
      return { ok: true, status: 'ok', bytes: JSON.stringify(result.rows).length };
    } catch {
      return { ok: false, status: 'error', bytes: 0 };
    }
  };
  return { send, close: () => pool.end() };
}

export async function runLoad(plan: LoadPlan): Promise<LoadReport> {
  const { send, close } = plan.target.kind === 'http' ? httpSender(plan.target) : sqlSender(plan.target);
  const interval = 1000 / plan.ratePerSecond;
  const start = performance.now();
  const measureFrom = start + plan.warmupSeconds * 1000;
  const end = measureFrom + plan.seconds * 1000;
  const latencies: number[] = [];
  const bySecond: number[][] = Array.from({ length: plan.seconds }, () => []);
  const statuses: Record<string, number> = {};
  let sent = 0;
  let completed = 0;
  let failed = 0;
  let dropped = 0;
  let bytes = 0;
  let inFlight = 0;
  let n = 0;
  const pending = new Set<Promise<void>>();

  const fire = (due: number): void => {
    const measured = due >= measureFrom;
    if (inFlight >= plan.maxInFlight) {
      if (measured) dropped++;
      return;
    }
    inFlight++;
    if (measured) sent++;
    const done = send(n).then((answer) => {
      inFlight--;
      const finished = performance.now();
      if (!measured || finished > end + 30_000) return;
      if (finished <= end) completed++;
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (!answer.ok) failed++;
      bytes += answer.bytes;
      latencies.push(finished - due);
      bySecond[Math.min(plan.seconds - 1, Math.floor((due - measureFrom) / 1000))]?.push(finished - due);
    });
    pending.add(done);
    void done.finally(() => pending.delete(done));
  };

  // When request n is due. The warm-up ramps the rate up from a tenth to the full rate, the way traffic reaches
  // a fresh process (JIT, connection pool and caches warm up under it); the measured window runs at the full rate.
  const warmupMs = measureFrom - start;
  const rampRequests = warmupMs > 0 ? (0.55 * plan.ratePerSecond * warmupMs) / 1000 : 0;
  const dueAt = (i: number): number => {
    if (i >= rampRequests) return measureFrom + (i - rampRequests) * interval;
    // Solve rate(t) = r (0.1 + 0.9 t / W) for the time its integral reaches i.
    const r = plan.ratePerSecond / 1000;
    const a = (0.45 * r) / warmupMs;
    const b = 0.1 * r;
    return start + (-b + Math.sqrt(b * b + 4 * a * i)) / (2 * a);
  };
  await new Promise<void>((resolve) => {
    const tick = (): void => {
      const now = performance.now();
      while (dueAt(n) <= now && dueAt(n) < end) {
        fire(dueAt(n));
        n++;
      }
      if (dueAt(n) >= end) return resolve();
      setTimeout(tick, Math.max(0, dueAt(n) - performance.now()));
    };
    tick();
  });
  await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, 30_000))]);
  await close();

  return {
    kind: plan.target.kind,
    offeredRate: plan.ratePerSecond,
    achievedRate: round2(completed / plan.seconds),
    sent,
    completed,
    failed,
    dropped,
    statuses,
    latencyMs: summarizeLatencies(latencies),
    meanResponseBytes: Math.round(bytes / Math.max(1, latencies.length)),
    perSecond: bySecond.map((l) => {
      const s = [...l].sort((a, b) => a - b);
      return { n: s.length, p95: Math.round(percentile(s, 95)), max: Math.round(s[s.length - 1] ?? NaN) };
    }),
  };
}

// Forked by run.ts: one plan in over IPC, one report out, then exit.
if (require.main === module) {
  // The benchmark is gone (finished, failed or killed): stop at once.
  process.once('disconnect', () => process.exit(1));
  process.once('message', (plan: LoadPlan) => {
    runLoad(plan).then(
      (report) => process.send?.(report, () => process.exit(0)),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
