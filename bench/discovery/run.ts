import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig, databaseOptions, fromRepoRoot, loadConfig } from '@app/core';
import { deleteRedisKeys } from '@app/core/testing';
import {
  availabilityToWeekSpans,
  buildGroupSearchQuery,
  GroupMode,
  toMultirangeLiteral,
  type GroupSearchFilter,
} from '@app/groups';
import { PasswordHasher } from '@app/identity';
import type { LoadPlan, LoadReport } from './load';
import { httpPathOf, makeSearchers, makeSearches, PAGE_SIZE, sqlOf, type Search } from './searches';
import { seedDiscovery, type SeedSize } from './seed';

/**
 * `npm run bench:discovery [-- --groups 100000 --rate 200 --seconds 30 --warmup 20 --wait-quiet 180 --profile 1]`
 *
 * Seeds its own database (created from the migrations, dropped at the end), boots the API on 127.0.0.1 in a
 * process of its own, and from a second process sends GET /groups/search (text + language + "fits my day" +
 * open seats, varied over searchers in many zones) at a fixed rate; then sends the very same SQL straight
 * through `pg` at the same rate, as the floor. Prints and saves (var/bench/) the percentiles, the rates, the CPU
 * each part used and the EXPLAIN (ANALYZE, BUFFERS) plans. Every process and the database go away at the end,
 * on failure, on Ctrl-C, and after a deadline; a run killed outright is cleaned up by the next one.
 */

interface Options {
  /** 1: the API writes a V8 CPU profile to var/bench/profiles (open it in Chrome DevTools). */
  profile: number;
  /** Seconds to wait, before each phase, for other work on the machine to stop (it is shared). */
  waitQuiet: number;
  groups: number;
  meetingsPerGroup: number;
  searchers: number;
  rate: number;
  seconds: number;
  warmup: number;
}

const LIMITS: { [K in keyof Options]: [min: number, max: number, fallback: number] } = {
  profile: [0, 1, 0],
  waitQuiet: [0, 600, 180],
  groups: [1000, 200_000, 100_000],
  meetingsPerGroup: [1, 20, 10],
  searchers: [1, 200, 60],
  rate: [1, 1000, 200],
  seconds: [5, 300, 30],
  warmup: [0, 120, 20],
};
const DEADLINE_MS = 20 * 60 * 1000;
const DB_PREFIX = 'cp_bench_discovery_';

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

const log = (line: string): void => console.log(line);

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

const redisPrefixOf = (runId: string): string => `cpbench-${runId}`;

