import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DASHBOARD_LEARNERS_SQL } from '@app/cohorts';
import { AppConfig, databaseOptions, fromRepoRoot, loadConfig } from '@app/core';
import { deleteRedisKeys } from '@app/core/testing';
import { PasswordHasher } from '@app/identity';
import { seedDashboard, type SeedSize } from './seed';

/**
 * `npm run bench:dashboard [-- --learners 1000 --requests 300 --warmup 50 --wait-quiet 120 --profile 1]`
 *
 * Seeds its own database (from the migrations; dropped at the end) with ten cohorts of `--learners` learners,
 * boots the API in a process of its own on 127.0.0.1 (bench/discovery/api-server.ts: the real ApiModule and
 * configureApi), logs the facilitator in, warms up, then sends sequential requests (one at a time, keep-alive):
 * the whole dashboard, a filtered and sorted one, and the CSV export. Then the learners' SQL alone through `pg`
 * (the floor) and its EXPLAIN (ANALYZE, BUFFERS). Prints and saves (var/bench/) p50/p95/p99/max per series.
 */

interface Options {
  learners: number;
  requests: number;
  warmup: number;
  waitQuiet: number;
  profile: number;
}

const LIMITS: { [K in keyof Options]: [min: number, max: number, fallback: number] } = {
  learners: [10, 20_000, 1000],
  requests: [300, 10_000, 300],
  warmup: [0, 1000, 50],
  waitQuiet: [0, 600, 120],
  profile: [0, 1, 0],
};
const TARGET_P95_MS = 100;
const DEADLINE_MS = 15 * 60 * 1000;
const DB_PREFIX = 'cp_bench_dashboard_';
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

const log = (line: string): void => console.log(line);

function parseOptions(argv: string[]): Options {
  const options = {} as Options;
  for (const key of Object.keys(LIMITS) as (keyof Options)[]) {
    const [min, max, fallback] = LIMITS[key];
    const flag = argv.indexOf(`--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
    const value = flag >= 0 ? Number(argv[flag + 1]) : fallback;
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${key} must be an integer from ${min} to ${max}`);
    }
    options[key] = value;
  }
  return options;
}

function databaseUrlFor(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(baseUrl: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrlFor(baseUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Databases of earlier runs whose process is gone (killed outright, so it could not clean up). */
async function dropStaleRuns(baseUrl: string): Promise<void> {
  await withAdmin(baseUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${DB_PREFIX.replace(/_/g, '\\_')}%`,
    ]);
    for (const { datname } of rows) {
      const pid = Number(/^(\d+)_/.exec(datname.slice(DB_PREFIX.length))?.[1]);
      if (Number.isInteger(pid) && !isAlive(pid)) {
        log(`Dropping ${datname}, left by a run that is gone.`);
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(datname)} WITH (FORCE)`);
      }
    }
  });
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Busy ticks of the whole machine (all CPUs), from /proc/stat (Linux; NaN elsewhere). */
function machineBusyTicks(): number {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  } catch {
    return NaN;
  }
}

/** Waits until the shared machine has been nearly idle for five seconds, or `maxSeconds` have passed. */
async function waitForQuiet(maxSeconds: number): Promise<void> {
  const deadline = Date.now() + maxSeconds * 1000;
  let quietSince = Date.now();
  for (;;) {
    const before = machineBusyTicks();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const busy = (machineBusyTicks() - before) / TICKS_PER_SECOND;
    if (busy > 0.2) quietSince = Date.now();
    if (Date.now() - quietSince >= 5000) return;
    if (Date.now() > deadline) {
      log(`The machine is still busy (${busy.toFixed(2)} cores) after ${maxSeconds} s: measuring anyway.`);
      return;
    }
  }
}

/** Steps released in reverse order whatever happens. */
class Cleanup {
  private readonly steps: { what: string; run: () => Promise<void> }[] = [];
  private running?: Promise<void>;

  add(what: string, run: () => Promise<void>): void {
    this.steps.push({ what, run });
  }

  runAll(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (err) {
          console.error(`cleanup: ${step.what} failed:`, err);
        }
      }
    })();
    return this.running;
  }
}

