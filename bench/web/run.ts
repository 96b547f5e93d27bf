import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { loadConfig } from '@app/core';
import { deleteRedisKeys } from '@app/core/testing';
import { WEB_APP_DIST } from '../../apps/api/src/http/web-app';
import { startApi } from '../support/api-process';
import { runWithCleanup } from '../support/cleanup';
import { seedDiscovery } from '../discovery/seed';
import { describeMachine, waitForQuiet } from '../support/machine';
import { parseOptions } from '../support/options';
import { CpuMeter } from '../support/process-stats';
import { saveResult } from '../support/results';
import { createScratchRun, redisPrefixOf } from '../support/scratch-run';
import { percentile, round2 } from '../support/stats';
import { initialAssets } from './initial-assets';
import { coldLoad, type LoadTiming, type PageUnderTest } from './page-load';

/**
 * `npm run bench:web [-- --loads 20 --warmup 2 --groups 100000 --wait-quiet 120]`
 *
 * The web app as people get it: the production build (`npm run build:web`) served by the real API process, on the
 * discovery benchmark's data set (100,000 groups, 1,000,000 meetings, seeded the same way into a database of this
 * run's own, dropped at the end). Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium) opens each page cold
 * `--loads` times, each in a new browser context (empty cache, no cookies, new connections: a first visit), after
 * `--warmup` loads that are not counted (they warm the API's JIT and PostgreSQL's caches, not the browser's):
 * - the search page `/`, until its first result shows (an anonymous visitor: the API searches public groups in
 *   the browser's zone);
 * - a group page `/groups/:id` of a public group (a different one each load), until the group's name shows.
 *
 * For each: largest contentful paint and "content shown" (median, p95), the API's share (the time /api requests
 * were in flight before the page was usable), and the initial JavaScript: as transferred, and gzipped from the
 * build (entry chunk + its static imports). Also checks that scripts and styles travel compressed with a year's
 * cache. Prints a table and one JSON line, saves the result in var/bench/, and exits 1 when a target is missed.
 */

const TARGET = { usableP95Ms: 1000, initialScriptGzipKB: 200 } as const;
const DB_PREFIX = 'cp_bench_web_';
const DEADLINE_MS = 30 * 60_000;
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** A viewer far from UTC, on a laptop. */
const VIEWER = { timezoneId: 'America/La_Paz', locale: 'en-US', viewport: { width: 1280, height: 800 } };
const YEAR_SECONDS = 365 * 24 * 3600;

const log = (line: string): void => console.log(line);
const kb = (bytes: number): number => Math.round((bytes / 1024) * 10) / 10;

interface PageSummary {
  page: string;
  path: string;
  loads: number;
  usableMs: { p50: number; p95: number; max: number };
  lcpMs: { p50: number; p95: number };
  contentMs: { p50: number; p95: number };
  htmlMs: { p50: number };
  assetsMs: { p50: number };
  apiWallMs: { p50: number; p95: number };
  apiLongestWaitMs: { p50: number; p95: number };
  /** Median of each load's API share of its time to usable. */
  apiShare: { p50: number; p95: number };
  /** CPU time of the renderer's main thread during the load: script (compiling included), and all its tasks. */
  mainThreadMs: { scriptP50: number; tasksP50: number };
  apiRequests: string[];
  lcpElements: Record<string, number>;
  scriptKBTransferred: number;
  scriptKBDecoded: number;
}

function summarize(page: PageUnderTest, loads: LoadTiming[]): PageSummary {
  const sorted = (pick: (l: LoadTiming) => number): number[] => loads.map(pick).sort((a, b) => a - b);
  const p = (pick: (l: LoadTiming) => number, q: number): number => round2(percentile(sorted(pick), q));
  const lcpElements: Record<string, number> = {};
  for (const l of loads) lcpElements[l.lcpElement] = (lcpElements[l.lcpElement] ?? 0) + 1;
  const first = loads[0]!;
  return {
    page: page.name,
    path: page.path.replace(/[0-9a-f-]{36}/, ':id'),
    loads: loads.length,
    usableMs: { p50: p((l) => l.usableMs, 50), p95: p((l) => l.usableMs, 95), max: p((l) => l.usableMs, 100) },
    lcpMs: { p50: p((l) => l.lcpMs, 50), p95: p((l) => l.lcpMs, 95) },
    contentMs: { p50: p((l) => l.contentMs, 50), p95: p((l) => l.contentMs, 95) },
    htmlMs: { p50: p((l) => l.htmlMs, 50) },
    assetsMs: { p50: p((l) => l.assetsMs, 50) },
    apiWallMs: { p50: p((l) => l.api.wallMs, 50), p95: p((l) => l.api.wallMs, 95) },
    apiLongestWaitMs: { p50: p((l) => l.api.longestWaitMs, 50), p95: p((l) => l.api.longestWaitMs, 95) },
    apiShare: { p50: p((l) => l.api.share, 50), p95: p((l) => l.api.share, 95) },
    mainThreadMs: { scriptP50: p((l) => l.mainThreadMs.script, 50), tasksP50: p((l) => l.mainThreadMs.tasks, 50) },
    apiRequests: [...new Set(loads.flatMap((l) => l.api.paths.map((x) => x.replace(/[0-9a-f-]{36}/, ':id'))))],
    lcpElements,
    scriptKBTransferred: kb(first.scriptBytes.transferred),
    scriptKBDecoded: kb(first.scriptBytes.decoded),
  };
}

