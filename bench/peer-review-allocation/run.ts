import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Pool } from 'pg';
import { loadConfig } from '@app/core';
import { startApi } from '../support/api-process';
import { runWithCleanup } from '../support/cleanup';
import { watchDatabaseBackends } from '../support/database-backends';
import { findKnee, kneeRatio, ratesOf, steppedRateLimits, type SteppedRateOptions } from '../support/knee';
import { startLoadProcess } from '../support/load-process';
import type { LoadTarget } from '../support/open-loop-load';
import { describeMachine, waitForQuiet } from '../support/machine';
import { parseOptions, type OptionLimits } from '../support/options';
import { saveResult } from '../support/results';
import { createScratchRun } from '../support/scratch-run';
import { percentile, round2, summarizeLatencies } from '../support/stats';
import { BenchApiClient } from './api-client';
import { claimAndRollBack, type ClaimFloorOptions, type ClaimFloorRequest } from './claim-floor';
import { BEHAVIOUR, planWeek, type Action } from './plan';
import { localInstants, seedFacilitator, seedLearners, type SeededLearner, type SeededPerson } from './seed';

/**
 * `npm run bench:peer-review-allocation [-- --cohorts 20 --learners 1000 --concurrency 24 --reviewers 100
 *   --rounds 10 --think-ms 1000 --seed 1 --wait-quiet 60 --profile 0]`
 *
 * Part 1, the simulated week: `--cohorts` cohorts of `--learners` learners (20,000 by default) each hand in one
 * peer-reviewed assignment (k = 3, m = 3, learner-local due dates in 30 zones, window due + 3 days) and review
 * one another, all through the real API (bench/discovery/api-server.ts) whose clock the benchmark moves in
 * 10-minute steps (every request of a step runs at the step's instant, `--concurrency` at a time). Who hands in
 * when, late, shirks, does extra or walks away from a lease comes from bench/peer-review-allocation/plan.ts and
 * `--seed`. Reported from the database afterwards: hours from hand-in to the k-th review (p50/p95), the share of
 * submissions short of k when their window closed, the most reviews one person gave, leases left to expire.
 *
 * Part 2, `next` under load: one more cohort, everyone handed in, the clock inside the review window; `--reviewers`
 * reviewers at once each take a review, write it and submit it, `--rounds` times, thinking about `--think-ms` between
 * requests. `next`'s latency (send to last
 * byte) is the target (p95 <= 50 ms); the floor is the same claim (ReviewAllocationRepository.claimRound, the very
 * statements) straight through `pg` with the API's pool size, the same callers thinking as long, each claim rolled back.
 *
 * Learners are seeded in SQL with live sessions and the benchmark mints their access tokens (it gives the API its
 * JWT secret): logging 20,000 people in would spend minutes in scrypt and measure nothing about peer review.
 */

interface Options extends SteppedRateOptions {
  /** Learners of the cohort whose `next` is stepped up to its knee: each step asks for each at most once. */
  kneeLearners: number;
  /** API_PROCESSES of the API: 0, one per core, as in production. */
  apiProcesses: number;
  cohorts: number;
  learners: number;
  concurrency: number;
  reviewers: number;
  rounds: number;
  thinkMs: number;
  seed: number;
  waitQuiet: number;
  profile: number;
}

const LIMITS: OptionLimits<Options> = {
  cohorts: [0, 100, 20],
  learners: [10, 5000, 1000],
  concurrency: [1, 200, 24],
  reviewers: [2, 300, 100],
  rounds: [1, 100, 10],
  thinkMs: [0, 60_000, 1000],
  seed: [1, 1_000_000, 1],
  waitQuiet: [0, 600, 60],
  profile: [0, 1, 0],
  kneeLearners: [100, 20_000, 4000],
  apiProcesses: [0, 16, 0],
  ...steppedRateLimits(25, 25, 400),
};
const K = 3;
const M = 3;
const WINDOW_DAYS = 3;
const STEP_MS = 10 * 60_000;
const TARGET_P95_MS = 50;
const DEADLINE_MS = 60 * 60 * 1000;
const DB_PREFIX = 'cp_bench_peer_review_';
/** Day 0 of every cohort; the module is released then and due on day 6 (23:59 local). */
const START_DATE = '2027-03-01';
const DUE_DATE = '2027-03-07';
const DAY_MS = 86_400_000;