function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface Series {
  requests: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Cores the whole machine was busy while the series ran (ours included). */
  machineCores: number;
  bytes?: number;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

/** Nearest-rank percentiles. */
function summarize(samples: number[], machineCores: number, bytes?: number): Series {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number): number =>
    round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
  return {
    requests: samples.length,
    latencyMs: {
      p50: at(50),
      p95: at(95),
      p99: at(99),
      max: round(sorted[sorted.length - 1]!),
      mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
    },
    machineCores,
    bytes,
  };
}

/** `count` calls of `call`, one at a time; each timed from send to the last byte read. */
async function measure(count: number, call: () => Promise<number>): Promise<Series> {
  const samples: number[] = [];
  let bytes = 0;
  const busyBefore = machineBusyTicks();
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const t0 = performance.now();
    bytes = await call();
    samples.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  const cores = Math.round(((machineBusyTicks() - busyBefore) / TICKS_PER_SECOND / seconds) * 100) / 100;
  return summarize(samples, cores, bytes);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const config = loadConfig(process.env);
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const dbName = `${DB_PREFIX}${runId}`;
  const dbUrl = databaseUrlFor(config.DATABASE_URL, dbName);
  const redisPrefix = `cpbench-${runId}`;
  const cleanup = new Cleanup();
  const abort = (why: string, code: number): void => {
    console.error(`\n${why}: cleaning up.`);
    void cleanup.runAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('Interrupted', 130));
  process.once('SIGTERM', () => abort('Terminated', 143));
  setTimeout(() => abort(`Deadline of ${DEADLINE_MS / 60000} minutes passed`, 2), DEADLINE_MS).unref();

  try {
    await dropStaleRuns(config.DATABASE_URL);
    log(`Database ${dbName} (dropped at the end).`);
    await withAdmin(config.DATABASE_URL, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(dbName)}`));
    cleanup.add('database', () =>
      withAdmin(config.DATABASE_URL, (c) =>
        c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(dbName)} WITH (FORCE)`),
      ).then(() => log(`Dropped ${dbName}.`)),
    );
    cleanup.add('redis keys', () => deleteRedisKeys(config.REDIS_URL, redisPrefix));

    const migrations = new DataSource(databaseOptions(loadConfig({ ...process.env, DATABASE_URL: dbUrl })));
    await migrations.initialize();
    await migrations.runMigrations({ transaction: 'each' });
    await migrations.destroy();

    const db = new Client({ connectionString: dbUrl });
    await db.connect();
    cleanup.add('seed connection', () => db.end());
    const size: SeedSize = { cohorts: 10, learners: options.learners, modules: 10, groupSize: 36, extensions: 300 };
    const password = randomBytes(12).toString('base64url');
    // Cost 1024 only to make logging in fast here; the hash names its cost, so verification is the real code.
    const hash = await new PasswordHasher(Object.assign(new AppConfig(), { SCRYPT_COST: 1024 })).hash(password);
    log(`Seeding ${size.cohorts} cohorts of ${size.learners} learners:`);
    const seedStarted = Date.now();
    const { cohortId, facilitatorEmail } = await seedDashboard(db, size, hash, log);
    log(`  seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
    const [facts] = (
      await db.query<Record<string, number>>(
        `SELECT (SELECT count(*)::int FROM cohort_members WHERE cohort_id = $1 AND role = 'learner') AS learners,
                (SELECT count(DISTINCT time_zone)::int FROM users u JOIN cohort_members m ON m.user_id = u.id
                  WHERE m.cohort_id = $1) AS zones,
                (SELECT count(*)::int FROM module_completions WHERE cohort_id = $1) AS completions,
                (SELECT count(*)::int FROM meeting_attendance a JOIN meetings mt ON mt.id = a.meeting_id
                   JOIN cohort_groups cg ON cg.group_id = mt.group_id WHERE cg.cohort_id = $1) AS attendance,
                (SELECT count(*)::int FROM discussion_posts WHERE cohort_id = $1) AS posts,
                (SELECT count(*)::int FROM deadline_extensions WHERE cohort_id = $1) AS extensions`,
        [cohortId],
      )
    ).rows;
    log(`  measured cohort: ${JSON.stringify(facts)}`);

    const port = await freeLoopbackPort();
    const profiles = fromRepoRoot('var', 'bench', 'profiles');
    const api = fork(join(__dirname, '..', 'discovery', 'api-server.js'), [], {
      execArgv: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profiles}`] : [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        PORT: String(port),
        DATABASE_URL: dbUrl,
        REDIS_PREFIX: redisPrefix,
        JWT_SECRET: randomBytes(32).toString('hex'),
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        LOG_LEVEL: 'info',
      },
    });
    cleanup.add('API', () => stopChild(api));
    await new Promise<void>((resolve, reject) => {
      api.once('message', () => resolve());
      api.once('exit', (code) => reject(new Error(`the API exited with code ${code} before listening`)));
    });
    const base = `http://127.0.0.1:${port}/api/v1`;
    log(`API listening on ${base} (pid ${api.pid}).`);
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: facilitatorEmail, password }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const get = (path: string) => async (): Promise<number> => {
      const res = await fetch(`${base}/cohorts/${cohortId}/${path}`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      const body = await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${Buffer.from(body).toString()}`);
      return body.byteLength;
    };
    const first = (await (
      await fetch(`${base}/cohorts/${cohortId}/dashboard`, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
    ).json()) as { items: unknown[]; summary: Record<string, number> };
    log(`  dashboard: ${first.items.length} rows, summary ${JSON.stringify(first.summary)}`);

    log(`\nWarming up (${options.warmup} requests)...`);
    for (let i = 0; i < options.warmup; i += 1) await get('dashboard')();
    for (let i = 0; i < 10; i += 1) await get('dashboard.csv')();
    if (options.waitQuiet > 0) {
      log(`Waiting for the machine to be quiet (at most ${options.waitQuiet} s)...`);
      await waitForQuiet(options.waitQuiet);
    }

    const series: Record<string, Series> = {};
    const run = async (name: string, count: number, call: () => Promise<number>): Promise<void> => {
      series[name] = await measure(count, call);
      log(`${name}: ${JSON.stringify(series[name])}`);
    };
    await run('GET /dashboard', options.requests, get('dashboard'));
    await run(
      'GET /dashboard?flag=at-risk&sort=lastActive&order=desc',
      Math.max(100, options.requests / 3),
      get('dashboard?flag=at-risk&sort=lastActive&order=desc'),
    );
    await run('GET /dashboard.csv', 50, get('dashboard.csv'));
    await run('floor: the learners SQL through pg', 100, async () => {
      const { rows } = await db.query(DASHBOARD_LEARNERS_SQL, [cohortId, new Date()]);
      return rows.length;
    });
    const { rows: planRows } = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${DASHBOARD_LEARNERS_SQL}`,
      [cohortId, new Date()],
    );
    const plan = planRows.map((r) => r['QUERY PLAN']).join('\n');

    const [{ version }] = (await db.query<{ version: string }>('SELECT version()')).rows as [{ version: string }];
    const main = series['GET /dashboard']!;
    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        postgres: version,
      },
      options,
      seed: { ...size, measured: facts },
      series,
      target: { p95Ms: TARGET_P95_MS, met: main.latencyMs.p95 <= TARGET_P95_MS },
      plan,
    };
    const dir = fromRepoRoot('var', 'bench');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `dashboard-${result.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));
    log(`\nPlan of the learners' statement:\n${plan}`);
    log(
      `\nGET /dashboard (${options.learners} learners, ${main.bytes} bytes) p50/p95/p99/max ` +
        `${main.latencyMs.p50}/${main.latencyMs.p95}/${main.latencyMs.p99}/${main.latencyMs.max} ms. ` +
        `Target (p95 <= ${TARGET_P95_MS} ms) ${result.target.met ? 'met' : 'MISSED'}. Saved ${file}.`,
    );
  } finally {
    await cleanup.runAll();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