/** Problems with how scripts and styles travel: each must be compressed and cached for a year (hashed names). */
function assetProblems(loads: LoadTiming[]): string[] {
  const problems = new Set<string>();
  for (const asset of loads.flatMap((l) => l.assets)) {
    if (asset.status !== 200) problems.add(`${asset.url}: status ${asset.status}`);
    if (!asset.contentEncoding || !/^(br|gzip)$/.test(asset.contentEncoding)) {
      problems.add(`${asset.url}: not compressed (content-encoding ${asset.contentEncoding ?? 'none'})`);
    }
    const maxAge = Number(/max-age=(\d+)/.exec(asset.cacheControl ?? '')?.[1] ?? 0);
    if (asset.url.startsWith('/assets/') && (maxAge < YEAR_SECONDS || !/immutable/.test(asset.cacheControl ?? ''))) {
      problems.add(`${asset.url}: cache-control "${asset.cacheControl ?? ''}", not a year and immutable`);
    }
  }
  return [...problems];
}

const pad = (cells: (string | number)[], widths: number[]): string =>
  cells.map((c, i) => String(c).padEnd(widths[i] ?? 10)).join(' ');

runWithCleanup(DEADLINE_MS, async (cleanup) => {
  const options = parseOptions(process.argv.slice(2), {
    loads: [1, 200, 20],
    warmup: [0, 20, 2],
    groups: [1000, 200_000, 100_000],
    meetingsPerGroup: [1, 20, 10],
    waitQuiet: [0, 600, 120],
  });
  if (!existsSync(WEB_APP_DIST)) throw new Error(`No web build in ${WEB_APP_DIST}: run npm run build:web first.`);
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH).`);
  const bundle = initialAssets(WEB_APP_DIST);
  log(
    `Initial assets of the build: ${bundle.scripts.length} script(s), ${kb(bundle.scriptBytes)} KB, ` +
      `${kb(bundle.scriptGzipBytes)} KB gzipped; style sheets ${kb(bundle.styleGzipBytes)} KB gzipped.`,
  );

  const config = loadConfig(process.env);
  const scratch = await createScratchRun(cleanup, config, DB_PREFIX);
  for (const runId of scratch.staleRunIds) await deleteRedisKeys(config.REDIS_URL, redisPrefixOf(runId));
  const db = new Client({ connectionString: scratch.databaseUrl });
  await db.connect();
  cleanup.add('seed connection', () => db.end());
  log(`Seeding ${options.groups} groups and ${options.groups * options.meetingsPerGroup} meetings (bench/discovery):`);
  const seedStarted = Date.now();
  await seedDiscovery(
    db,
    {
      groups: options.groups,
      meetingsPerGroup: options.meetingsPerGroup,
      facilitators: Math.max(100, Math.round(options.groups / 50)),
      courses: 300,
    },
    log,
  );
  log(`  seeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);
  // Public groups with a meeting to come, a different one for each load (as links shared to many people are).
  const { rows: groups } = await db.query<{ id: string }>(
    `SELECT g.id FROM study_groups g
      WHERE g.visibility = 'public'
        AND EXISTS (SELECT 1 FROM meetings m WHERE m.group_id = g.id AND m.status = 'scheduled' AND m.starts_at > now())
      ORDER BY md5(g.id::text) LIMIT $1`,
    [options.loads + options.warmup],
  );

  const { api, base } = await startApi(cleanup, {
    databaseUrl: scratch.databaseUrl,
    redisPrefix: scratch.redisPrefix,
    profile: false,
  });
  const origin = new URL(base).origin;
  log(`API serving the web app on ${origin} (pid ${api.pid}).`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  cleanup.add('browser', () => browser.close());
  log(`Chromium ${browser.version()} (${CHROMIUM_PATH}).`);

  const pages: ((i: number) => PageUnderTest)[] = [
    () => ({ name: 'search', path: '/', ready: 'main ul.results li' }),
    (i) => ({ name: 'group', path: `/groups/${groups[i % groups.length]!.id}`, ready: 'main article h1' }),
  ];
  const summaries: PageSummary[] = [];
  const allLoads: Record<string, LoadTiming[]> = {};
  if (options.waitQuiet > 0) await waitForQuiet(options.waitQuiet);
  const loadBefore = loadavg()[0] ?? NaN;
  const meter = new CpuMeter({ api: () => (api.pid ? [api.pid] : []) });
  for (const pageAt of pages) {
    const name = pageAt(0).name;
    for (let i = 0; i < options.warmup; i++) await coldLoad(browser, origin, pageAt(options.loads + i), VIEWER);
    const loads: LoadTiming[] = [];
    for (let i = 0; i < options.loads; i++) loads.push(await coldLoad(browser, origin, pageAt(i), VIEWER));
    allLoads[name] = loads;
    summaries.push(summarize(pageAt(0), loads));
    log(`  ${name}: ${loads.map((l) => Math.round(l.usableMs)).join(' ')} ms`);
  }
  const cpu = meter.stop();

  const problems = assetProblems(Object.values(allLoads).flat());
  const scriptGzipKB = kb(bundle.scriptGzipBytes);
  const met = {
    usable: summaries.every((s) => s.usableMs.p95 <= TARGET.usableP95Ms),
    initialScript: scriptGzipKB <= TARGET.initialScriptGzipKB,
    assetsCompressedAndCached: problems.length === 0,
  };
  const result = {
    date: new Date().toISOString(),
    machine: { ...(await describeMachine(db)), chromium: browser.version() },
    options,
    viewer: VIEWER,
    initialAssets: bundle,
    pages: summaries,
    loads: allLoads,
    cpuCores: cpu,
    loadAverage1m: { before: loadBefore, after: loadavg()[0] ?? NaN },
    assetProblems: problems,
    target: { ...TARGET, met: Object.values(met).every(Boolean), ...met },
  };
  const file = saveResult('web', result);

  const widths = [8, 7, 14, 14, 14, 11, 11, 14, 12, 16, 16];
  log('');
  log(
    pad(
      [
        'page',
        'loads',
        'usable p50/95',
        'LCP p50/95',
        'content p50/95',
        'HTML p50',
        'assets p50',
        'API p50/95',
        'API share',
        'JS KB (sent)',
        'JS KB gzip',
      ],
      widths,
    ),
  );
  for (const s of summaries) {
    log(
      pad(
        [
          s.page,
          s.loads,
          `${s.usableMs.p50}/${s.usableMs.p95}`,
          `${s.lcpMs.p50}/${s.lcpMs.p95}`,
          `${s.contentMs.p50}/${s.contentMs.p95}`,
          s.htmlMs.p50,
          s.assetsMs.p50,
          `${s.apiWallMs.p50}/${s.apiWallMs.p95}`,
          `${Math.round(s.apiShare.p50 * 100)}%`,
          `${s.scriptKBTransferred} (${s.scriptKBDecoded} raw)`,
          scriptGzipKB,
        ],
        widths,
      ),
    );
  }
  log('(ms from the start of navigation; API = time /api requests were in flight before the page was usable)');
  for (const s of summaries) {
    log(
      `  ${s.page}: CPU of the renderer's main thread during a load (p50): ${s.mainThreadMs.scriptP50} ms running ` +
        `script, ${s.mainThreadMs.tasksP50} ms in all its tasks (the rest of the time to usable is waiting)`,
    );
  }
  for (const s of summaries) {
    log(
      `  ${s.page}: waits on ${s.apiRequests.join(', ') || 'no API request'}; LCP element ${JSON.stringify(s.lcpElements)}`,
    );
  }
  if (cpu.others !== undefined && cpu.others > 0.25) {
    log(
      `Other work on this machine took ${cpu.others} cores beside the API meanwhile (the browser and PostgreSQL among it).`,
    );
  }
  for (const problem of problems) log(`Asset problem: ${problem}`);
  log(
    JSON.stringify({
      bench: 'web',
      date: result.date,
      initialScriptGzipKB: scriptGzipKB,
      pages: summaries.map((s) => ({
        page: s.page,
        usableMs: s.usableMs,
        lcpMs: s.lcpMs,
        contentMs: s.contentMs,
        apiWallMs: s.apiWallMs,
        apiShareP50: s.apiShare.p50,
        scriptKBTransferred: s.scriptKBTransferred,
      })),
      target: result.target,
    }),
  );
  log(
    `\nTargets: usable p95 <= ${TARGET.usableP95Ms} ms on every page ${met.usable ? 'met' : 'MISSED'}; initial JS ` +
      `${scriptGzipKB} KB gzipped <= ${TARGET.initialScriptGzipKB} KB ${met.initialScript ? 'met' : 'MISSED'}; ` +
      `scripts and styles compressed with a year's cache ${met.assetsCompressedAndCached ? 'yes' : 'NO'}. Saved ${file}.`,
  );
  if (!result.target.met) throw new Error('A target was missed (see above).');
});