const log = (line: string): void => console.log(line);

interface Identified {
  id: string;
}

interface PublishedVersion extends Identified {
  modules: { assignments: (Identified & { rubric: Identified[] })[] }[];
}

const ASSIGNMENT = {
  title: 'Seal the tube',
  instructions: 'Describe how you sealed the tube, with a photo link.',
  rubric: [
    {
      title: 'Seal',
      weight: 2,
      levels: [
        { label: 'Leaks', points: 0 },
        { label: 'Holds', points: 3 },
      ],
    },
    { title: 'Care', weight: 1, scale: { min: 0, max: 10 } },
  ],
  review: { reviewsPerSubmission: K, reviewsPerLearner: M, anonymity: 'double-blind' },
};

/** Runs `work` over `items`, `limit` at a time. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

runWithCleanup(DEADLINE_MS, async (cleanup) => {
  const options = parseOptions(process.argv.slice(2), LIMITS);
  const config = loadConfig(process.env);
  const { databaseName: dbName, databaseUrl: dbUrl, redisPrefix } = await createScratchRun(cleanup, config, DB_PREFIX);
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  cleanup.add('seed connection', () => db.end());
  await db.query('SELECT setseed($1)', [1 / (1 + options.seed)]);

  const jwtSecret = randomBytes(32).toString('hex');
  const apiProcess = await startApi(cleanup, {
    databaseUrl: dbUrl,
    redisPrefix,
    profile: options.profile === 1,
    processes: options.apiProcesses,
    env: {
      JWT_SECRET: jwtSecret,
      BENCH_SETTABLE_CLOCK: '1',
      // Every simulated learner writes from 127.0.0.1, a whole week's writes in minutes.
      RATE_LIMIT_WRITES_PER_IP_PER_MINUTE: '100000000',
      RATE_LIMIT_WRITES_PER_USER_PER_MINUTE: '100000000',
    },
  });
  const { base, port } = apiProcess;
  // Every API process answers with the instant it now reads.
  const setClock = (at: number): Promise<string[]> =>
    apiProcess.requests.request({ clockAt: new Date(at).toISOString() });
  const http = new BenchApiClient(base, jwtSecret);
  cleanup.add('HTTP agent', () => Promise.resolve(http.close()));

  // ---- Setup: a course with a peer-reviewed assignment, the cohorts, their learners.
  const releasedAt = Date.parse(`${START_DATE}T00:00:00Z`);
  await setClock(releasedAt - 14 * DAY_MS);
  const facilitator = await seedFacilitator(db);
  const course = await http.expect<Identified>(
    facilitator,
    'POST',
    '/courses',
    {
      title: 'Build a tube biogas digester',
      summary: 'Turn kitchen waste into cooking gas.',
      description: 'A week of building.',
      language: 'en',
      topics: ['biogas'],
      license: 'CC-BY-SA-4.0',
      modules: [{ title: 'Seal the tube', content: 'Seal it well.', assignments: [ASSIGNMENT] }],
    },
    201,
  );
  const published = await http.expect<PublishedVersion>(
    facilitator,
    'POST',
    `/courses/${course.id}/publish`,
    undefined,
    200,
    201,
  );
  const assignment = published.modules[0]?.assignments[0];
  const [seal, care] = assignment?.rubric ?? [];
  if (!assignment || !seal || !care) throw new Error('the published version lost its assignment');
  const assignmentId = assignment.id;

  const makeCohort = async (
    n: number,
    learners = options.learners,
  ): Promise<{ cohortId: string; learners: SeededLearner[] }> => {
    const cohort = await http.expect<Identified>(
      facilitator,
      'POST',
      '/cohorts',
      {
        title: `Biogas, cohort ${n}`,
        courseVersionId: published.id,
        startDate: START_DATE,
        timeZone: 'UTC',
        capacity: learners,
        enrollmentMode: 'open',
        deadlineMode: 'learner-local',
      },
      201,
    );
    await http.expect(
      facilitator,
      'PUT',
      `/cohorts/${cohort.id}/peer-review-settings`,
      {
        lateSubmissions: true,
        reviewWindowDays: WINDOW_DAYS,
      },
      200,
    );
    return { cohortId: cohort.id, learners: await seedLearners(db, cohort.id, learners) };
  };
  const seedStarted = Date.now();
  const cohorts: { cohortId: string; learners: SeededLearner[] }[] = [];
  for (let c = 1; c <= options.cohorts; c += 1) cohorts.push(await makeCohort(c));
  const loadCohort = await makeCohort(options.cohorts + 1);
  const kneeCohort = await makeCohort(options.cohorts + 2, options.kneeLearners);
  log(
    `Seeded ${options.cohorts + 1} cohorts of ${options.learners} in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s.`,
  );

  const routeOf = (cohortId: string): string => `/cohorts/${cohortId}/assignments/${assignmentId}`;
  /**
   * Drafts and submits a review: the submit's status, or the draft's 409 when the window closed or the lease ran out
   * meanwhile (a reviewer who takes a review just before the window closes may not finish in time).
   */
  const writeReview = async (who: SeededPerson, cohortId: string, review: Identified): Promise<number> => {
    const path = `${routeOf(cohortId)}/reviews/${review.id}`;
    const draft = await http.call(who, 'PUT', path, {
      scores: [
        { criterionId: seal.id, level: Math.random() < 0.7 ? 'Holds' : 'Leaks', comment: 'Checked the seal.' },
        { criterionId: care.id, value: Math.floor(Math.random() * 11), comment: 'Neat work.' },
      ],
      overallComment: 'Thank you.',
    });
    if (draft.status === 409) return draft.status;
    if (draft.status !== 200) throw new Error(`PUT ${path}: ${draft.status} ${JSON.stringify(draft.body)}`);
    return (await http.call(who, 'POST', `${path}/submit`)).status;
  };

  // ---- Part 1: the simulated week (skipped with `--cohorts 0`, to measure `next` alone).
  const simulateWeek = async () => {
    const people = cohorts.flatMap(({ cohortId, learners }) => learners.map((learner) => ({ ...learner, cohortId })));
    const zones = people.map((p) => p.timeZone);
    const releases = await localInstants(db, START_DATE, '00:00', zones);
    const dues = await localInstants(db, DUE_DATE, '23:59', zones);
    const planned = people.map((p) => {
      const dueAt = dues.get(p.timeZone)!;
      return { releasedAt: releases.get(p.timeZone)!, dueAt, reviewClosesAt: dueAt + WINDOW_DAYS * DAY_MS };
    });
    const plan = planWeek(planned, M, options.seed);
    const counts = { submitted: 0, leases: 0, reissued: 0, nothing: 0, reviews: 0, refused: 0 };
    const reviewsDue: { at: number; learner: number; review: Identified }[] = [];
    const seenLeases = new Set<string>();
    const simStarted = performance.now();
    let requests = 0;
    const first = plan[0]!.at;
    const last = Math.max(...planned.map((p) => p.reviewClosesAt));
    let cursor = 0;
    for (let step = first - (first % STEP_MS); step <= last; step += STEP_MS) {
      const end = step + STEP_MS;
      if (step % DAY_MS === 0) {
        const seconds = ((performance.now() - simStarted) / 1000).toFixed(0);
        log(`  ${new Date(step).toISOString().slice(0, 10)}: ${requests} requests in ${seconds} s`);
      }
      const now: Action[] = [];
      while (cursor < plan.length && plan[cursor]!.at < end) now.push(plan[cursor++]!);
      const writes = reviewsDue.filter((r) => r.at < end);
      if (now.length === 0 && writes.length === 0) continue;
      await setClock(step);
      for (let i = reviewsDue.length - 1; i >= 0; i -= 1) if (reviewsDue[i]!.at < end) reviewsDue.splice(i, 1);
      await inParallel(
        now.filter((a) => a.kind === 'submit'),
        options.concurrency,
        async ({ learner }) => {
          const p = people[learner]!;
          await http.expect(
            p,
            'POST',
            `${routeOf(p.cohortId)}/submissions`,
            {
              body: `How I sealed the tube, by learner ${learner}.`,
              links: ['https://photos.example.org/seal'],
            },
            201,
          );
          counts.submitted += 1;
          requests += 1;
        },
      );
      await inParallel(writes, options.concurrency, async ({ learner, review }) => {
        const p = people[learner]!;
        const status = await writeReview(p, p.cohortId, review);
        requests += 2;
        if (status === 200) counts.reviews += 1;
        else counts.refused += 1;
      });
      await inParallel(
        now.filter((a) => a.kind === 'next'),
        options.concurrency,
        async (action) => {
          if (action.kind !== 'next') return;
          const p = people[action.learner]!;
          const res = await http.call<Identified>(p, 'POST', `${routeOf(p.cohortId)}/reviews/next`);
          requests += 1;
          if (res.status === 204) return void (counts.nothing += 1);
          if (res.status !== 200) throw new Error(`next: ${res.status} ${JSON.stringify(res.body)}`);
          if (seenLeases.has(res.body.id)) counts.reissued += 1;
          else counts.leases += 1;
          seenLeases.add(res.body.id);
          if (!action.abandon)
            reviewsDue.push({ at: action.at + action.reviewMs, learner: action.learner, review: res.body });
        },
      );
    }
    const simSeconds = (performance.now() - simStarted) / 1000;
    log(`Simulated week: ${requests} requests in ${simSeconds.toFixed(0)} s; ${JSON.stringify(counts)}`);

    const [outcome] = (
      await db.query<{
        hours: number[];
        short: number;
        total: number;
        most: number;
        expired: number;
        spread: Record<string, number>;
      }>(
        `WITH kth AS (
           SELECT s.id, s.created_at, s.review_closes_at,
                  (SELECT r.submitted_at FROM peer_reviews r
                    WHERE r.submission_id = s.id AND r.submitted_at IS NOT NULL
                    ORDER BY r.submitted_at OFFSET $2 - 1 LIMIT 1) AS kth_at,
                  (SELECT count(*) FROM peer_reviews r
                    WHERE r.submission_id = s.id AND r.submitted_at <= s.review_closes_at) AS in_window
             FROM peer_review_submissions s WHERE s.cohort_id = ANY($1))
         SELECT (SELECT array_agg(extract(epoch FROM kth_at - created_at) / 3600 ORDER BY 1)
                   FROM kth WHERE kth_at IS NOT NULL) AS hours,
                (SELECT count(*)::int FROM kth WHERE in_window < $2) AS short,
                (SELECT count(*)::int FROM kth) AS total,
                (SELECT max(n)::int FROM (SELECT count(*) AS n FROM peer_reviews
                   WHERE cohort_id = ANY($1) AND submitted_at IS NOT NULL GROUP BY reviewer_id) t) AS most,
                (SELECT count(*)::int FROM peer_reviews
                  WHERE cohort_id = ANY($1) AND submitted_at IS NULL) AS expired,
                (SELECT json_object_agg(in_window, n ORDER BY in_window)
                   FROM (SELECT in_window, count(*)::int AS n FROM kth GROUP BY in_window) t) AS spread`,
        [cohorts.map((c) => c.cohortId), K],
      )
    ).rows;
    const hours = (outcome!.hours ?? []).map(Number).sort((a, b) => a - b);
    return {
      submissions: outcome!.total,
      reachedK: hours.length,
      hoursToK: {
        p50: round2(percentile(hours, 50)),
        p95: round2(percentile(hours, 95)),
        max: round2(hours.at(-1) ?? NaN),
      },
      shortOfKAtClose: outcome!.short,
      /** Submissions by the number of reviews submitted within their window: how evenly the reviews spread. */
      reviewsInWindowSpread: outcome!.spread,
      shortOfKShare: round2((100 * outcome!.short) / Math.max(1, outcome!.total)),
      mostReviewsByOnePerson: outcome!.most,
      leasesLeftToExpire: outcome!.expired,
      requests,
      seconds: Math.round(simSeconds),
      counts,
    };
  };
  const week = options.cohorts > 0 ? await simulateWeek() : null;
  if (week) log(`Week: ${JSON.stringify(week)}`);

  // ---- Part 2: `next` under load, and its floor.
  const loadRoute = routeOf(loadCohort.cohortId);
  await setClock(releasedAt + 2 * DAY_MS);
  await inParallel(loadCohort.learners, options.concurrency, async (p) => {
    await http.expect(p, 'POST', `${loadRoute}/submissions`, { body: 'My seal.', links: [] }, 201);
  });
  const inWindow = Date.parse(`${DUE_DATE}T00:00:00Z`) + 1.5 * DAY_MS;
  await setClock(inWindow);
  const reviewers = loadCohort.learners.slice(0, options.reviewers);
  if (options.waitQuiet > 0) {
    log(`Waiting for the machine to be quiet (at most ${options.waitQuiet} s)...`);
    await waitForQuiet(options.waitQuiet);
  }
  // Each reviewer thinks `--think-ms` (uniform 0.5x to 1.5x) between requests: a person writes a review for
  // minutes, so this is far more load than 100 real reviewers make, yet not a queue of requests with no one behind.
  const think = (): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, options.thinkMs * (0.5 + Math.random())));
  const asReviewers = async (work: (p: SeededLearner) => Promise<void>): Promise<number> => {
    const started = performance.now();
    await Promise.all(
      reviewers.map(async (p) => {
        await think();
        for (let round = 0; round < options.rounds; round += 1) await work(p);
      }),
    );
    return (performance.now() - started) / 1000;
  };
  const nextMs: number[] = [];
  let loadRequests = 0;
  const loadSeconds = await asReviewers(async (p) => {
    const t0 = performance.now();
    const res = await http.call<Identified>(p, 'POST', `${loadRoute}/reviews/next`);
    nextMs.push(performance.now() - t0);
    loadRequests += 1;
    await think();
    if (res.status === 200) {
      await writeReview(p, loadCohort.cohortId, res.body);
      loadRequests += 2;
      await think();
    } else if (res.status !== 204) throw new Error(`next: ${res.status} ${JSON.stringify(res.body)}`);
  });

  const pool = new Pool({ connectionString: dbUrl, max: config.DATABASE_POOL_SIZE });
  cleanup.add('floor pool', () => pool.end());
  const claimRequest: ClaimFloorRequest = {
    cohortId: loadCohort.cohortId,
    assignmentId,
    now: new Date(inWindow).toISOString(),
    leaseExpiresAt: new Date(inWindow + 2 * 3_600_000).toISOString(),
    needed: K,
  };
  const floorMs: number[] = [];
  await asReviewers(async (p) => {
    const t0 = performance.now();
    await claimAndRollBack(pool, claimRequest, p.userId);
    floorMs.push(performance.now() - t0);
    await think();
  });

  // ---- Part 3: the knee of `next` (bench/support/knee.ts), and of its floor, from a cohort where everyone has
  // handed in. Each step asks for each learner at most once (they hold no lease yet, so each request claims), and
  // moves the API's clock past the leases of the step before (2 h), so every step claims from the same pool.
  await inParallel(kneeCohort.learners, options.concurrency, async (p) => {
    await http.expect(p, 'POST', `${routeOf(kneeCohort.cohortId)}/submissions`, { body: 'My seal.', links: [] }, 201);
  });
  // After the last learner-local due date (UTC-12) and before the first window closes (UTC+14, 3 days after its due).
  const firstStepAt = Date.parse(`${DUE_DATE}T23:59:00Z`) + 13 * 3_600_000;
  const stepClockMs = 2 * 3_600_000 + 5 * 60_000;
  const firstWindowCloses = Date.parse(`${DUE_DATE}T09:59:00Z`) + 3 * DAY_MS;
  // One instant more for the floor, after every lease the API's steps made has expired.
  const rates = ratesOf(options).filter((_, i) => firstStepAt + (i + 1) * stepClockMs < firstWindowCloses);
  const floorAt = firstStepAt + rates.length * stepClockMs;
  let step = 0;
  const load = startLoadProcess(cleanup);
  const backends = watchDatabaseBackends(db, dbName, cleanup);
  const kneeOf = async (name: string, target: LoadTarget) => {
    log(`\n${name}: the knee (p95 <= ${TARGET_P95_MS} ms), from ${options.rateFrom}/s up by ${options.rateStep}/s...`);
    if (options.waitQuiet > 0) await waitForQuiet(options.waitQuiet);
    step = 0;
    return findKnee(load, target, {
      rates,
      warmupSeconds: 5,
      settleSeconds: options.settleSeconds,
      stepSeconds: options.stepSeconds,
      p95LimitMs: TARGET_P95_MS,
      cpu: { api: apiProcess.pids, postgres: backends.pids },
      beforeStep: async () => {
        await setClock(firstStepAt + step++ * stepClockMs);
        await backends.refresh();
      },
      log,
    });
  };
  const kneeRoute = `/api/v1${routeOf(kneeCohort.cohortId)}/reviews/next`;
  const httpKnee = await kneeOf('HTTP (POST .../reviews/next)', {
    kind: 'http',
    host: '127.0.0.1',
    port,
    requests: kneeCohort.learners.map((p) => ({
      path: kneeRoute,
      method: 'POST',
      authorization: http.authorizationOf(p),
    })),
  });
  const floorKnee = await kneeOf('Floor (the claim through pg, rolled back)', {
    kind: 'module',
    module: join(__dirname, 'claim-floor.js'),
    options: {
      databaseUrl: dbUrl,
      poolSize: config.DATABASE_POOL_SIZE,
      request: {
        ...claimRequest,
        cohortId: kneeCohort.cohortId,
        now: new Date(floorAt).toISOString(),
        leaseExpiresAt: new Date(floorAt + 2 * 3_600_000).toISOString(),
      },
      reviewerIds: kneeCohort.learners.map((p) => p.userId),
    } satisfies ClaimFloorOptions,
  });
  const kneeOfFloor = kneeRatio(httpKnee, floorKnee);

  const next = summarizeLatencies(nextMs);
  const floor = summarizeLatencies(floorMs);
  const result = {
    date: new Date().toISOString(),
    machine: await describeMachine(db),
    options,
    behaviour: BEHAVIOUR,
    week,
    load: {
      reviewers: reviewers.length,
      rounds: options.rounds,
      thinkMs: options.thinkMs,
      seconds: round2(loadSeconds),
      requestsPerSecond: round2(loadRequests / loadSeconds),
      nextMs: next,
      floorMs: floor,
    },
    knee: { p95LimitMs: TARGET_P95_MS, http: httpKnee, floor: floorKnee, ratio: kneeOfFloor },
    target: {
      nextP95Ms: TARGET_P95_MS,
      met: next.p95 <= TARGET_P95_MS,
      kneeAtLeast70PercentOfFloor: kneeOfFloor !== null && kneeOfFloor >= 0.7,
    },
  };
  const file = saveResult('peer-review-allocation', result);
  log(
    (week
      ? `\n${week.submissions} submissions: k reached by ${week.reachedK}, hours to k p50/p95 ` +
        `${week.hoursToK.p50}/${week.hoursToK.p95}; short of k at close ${week.shortOfKAtClose} ` +
        `(${week.shortOfKShare}%); most reviews by one person ${week.mostReviewsByOnePerson}.`
      : '') +
      `\nnext under ${reviewers.length} concurrent reviewers: p50/p95/p99 ${next.p50}/${next.p95}/${next.p99} ms ` +
      `(floor through pg ${floor.p50}/${floor.p95}/${floor.p99} ms). Target (p95 <= ${TARGET_P95_MS} ms) ` +
      `${result.target.met ? 'met' : 'MISSED'}. Knee (p95 <= ${TARGET_P95_MS} ms): API ${httpKnee.knee ?? 'none'}/s, ` +
      `floor ${floorKnee.knee ?? 'none'}/s, ratio ${kneeOfFloor ?? 'n/a'} (target >= 0.7: ` +
      `${result.target.kneeAtLeast70PercentOfFloor ? 'met' : 'MISSED'}). Saved ${file}.`,
  );
});
