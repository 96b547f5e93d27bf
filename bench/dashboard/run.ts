import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { DASHBOARD_LEARNERS_SQL } from '@app/cohorts';
import { AppConfig, loadConfig } from '@app/core';
import { PasswordHasher } from '@app/identity';
import { startApi } from '../support/api-process';
import { runWithCleanup } from '../support/cleanup';
import { watchDatabaseBackends } from '../support/database-backends';
import { findKnee, kneeRatio, ratesOf, steppedRateLimits, type SteppedRateOptions } from '../support/knee';
import { startLoadProcess } from '../support/load-process';
import type { LoadTarget } from '../support/open-loop-load';
import { describeMachine, machineBusyTicks, TICKS_PER_SECOND, waitForQuiet } from '../support/machine';
import { parseOptions, type OptionLimits } from '../support/options';
import { saveResult } from '../support/results';
import { createScratchRun } from '../support/scratch-run';
import { summarizeLatencies, type LatencySummary } from '../support/stats';
import { seedDashboard, type SeedSize } from './seed';

/**
 * `npm run bench:dashboard [-- --learners 1000 --requests 300 --warmup 50 --wait-quiet 120 --profile 1]`
 *
 * Seeds its own database (from the migrations; dropped at the end) with ten cohorts of `--learners` learners,
 * boots the API in a process of its own on 127.0.0.1 (bench/discovery/api-server.ts: the real ApiModule and
 * configureApi), logs the facilitator in, warms up, then sends sequential requests (one at a time, keep-alive):
 * the whole dashboard, a filtered and sorted one, and the CSV export. Then the learners' SQL alone through `pg`
 * (the floor) and its EXPLAIN (ANALYZE, BUFFERS). Then the knee of each (bench/support/knee.ts): the dashboard
 * through the API, then the learners' SQL through `pg`, at rates stepped up from `--rate-from` until p95 passes
 * `--knee-p95-ms`. Prints and saves (var/bench/) p50/p95/p99/max per series, and the knees.
 */

interface Options extends SteppedRateOptions {
  /** The knee's p95 limit: the dashboard's own target (one dashboard of 1,000 learners alone takes ~35 ms). */
  kneeP95Ms: number;
  /** API_PROCESSES of the API: 0, one per core, as in production. */
  apiProcesses: number;
  learners: number;
  requests: number;
  warmup: number;
  waitQuiet: number;
  profile: number;
}

const LIMITS: OptionLimits<Options> = {
  learners: [10, 20_000, 1000],
  requests: [300, 10_000, 300],
  warmup: [0, 1000, 50],
  waitQuiet: [0, 600, 120],
  profile: [0, 1, 0],
  kneeP95Ms: [10, 1000, 100],
  apiProcesses: [0, 16, 0],
  ...steppedRateLimits(5, 5, 100),
};
const TARGET_P95_MS = 100;
/** Issue 16: the dashboard's p95 within this many times its floor's (one request at a time). */
const TARGET_FLOOR_RATIO = 1.5;
const DEADLINE_MS = 15 * 60 * 1000;
const DB_PREFIX = 'cp_bench_dashboard_';

const log = (line: string): void => console.log(line);

interface Series {
  requests: number;
  latencyMs: LatencySummary;
  /** Cores the whole machine was busy while the series ran (ours included). */
  machineCores: number;
  bytes?: number;
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
  return { requests: samples.length, latencyMs: summarizeLatencies(samples), machineCores: cores, bytes };
}

runWithCleanup(DEADLINE_MS, async (cleanup) => {
  const options = parseOptions(process.argv.slice(2), LIMITS);
  const config = loadConfig(process.env);
  const { databaseName: dbName, databaseUrl: dbUrl, redisPrefix } = await createScratchRun(cleanup, config, DB_PREFIX);

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

  const apiProcess = await startApi(cleanup, {
    databaseUrl: dbUrl,
    redisPrefix,
    profile: options.profile === 1,
    processes: options.apiProcesses,
  });
  const { base, port } = apiProcess;
  log(`API listening on ${base} (pids ${apiProcess.pids().join(', ')}).`);
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

  // The knees: the dashboard through the API, then its learners' statement alone, at stepped rates.
  const load = startLoadProcess(cleanup);
  const backends = watchDatabaseBackends(db, dbName, cleanup);
  const knee = async (name: string, target: LoadTarget) => {
    log(
      `\n${name}: the knee (p95 <= ${options.kneeP95Ms} ms), from ${options.rateFrom}/s up by ${options.rateStep}/s...`,
    );
    if (options.waitQuiet > 0) await waitForQuiet(options.waitQuiet);
    return findKnee(load, target, {
      rates: ratesOf(options),
      warmupSeconds: 5,
      settleSeconds: options.settleSeconds,
      stepSeconds: options.stepSeconds,
      p95LimitMs: options.kneeP95Ms,
      cpu: { api: apiProcess.pids, postgres: backends.pids },
      beforeStep: backends.refresh,
      log,
    });
  };
  const httpKnee = await knee('HTTP (GET /dashboard)', {
    kind: 'http',
    host: '127.0.0.1',
    port,
    requests: [{ path: `/api/v1/cohorts/${cohortId}/dashboard`, authorization: `Bearer ${accessToken}` }],
  });
  const floorKnee = await knee('Floor (the learners SQL through pg)', {
    kind: 'sql',
    databaseUrl: dbUrl,
    poolSize: config.DATABASE_POOL_SIZE,
    queries: [{ text: DASHBOARD_LEARNERS_SQL, values: [cohortId, new Date().toISOString()] }],
  });

  const main = series['GET /dashboard']!;
  const floor = series['floor: the learners SQL through pg']!;
  const floorRatio = Math.round((main.latencyMs.p95 / floor.latencyMs.p95) * 100) / 100;
  const kneeOfFloor = kneeRatio(httpKnee, floorKnee);
  const result = {
    date: new Date().toISOString(),
    machine: await describeMachine(db),
    options,
    seed: { ...size, measured: facts },
    series,
    knee: { p95LimitMs: options.kneeP95Ms, http: httpKnee, floor: floorKnee, ratio: kneeOfFloor },
    target: {
      p95Ms: TARGET_P95_MS,
      met: main.latencyMs.p95 <= TARGET_P95_MS,
      floorRatio,
      withinFloorRatio: floorRatio <= TARGET_FLOOR_RATIO,
      kneeAtLeast70PercentOfFloor: kneeOfFloor !== null && kneeOfFloor >= 0.7,
    },
    plan,
  };
  const file = saveResult('dashboard', result);
  log(`\nPlan of the learners' statement:\n${plan}`);
  log(
    `\nGET /dashboard (${options.learners} learners, ${main.bytes} bytes) p50/p95/p99/max ` +
      `${main.latencyMs.p50}/${main.latencyMs.p95}/${main.latencyMs.p99}/${main.latencyMs.max} ms. ` +
      `Target (p95 <= ${TARGET_P95_MS} ms) ${result.target.met ? 'met' : 'MISSED'}; ${floorRatio}x the floor's p95 ` +
      `(target <= ${TARGET_FLOOR_RATIO}: ${result.target.withinFloorRatio ? 'met' : 'MISSED'}). Knee (p95 <= ` +
      `${options.kneeP95Ms} ms): API ${httpKnee.knee ?? 'none'}/s, floor ${floorKnee.knee ?? 'none'}/s, ratio ` +
      `${kneeOfFloor ?? 'n/a'} (target >= 0.7: ${result.target.kneeAtLeast70PercentOfFloor ? 'met' : 'MISSED'}). ` +
      `Saved ${file}.`,
  );
});
