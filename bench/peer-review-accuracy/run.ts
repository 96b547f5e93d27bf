import { performance } from 'node:perf_hooks';
import { cpus, freemem, totalmem } from 'node:os';
import { aggregateByMean, aggregateByMedian } from '../../libs/peer-review/src/aggregation/simple-aggregation';
import { fitReviewerModel } from '../../libs/peer-review/src/aggregation/reviewer-model';
import type { CriterionScore } from '../../libs/peer-review/src/aggregation/aggregation.types';
import { parseOptions } from '../support/options';
import { saveResult } from '../support/results';
import { needsMoreReviews } from '../../libs/peer-review/src/aggregation/needs-more-reviews';
import { CRITERIA, simulateAssignment, totalSpreads, totals, type SimulatedAssignment } from './simulate';

/**
 * `npm run bench:peer-review-accuracy`: mean, median and the reviewer model (libs/peer-review/src/aggregation, the
 * code the API runs) on simulated assignments with known true scores; then the model's fitting time at scale.
 */
const options = parseOptions(process.argv.slice(2), {
  seeds: [1, 1000, 20],
  submissions: [10, 100_000, 300],
  calibrationItems: [0, 100, 5],
  carelessPercent: [0, 100, 10],
  fitSubmissions: [100, 1_000_000, 20_000],
  fitK: [1, 20, 5],
});

const METHODS = ['mean', 'median', 'model', 'model without anchors'] as const;
type Method = (typeof METHODS)[number];
/** The targets are on the first two; the third shows what calibration anchors are for. */
const SCENARIOS = [
  { name: 'biased', biasMean: 0, biasSpread: 10 },
  { name: 'unbiased', biasMean: 0, biasSpread: 0 },
  { name: 'biased, lenient class', biasMean: 8, biasSpread: 10 },
] as const;
const KS = [3, 4, 5];

interface Errors {
  squared: number;
  within5: number;
  within10: number;
  count: number;
  /** Model only: truths within ±1.96 posterior sd of the total, and submissions needsMoreReviews flags. */
  covered: number;
  flagged: number;
  flaggedSquared: number;
}
const emptyErrors = (): Errors => ({
  squared: 0,
  within5: 0,
  within10: 0,
  count: 0,
  covered: 0,
  flagged: 0,
  flaggedSquared: 0,
});
const rmse = (e: Errors): number => Math.sqrt(e.squared / e.count);

function estimate(method: Method, a: SimulatedAssignment): CriterionScore[] {
  switch (method) {
    case 'mean':
      return aggregateByMean(CRITERIA, a.observations);
    case 'median':
      return aggregateByMedian(CRITERIA, a.observations);
    case 'model':
      return fitReviewerModel(CRITERIA, a.observations, a.anchors).scores;
    case 'model without anchors':
      return fitReviewerModel(CRITERIA, a.observations).scores;
  }
}

function record(errors: Errors[], scores: CriterionScore[], truth: Map<string, number>): void {
  const estimates = totals(scores);
  const spreads = totalSpreads(scores);
  const flagged = new Set(
    scores
      .filter((s) =>
        needsMoreReviews(
          s,
          CRITERIA.find((c) => c.id === s.criterionId)!,
        ),
      )
      .map((s) => s.submissionId),
  );
  for (const [submissionId, trueTotal] of truth) {
    const error = Math.abs(estimates.get(submissionId)! - trueTotal);
    const spread = spreads.get(submissionId);
    for (const e of errors) {
      e.squared += error * error;
      e.within5 += error <= 5 ? 1 : 0;
      e.within10 += error <= 10 ? 1 : 0;
      e.covered += spread !== undefined && error <= 1.96 * spread ? 1 : 0;
      e.flagged += flagged.has(submissionId) ? 1 : 0;
      e.flaggedSquared += flagged.has(submissionId) ? error * error : 0;
      e.count++;
    }
  }
}

const accuracy = SCENARIOS.map((scenario) => {
  const all = Object.fromEntries(METHODS.map((m) => [m, emptyErrors()])) as Record<Method, Errors>;
  const perK = Object.fromEntries(
    METHODS.map((m) => [m, Object.fromEntries(KS.map((k) => [k, emptyErrors()]))]),
  ) as Record<Method, Record<number, Errors>>;
  for (const k of KS) {
    for (let seed = 1; seed <= options.seeds; seed++) {
      const assignment = simulateAssignment({
        submissions: options.submissions,
        k,
        biasSpread: scenario.biasSpread,
        biasMean: scenario.biasMean,
        carelessShare: options.carelessPercent / 100,
        calibrationItems: options.calibrationItems,
        seed: seed * 1000 + k,
      });
      for (const method of METHODS) {
        record([all[method], perK[method][k]!], estimate(method, assignment), assignment.truth);
      }
    }
  }
  return { scenario, all, perK };
});

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
/** Whether needsMoreReviews picks the worse estimates: RMSE of the flagged submissions against the others'. */
const flaggedRmse = (e: Errors): string =>
  `${Math.sqrt(e.flaggedSquared / e.flagged).toFixed(2)} / ${Math.sqrt((e.squared - e.flaggedSquared) / (e.count - e.flagged)).toFixed(2)}`;
