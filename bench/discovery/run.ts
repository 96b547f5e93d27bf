import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { AppConfig, loadConfig } from '@app/core';
import { deleteRedisKeys } from '@app/core/testing';
import {
  availabilityToWeekSpans,
  buildGroupSearchQuery,
  GroupMode,
  toMultirangeLiteral,
  type GroupSearchFilter,
} from '@app/groups';
import { PasswordHasher } from '@app/identity';
import { startApi } from '../support/api-process';
import { runWithCleanup } from '../support/cleanup';
import { watchDatabaseBackends } from '../support/database-backends';
import {
  findKnee,
  kneeRatio,
  msPerRequest,
  ratesOf,
  steppedRateLimits,
  type SteppedRateOptions,
} from '../support/knee';
import { startLoadProcess } from '../support/load-process';
import { describeMachine, waitForQuiet } from '../support/machine';
import type { HttpLoad, LoadPlan, LoadTarget, SqlLoad } from '../support/open-loop-load';
import { parseOptions, type OptionLimits } from '../support/options';
import { CpuMeter } from '../support/process-stats';
import { saveResult } from '../support/results';
import { createScratchRun, redisPrefixOf } from '../support/scratch-run';
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

interface Options extends SteppedRateOptions {
  /** API_PROCESSES of the API: 0, one per core, as in production. */
  apiProcesses: number;
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

const LIMITS: OptionLimits<Options> = {
  profile: [0, 1, 0],
  waitQuiet: [0, 600, 180],
  groups: [1000, 200_000, 100_000],
  meetingsPerGroup: [1, 20, 10],
  searchers: [1, 200, 60],
  rate: [1, 1000, 200],
  seconds: [5, 300, 30],
  warmup: [0, 120, 20],
  apiProcesses: [0, 16, 0],
  ...steppedRateLimits(100, 50, 1000),
};
/** The knee: the highest rate at which p95 stays within this (the issue 16 definition). */
const KNEE_P95_MS = 50;
const DEADLINE_MS = 20 * 60 * 1000;
const DB_PREFIX = 'cp_bench_discovery_';

const log = (line: string): void => console.log(line);

runWithCleanup(DEADLINE_MS, async (cleanup) => {
  const options = parseOptions(process.argv.slice(2), LIMITS);
  const config = loadConfig(process.env);
  const scratch = await createScratchRun(cleanup, config, DB_PREFIX);
  const { databaseName: dbName, databaseUrl: dbUrl, redisPrefix } = scratch;
  // The Redis keys of earlier runs that were killed outright, so could not clean up.
  for (const runId of scratch.staleRunIds) await deleteRedisKeys(config.REDIS_URL, redisPrefixOf(runId));

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

  const apiProcess = await startApi(cleanup, {
    databaseUrl: dbUrl,
    redisPrefix,
    profile: options.profile === 1,
    processes: options.apiProcesses,
    env: { RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE: '100000', RATE_LIMIT_WRITES_PER_IP_PER_MINUTE: '100000' },
  });
  const { port, base } = apiProcess;
  const apiPids = apiProcess.pids();
  log(
    `API listening on ${base} (${apiPids.length > 1 ? `${apiPids.length - 1} processes under pid ${apiPids[0]}` : `pid ${apiPids[0]}`}, ` +
      `DATABASE_POOL_SIZE ${config.DATABASE_POOL_SIZE} each).`,
  );

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

  // The backends serving this database (the API's pool, the floor's).
  const { pids: backends, refresh: refreshBackends } = watchDatabaseBackends(db, dbName, cleanup);
  const load = startLoadProcess(cleanup);
  const httpTarget: HttpLoad = {
    kind: 'http',
    host: '127.0.0.1',
    port,
    requests: searches.map((s) => ({
      path: httpPathOf(s),
      authorization: `Bearer ${tokens.get(s.searcher.email) ?? ''}`,
    })),
  };
  const sqlTarget: SqlLoad = { kind: 'sql', databaseUrl: dbUrl, poolSize: config.DATABASE_POOL_SIZE, queries };
  const cpuGroups = {
    api: () => apiProcess.pids(),
    postgres: backends,
    loadGenerator: () => [load.pid],
  };

  /** A fixed rate for `--seconds` after a ramped warm-up: the percentiles at the rate the target names. */
  const phase = async (name: string, plan: LoadPlan) => {
    log(`\n${name}: ${plan.ratePerSecond}/s for ${plan.warmupSeconds} s warm-up + ${plan.seconds} s measured...`);
    if (options.waitQuiet > 0) await waitForQuiet(options.waitQuiet);
    await refreshBackends();
    const meter = new CpuMeter(cpuGroups);
    const loadBefore = loadavg()[0] ?? NaN;
    if (plan.target.kind === 'http') await apiProcess.stats(); // resets the API's event-loop figures
    const report = await load.run(plan);
    const cpuCores = meter.stop();
    if ((cpuCores.others ?? 0) > 0.25) {
      log(`Other work on this machine took ${cpuCores.others} cores during this phase: the figures suffer from it.`);
    }
    const { perSecond, ...rest } = report;
    const result = {
      ...rest,
      cpuCores,
      // CPU per answered request, in milliseconds, of each process group.
      cpuMsPerRequest: msPerRequest(cpuCores, ['api', 'postgres'], report.achievedRate),
      loadAverage1m: { before: loadBefore, after: loadavg()[0] ?? NaN },
      api: plan.target.kind === 'http' ? await apiProcess.stats() : undefined,
      perSecond,
    };
    log(JSON.stringify({ ...result, perSecond: perSecond.map((x) => `${x.n}:${x.p95}/${x.max}`).join(' ') }, null, 2));
    return result;
  };
  /** Rates stepped up from --rate-from until p95 passes KNEE_P95_MS (findKnee). */
  const knee = async (name: string, target: LoadTarget) => {
    const rates = ratesOf(options);
    log(`\n${name}: the knee, ${rates[0]}/s up by ${options.rateStep}/s, ${options.stepSeconds} s a step...`);
    if (options.waitQuiet > 0) await waitForQuiet(options.waitQuiet);
    return findKnee(load, target, {
      rates,
      warmupSeconds: options.warmup,
      settleSeconds: options.settleSeconds,
      stepSeconds: options.stepSeconds,
      p95LimitMs: KNEE_P95_MS,
      cpu: cpuGroups,
      beforeStep: refreshBackends,
      afterStep: target.kind === 'http' ? () => apiProcess.stats() : undefined,
      log,
    });
  };

  const common = { ratePerSecond: options.rate, warmupSeconds: options.warmup, seconds: options.seconds };
  const http = await phase('HTTP (GET /groups/search through the API)', {
    ...common,
    rampUp: true,
    maxInFlight: 2000,
    target: httpTarget,
  });
  const floor = await phase('Floor (the same SQL through pg, no HTTP, no framework)', {
    ...common,
    rampUp: true,
    maxInFlight: 2000,
    target: sqlTarget,
  });
  const httpKnee = await knee('HTTP', httpTarget);
  const floorKnee = await knee('Floor', sqlTarget);
  const p95Ratio = Math.round((http.latencyMs.p95 / floor.latencyMs.p95) * 10) / 10;
  const kneeOfFloor = kneeRatio(httpKnee, floorKnee);

  const result = {
    date: new Date().toISOString(),
    machine: await describeMachine(db),
    options,
    databasePoolSize: config.DATABASE_POOL_SIZE,
    searches: { distinct: searches.length, meanRowsPerPage: mean, empty, sequentialMs },
    apiProcesses: apiPids.length > 1 ? apiPids.length - 1 : 1,
    http,
    floor,
    knee: { p95LimitMs: KNEE_P95_MS, http: httpKnee, floor: floorKnee, ratio: kneeOfFloor },
    ratio: {
      p50: Math.round((http.latencyMs.p50 / floor.latencyMs.p50) * 10) / 10,
      p95: p95Ratio,
      p99: Math.round((http.latencyMs.p99 / floor.latencyMs.p99) * 10) / 10,
    },
    target: {
      // Issue 5: p95 <= 50 ms at 200/s.
      p95Ms: 50,
      ratePerSecond: 200,
      met: http.latencyMs.p95 <= 50 && http.achievedRate >= 0.98 * options.rate,
      // Issue 16: p95 within twice the floor's at that rate, and a knee at least 70% of the floor's.
      p95WithinTwiceFloor: http.latencyMs.p95 <= 2 * floor.latencyMs.p95 && http.achievedRate >= 0.98 * options.rate,
      kneeAtLeast70PercentOfFloor: kneeOfFloor !== null && kneeOfFloor >= 0.7,
    },
    plans,
  };
  const file = saveResult('discovery', result);

  log('\nPlans:');
  for (const [title, plan] of Object.entries(plans)) log(`\n-- ${title}\n${plan}`);
  log(
    `\nHTTP p50/p95/p99 ${http.latencyMs.p50}/${http.latencyMs.p95}/${http.latencyMs.p99} ms at ` +
      `${http.achievedRate}/s; floor ${floor.latencyMs.p50}/${floor.latencyMs.p95}/${floor.latencyMs.p99} ms at ` +
      `${floor.achievedRate}/s; ratio p95 ${p95Ratio}x (target <= 2: ${result.target.p95WithinTwiceFloor ? 'met' : 'MISSED'}). ` +
      `Knee (p95 <= ${KNEE_P95_MS} ms): API ${httpKnee.knee ?? 'none'}/s, floor ${floorKnee.knee ?? 'none'}/s, ` +
      `ratio ${kneeOfFloor ?? 'n/a'} (target >= 0.7: ${result.target.kneeAtLeast70PercentOfFloor ? 'met' : 'MISSED'}). ` +
      `API CPU ${http.cpuMsPerRequest.api} ms a request at ${options.rate}/s. ` +
      `Issue 5's target (p95 <= 50 ms at ${options.rate}/s) ${result.target.met ? 'met' : 'MISSED'}. Saved ${file}.`,
  );
});