/** Databases and Redis keys of earlier runs whose process is gone (killed outright, so it could not clean up). */
async function dropStaleRuns(baseUrl: string, redisUrl: string): Promise<void> {
  const stale = await withAdmin(baseUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [
      `${DB_PREFIX.replace(/_/g, '\\_')}%`,
    ]);
    const runIds: string[] = [];
    for (const { datname } of rows) {
      const runId = datname.slice(DB_PREFIX.length);
      const pid = Number(/^(\d+)_/.exec(runId)?.[1]);
      if (Number.isInteger(pid) && !isAlive(pid)) {
        log(`Dropping ${datname}, left by a run that is gone.`);
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(datname)} WITH (FORCE)`);
        runIds.push(runId);
      }
    }
    return runIds;
  });
  for (const runId of stale) await deleteRedisKeys(redisUrl, redisPrefixOf(runId));
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

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU ticks (user + system) each process has used so far, from /proc (Linux); nothing elsewhere. */
function cpuTicks(pids: number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // gone in between
    }
  }
  return ticks;
}

/** Busy ticks of the whole machine (all CPUs), from /proc/stat. */
function machineBusyTicks(): number {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0);
  } catch {
    return NaN;
  }
}

/**
 * Who used the CPU during a phase, in cores: the API process, the PostgreSQL backends serving the benchmark's
 * database, the load generator, and the whole machine; `others` is what anything else running took (the machine
 * is shared: a test run next door shows up there, and in the latencies). Sampled every half second, so a
 * process that ends (a pool's connection) loses at most its last half second.
 */
class CpuSampler {
  private readonly first = new Map<string, Map<number, number>>();
  private readonly last = new Map<string, Map<number, number>>();
  private readonly machineStart: number;
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();

  constructor(private readonly groups: Record<string, () => number[]>) {
    for (const [name, pids] of Object.entries(groups)) {
      const now = cpuTicks(pids());
      this.first.set(name, now);
      this.last.set(name, new Map(now));
    }
    this.machineStart = machineBusyTicks();
    this.timer = setInterval(() => this.sample(), 500);
  }

  private sample(): void {
    for (const [name, pids] of Object.entries(this.groups)) {
      const last = this.last.get(name)!;
      for (const [pid, ticks] of cpuTicks(pids())) last.set(pid, Math.max(ticks, last.get(pid) ?? 0));
    }
  }

  stop(): Record<string, number> {
    this.sample();
    clearInterval(this.timer);
    const seconds = (performance.now() - this.started) / 1000;
    const cores = (ticks: number): number => Math.round((ticks / TICKS_PER_SECOND / seconds) * 100) / 100;
    const machine = cores(machineBusyTicks() - this.machineStart);
    const result: Record<string, number> = { machine };
    let ours = 0;
    for (const name of Object.keys(this.groups)) {
      const first = this.first.get(name)!;
      let ticks = 0;
      for (const [pid, t] of this.last.get(name)!) ticks += t - (first.get(pid) ?? 0);
      result[name] = cores(ticks);
      ours += result[name];
    }
    result.others = Math.max(0, Math.round((machine - ours) * 100) / 100);
    return result;
  }
}

/**
 * Waits until the machine has been nearly idle (under a fifth of a core busy) for five seconds, or `maxSeconds`
 * have passed. Our own processes idle meanwhile, so what is busy is someone else's: a test run next door would
 * otherwise be measured as our latency. Returns the busy cores seen last.
 */
async function waitForQuiet(maxSeconds: number): Promise<number> {
  const deadline = Date.now() + maxSeconds * 1000;
  let quietSince = Date.now();
  for (;;) {
    const before = machineBusyTicks();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const busy = (machineBusyTicks() - before) / TICKS_PER_SECOND;
    if (busy > 0.2) quietSince = Date.now();
    if (Date.now() - quietSince >= 5000) return busy;
    if (Date.now() > deadline) {
      log(`The machine is still busy (${busy.toFixed(2)} cores) after ${maxSeconds} s: measuring anyway.`);
      return busy;
    }
  }
}

/** Children and the database, released in reverse order whatever happens. */
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

function runLoadProcess(plan: LoadPlan, cleanup: Cleanup, started: (pid: number) => void): Promise<LoadReport> {
  const child = fork(join(__dirname, 'load.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  cleanup.add('load generator', () => stopChild(child));
  started(child.pid ?? 0);
  return new Promise((resolve, reject) => {
    child.once('message', (report: LoadReport) => resolve(report));
    child.once('exit', (code) => reject(new Error(`load generator exited with code ${code}`)));
    child.send(plan);
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const config = loadConfig(process.env);
  const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const dbName = `${DB_PREFIX}${runId}`;
  const dbUrl = databaseUrlFor(config.DATABASE_URL, dbName);
  const redisPrefix = redisPrefixOf(runId);
  const cleanup = new Cleanup();
  const abort = (why: string, code: number): void => {
    console.error(`\n${why}: cleaning up.`);
    void cleanup.runAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('Interrupted', 130));
  process.once('SIGTERM', () => abort('Terminated', 143));
  setTimeout(() => abort(`Deadline of ${DEADLINE_MS / 60000} minutes passed`, 2), DEADLINE_MS).unref();

  try {
    await dropStaleRuns(config.DATABASE_URL, config.REDIS_URL);
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
    const size: SeedSize = {
      groups: options.groups,
      meetingsPerGroup: options.meetingsPerGroup,
      facilitators: Math.max(100, Math.round(options.groups / 50)),
      courses: 300,
    };
    log(`Seeding ${size.groups} groups and ${size.groups * size.meetingsPerGroup} meetings:`);
    const seedStarted = Date.now();
    await seedDiscovery(db, size, log);
    log(`  seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    const searchers = makeSearchers(options.searchers);
    const password = randomBytes(12).toString('base64url');
    // Cost 1024 only to make logging in fast here; the hash names its cost, so verification is the real code.
    const hash = await new PasswordHasher(Object.assign(new AppConfig(), { SCRYPT_COST: 1024 })).hash(password);
    await db.query(
      `WITH people AS (
         INSERT INTO users (email, display_name, time_zone, availability, password_hash, email_verified_at)
         SELECT s->>'email', 'Searcher', s->>'zone', s->'availability', $2, now() FROM jsonb_array_elements($1) s
         RETURNING id)
       INSERT INTO notification_preferences (user_id) SELECT id FROM people`,
      [JSON.stringify(searchers), hash],
    );

    const port = await freeLoopbackPort();
    const profiles = fromRepoRoot('var', 'bench', 'profiles');
    const api = fork(join(__dirname, 'api-server.js'), [], {
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
        RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '100000',
        LOG_LEVEL: 'info',
      },
    });
    cleanup.add('API', () => stopChild(api));
    await new Promise<void>((resolve, reject) => {
      api.once('message', () => resolve());
      api.once('exit', (code) => reject(new Error(`the API exited with code ${code} before listening`)));
    });
    const base = `http://127.0.0.1:${port}/api/v1`;
    const apiStats = (): Promise<unknown> =>
      new Promise((resolve) => {
        api.once('message', resolve);
        api.send('stats');
      });
    log(`API listening on ${base} (pid ${api.pid}, DATABASE_POOL_SIZE ${config.DATABASE_POOL_SIZE}).`);

    const tokens = new Map<string, string>();
    for (const s of searchers) {
      const res = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: s.email, password }),
      });
      if (res.status !== 200) throw new Error(`login of ${s.email} failed: ${res.status} ${await res.text()}`);
      tokens.set(s.email, ((await res.json()) as { accessToken: string }).accessToken);
    }

    const searches = makeSearches(searchers);
    const now = new Date();
    const queries = searches.map((search) => sqlOf(search, now));

    // One pass of every search: warms the caches, and says how many results the searches find.
    const found: number[] = [];
    const passStarted = performance.now();
    for (const q of queries) found.push((await db.query(q.text, q.values)).rowCount ?? 0);
    const sequentialMs = (performance.now() - passStarted) / queries.length;
    const empty = found.filter((n) => n === 0).length;
    const mean = found.reduce((a, b) => a + b, 0) / found.length;
    log(
      `${searches.length} distinct searches: ${mean.toFixed(1)} rows per page on average (of ${PAGE_SIZE + 1} ` +
        `fetched), ${empty} with none; ${sequentialMs.toFixed(2)} ms each, one at a time.`,
    );

    const plans: Record<string, string> = {};
    const representative = [
      searches.find((s) => s.language === 'en' && s.term === 'biogas'),
      searches.find((s) => s.language === 'es'),
      searches.find((s) => s.language === 'ne' || s.language === 'rw'),
    ].filter((s): s is Search => s !== undefined);
    const explain = async (title: string, q: { text: string; values: unknown[] }): Promise<void> => {
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.text}`, q.values);
      plans[title] = rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    for (const s of representative) {
      await explain(`q=${s.term} language=${s.language} fitsMyDay (${s.searcher.zone}) openSeats`, sqlOf(s, now));
    }
    // Not in the load, for the record: the other orders and indexes at this size.
    const eveningInLaPaz = toMultirangeLiteral(
      availabilityToWeekSpans([{ weekday: 2, start: '18:00', end: '21:00' }], 'America/La_Paz', now),
    );
    const other: [string, GroupSearchFilter][] = [
      [
        'language=es fitsMyDay (one evening, La Paz) openSeats, no text',
        {
          language: 'es',
          withOpenSeats: true,
          fitsWithin: eveningInLaPaz,
        },
      ],
      [
        'within 25 km of La Paz, in person',
        {
          mode: GroupMode.InPerson,
          near: { latitude: -16.5, longitude: -68.15, radiusKm: 25 },
        },
      ],
    ];
    for (const [title, filter] of other) {
      const { text, values } = buildGroupSearchQuery(filter, { limit: PAGE_SIZE, now });
      await explain(title, { text, values });
    }

    // The backends serving this database (the API's pool, the floor's), refreshed as connections come and go.
    const backends = new Set<number>();
    const refreshBackends = async (): Promise<void> => {
      const { rows } = await db.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [dbName],
      );
      for (const { pid } of rows) backends.add(pid);
    };
    const phase = async (name: string, plan: LoadPlan) => {
      log(`\n${name}: ${plan.ratePerSecond}/s for ${plan.warmupSeconds} s warm-up + ${plan.seconds} s measured...`);
      let loadPid = 0;
      if (options.waitQuiet > 0) await waitForQuiet(options.waitQuiet);
      await refreshBackends();
      const watch = setInterval(() => void refreshBackends().catch(() => undefined), 500);
      const sampler = new CpuSampler({
        api: () => (api.pid ? [api.pid] : []),
        postgres: () => [...backends],
        loadGenerator: () => (loadPid ? [loadPid] : []),
      });
      const loadBefore = loadavg()[0] ?? NaN;
      await apiStats(); // resets the API's event-loop histogram
      const report = await runLoadProcess(plan, cleanup, (pid) => (loadPid = pid));
      const cpuCores = sampler.stop();
      clearInterval(watch);
      if ((cpuCores.others ?? 0) > 0.25) {
        log(`Other work on this machine took ${cpuCores.others} cores during this phase: the figures suffer from it.`);
      }
      const { perSecond, ...rest } = report;
      const result = {
        ...rest,
        cpuCores,
        loadAverage1m: { before: loadBefore, after: loadavg()[0] ?? NaN },
        api: plan.target.kind === 'http' ? await apiStats() : undefined,
        perSecond,
      };
      log(
        JSON.stringify({ ...result, perSecond: perSecond.map((x) => `${x.n}:${x.p95}/${x.max}`).join(' ') }, null, 2),
      );
      return result;
    };

    const common = { ratePerSecond: options.rate, warmupSeconds: options.warmup, seconds: options.seconds };
    const http = await phase('HTTP (GET /groups/search through the API)', {
      ...common,
      maxInFlight: 2000,
      target: {
        kind: 'http',
        host: '127.0.0.1',
        port,
        requests: searches.map((s) => ({
          path: httpPathOf(s),
          authorization: `Bearer ${tokens.get(s.searcher.email) ?? ''}`,
        })),
      },
    });
    const floor = await phase('Floor (the same SQL through pg, no HTTP, no framework)', {
      ...common,
      maxInFlight: 2000,
      target: { kind: 'sql', databaseUrl: dbUrl, poolSize: config.DATABASE_POOL_SIZE, queries },
    });

    const [{ version }] = (await db.query<{ version: string }>('SELECT version()')).rows as [{ version: string }];
    const result = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        postgres: version,
      },
      options,
      databasePoolSize: config.DATABASE_POOL_SIZE,
      searches: { distinct: searches.length, meanRowsPerPage: mean, empty, sequentialMs },
      http,
      floor,
      ratio: {
        p50: Math.round((http.latencyMs.p50 / floor.latencyMs.p50) * 10) / 10,
        p95: Math.round((http.latencyMs.p95 / floor.latencyMs.p95) * 10) / 10,
        p99: Math.round((http.latencyMs.p99 / floor.latencyMs.p99) * 10) / 10,
      },
      target: {
        p95Ms: 50,
        ratePerSecond: 200,
        met: http.latencyMs.p95 <= 50 && http.achievedRate >= 0.98 * options.rate,
      },
      plans,
    };
    const dir = fromRepoRoot('var', 'bench');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `discovery-${result.date.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify(result, null, 2));

    log('\nPlans:');
    for (const [title, plan] of Object.entries(plans)) log(`\n-- ${title}\n${plan}`);
    log(
      `\nHTTP p50/p95/p99 ${http.latencyMs.p50}/${http.latencyMs.p95}/${http.latencyMs.p99} ms at ` +
        `${http.achievedRate}/s; floor ${floor.latencyMs.p50}/${floor.latencyMs.p95}/${floor.latencyMs.p99} ms at ` +
        `${floor.achievedRate}/s; ratio p95 ${result.ratio.p95}x. Target (p95 <= 50 ms at ${options.rate}/s) ` +
        `${result.target.met ? 'met' : 'MISSED'}. Saved ${file}.`,
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