for (const { scenario, all, perK } of accuracy) {
  console.log(
    `\n${scenario.name} (reviewers' bias N(${scenario.biasMean}, ${scenario.biasSpread}²) points), ${options.seeds} seeds × k = ${KS.join(', ')}, ` +
      `${options.submissions} submissions + ${options.calibrationItems} calibration items each, ${options.carelessPercent}% careless reviewers:`,
  );
  console.table(
    METHODS.map((method) => ({
      method,
      ...Object.fromEntries(KS.map((k) => [`RMSE k=${k}`, rmse(perK[method][k]!).toFixed(2)])),
      RMSE: rmse(all[method]).toFixed(2),
      'within 5': pct(all[method].within5 / all[method].count),
      'within 10': pct(all[method].within10 / all[method].count),
      'within ±1.96 sd': method.startsWith('model') ? pct(all[method].covered / all[method].count) : '',
      'needs more reviews': method.startsWith('model') ? pct(all[method].flagged / all[method].count) : '',
      'RMSE flagged / not': method.startsWith('model') ? flaggedRmse(all[method]) : '',
    })),
  );
}

// Fitting time at scale: fitSubmissions learners each reviewing fitK peers on the 4-criterion rubric.
const large = simulateAssignment({
  submissions: options.fitSubmissions,
  k: options.fitK,
  biasSpread: 10,
  biasMean: 0,
  carelessShare: 0.1,
  calibrationItems: 0,
  seed: 7,
});
const heapBefore = process.memoryUsage().heapUsed;
const fitSeconds: number[] = [];
let iterations: Record<string, number> = {};
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  iterations = fitReviewerModel(CRITERIA, large.observations).iterations;
  fitSeconds.push((performance.now() - started) / 1000);
}
const memory = process.memoryUsage();
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
const reviews = large.observations.length / CRITERIA.length;
console.log(
  `\nFit of ${options.fitSubmissions} submissions, ${reviews} reviews (${large.observations.length} criterion scores): ` +
    `${fitSeconds.map((s) => `${s.toFixed(2)} s`).join(', ')} (3 fits; sweeps per criterion ${Object.values(iterations).join(', ')}); ` +
    `heap ${(heapBefore / 2 ** 20).toFixed(0)} MiB with the data, ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB after; ` +
    `peak RSS ${peakRssMiB.toFixed(0)} MiB.`,
);

const ratio = (method: Method, scenario: string): number =>
  rmse(accuracy.find((a) => a.scenario.name === scenario)!.all[method]);
const targets = [
  {
    target: 'biased: model RMSE ≤ 0.8 × median RMSE',
    value: `${ratio('model', 'biased').toFixed(2)} vs ${(0.8 * ratio('median', 'biased')).toFixed(2)}`,
    met: ratio('model', 'biased') <= 0.8 * ratio('median', 'biased'),
  },
  {
    target: 'unbiased: model RMSE ≤ 1.02 × mean RMSE',
    value: `${ratio('model', 'unbiased').toFixed(2)} vs ${(1.02 * ratio('mean', 'unbiased')).toFixed(2)}`,
    met: ratio('model', 'unbiased') <= 1.02 * ratio('mean', 'unbiased'),
  },
  {
    target: `fit of ${options.fitSubmissions} submissions / ${reviews} reviews ≤ 10 s`,
    value: `${Math.max(...fitSeconds).toFixed(2)} s (slowest of 3)`,
    met: Math.max(...fitSeconds) <= 10,
  },
];
console.log('\nTargets:');
console.table(targets);

const result = {
  date: new Date().toISOString(),
  options,
  machine: {
    cpus: cpus().length,
    memoryGiB: totalmem() / 2 ** 30,
    freeGiB: freemem() / 2 ** 30,
    node: process.version,
  },
  accuracy: accuracy.map(({ scenario, all, perK }) => ({
    scenario: scenario.name,
    methods: METHODS.map((method) => ({
      method,
      rmse: rmse(all[method]),
      within5: all[method].within5 / all[method].count,
      within10: all[method].within10 / all[method].count,
      coveredBy196Sd: all[method].covered / all[method].count,
      needsMoreReviews: all[method].flagged / all[method].count,
      rmseByK: Object.fromEntries(KS.map((k) => [k, rmse(perK[method][k]!)])),
    })),
  })),
  fit: { fitSeconds, iterations, reviews, heapBefore, memory, peakRssMiB },
  targets,
};
console.log(`Saved ${saveResult('peer-review-accuracy', result)}`);
if (targets.some((t) => !t.met)) {
  console.log('A target was missed.');
  process.exitCode = 1;
}
