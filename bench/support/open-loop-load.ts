import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { answerRequests } from './ipc';
import { percentile, round2, summarizeLatencies, type LatencySummary } from './stats';

/**
 * The load generator: a process of its own (forked by a benchmark, see load-process.ts), so its work does not
 * share the event loop of what it measures. Open loop at a fixed arrival rate: request n is due at
 * start + n / rate whether or not earlier answers came back, and its latency counts from when it was due, so a
 * stall shows up in the percentiles instead of quietly lowering the rate (no coordinated omission). It runs one
 * plan per request from its parent, keeping its connections between plans (a stepped rate is several plans).
 */

export interface HttpRequestSpec {
  path: string;
  authorization: string;
  /** GET by default; a POST sends `body` as JSON (or nothing). */
  method?: 'GET' | 'POST';
  body?: string;
}

export interface HttpLoad {
  kind: 'http';
  host: '127.0.0.1';
  port: number;
  requests: HttpRequestSpec[];
}

export interface SqlLoad {
  kind: 'sql';
  databaseUrl: string;
  poolSize: number;
  queries: { text: string; values: unknown[] }[];
}

/**
 * A floor that is more than one statement (a transaction whose statements depend on each other): a module of
 * ours, loaded by the load generator, whose `sender(options)` returns what sends request n.
 */
export interface ModuleLoad {
  kind: 'module';
  /** Absolute path of the compiled module. */
  module: string;
  options: unknown;
}

export type LoadTarget = HttpLoad | SqlLoad | ModuleLoad;

export interface LoadPlan {
  target: LoadTarget;
  ratePerSecond: number;
  warmupSeconds: number;
  /** The warm-up rises from a tenth of the rate (a fresh process); false: it runs at the full rate (a next step). */
  rampUp: boolean;
  seconds: number;
  /** Requests in flight beyond this are not sent but counted as dropped: the run stays bounded. */
  maxInFlight: number;
}

export interface LoadReport {
  kind: LoadTarget['kind'];
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

export type Send = (index: number) => Promise<{ ok: boolean; status: string; bytes: number }>;

/** Sends request n of a target; `close` ends its connections. */
export interface Sender {
  send: Send;
  close: () => Promise<void>;
}

function senderOf(target: LoadTarget): Sender {
  if (target.kind === 'http') return httpSender(target);
  if (target.kind === 'sql') return sqlSender(target);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module the benchmark names at run time
  const loaded = require(target.module) as { sender: (options: unknown) => Sender };
  return loaded.sender(target.options);
}

function httpSender(target: HttpLoad): Sender {
  // Idle sockets close on our side (4 s) before the server's keep-alive timeout (5 s) can close one under a
  // request we are sending on it; most recently used first, so the idle ones are really idle.
  const agent = new Agent({ keepAlive: true, maxSockets: 256, timeout: 4000, scheduling: 'lifo' });
  const send: Send = (index) =>
    new Promise((resolve) => {
      const r = target.requests[index % target.requests.length]!;
      const headers: Record<string, string> = { authorization: r.authorization };
      if (r.body !== undefined) headers['content-type'] = 'application/json';
      const req = request(
        { agent, host: target.host, port: target.port, path: r.path, method: r.method ?? 'GET', headers },
        (res) => {
          let bytes = 0;
          const status = res.statusCode ?? 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          res.on('end', () => resolve({ ok: status >= 200 && status < 300, status: String(status || 'none'), bytes }));
          res.on('error', () => resolve({ ok: false, status: 'error', bytes }));
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', (err: NodeJS.ErrnoException) =>
        resolve({ ok: false, status: `error ${err.code ?? err.message}`, bytes: 0 }),
      );
      req.end(r.body);
    });
  return {
    send,
    close: () => {
      agent.destroy();
      return Promise.resolve();
    },
  };
}

function sqlSender(target: SqlLoad): Sender {
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

/** Runs `plan` through `sender` (its connections kept for the next plan). */
export async function runLoad(plan: LoadPlan, { send }: Sender): Promise<LoadReport> {
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
  const rampRequests = plan.rampUp && warmupMs > 0 ? (0.55 * plan.ratePerSecond * warmupMs) / 1000 : 0;
  const dueAt = (i: number): number => {
    if (!plan.rampUp) return start + i * interval;
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

// Forked by load-process.ts: one report per plan, over IPC, until the parent goes.
if (require.main === module) {
  // The benchmark is gone (finished, failed or killed): stop at once.
  process.once('disconnect', () => process.exit(1));
  let sender: { key: string; sender: Sender } | undefined;
  answerRequests(async (body) => {
    const plan = body as LoadPlan;
    const key = JSON.stringify(plan.target);
    if (sender?.key !== key) {
      await sender?.sender.close();
      sender = { key, sender: senderOf(plan.target) };
    }
    return runLoad(plan, sender.sender);
  });
}
