import fc from 'fast-check';
import type { CalibrationAnchor, CriterionScale, ScoreObservation } from './aggregation.types';
import { fitReviewerModel } from './reviewer-model';
import { aggregateByMean } from './simple-aggregation';

const SCORE: CriterionScale = { id: 'score', min: 0, max: 100 };
const LEVEL: CriterionScale = { id: 'level', min: 0, max: 4 };

/** A seeded PRNG (mulberry32) and a standard normal draw, so the synthetic assignments are the same every run. */
function seeded(seed: number): { uniform: () => number; normal: () => number } {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  return { uniform, normal };
}

/**
 * `count` learners on a 0-100 criterion, each reviewing the next `k` (a circulant, so each submission gets k
 * reviews), with the given bias per reviewer and noise sd 5; true scores N(70, 12). Calibration items `cal<i>`
 * are each reviewed by every `count / items`-th reviewer.
 */
function synthetic(options: {
  count: number;
  k: number;
  bias: (reviewer: number) => number;
  seed: number;
  calibrationItems?: number;
}) {
  const { uniform, normal } = seeded(options.seed);
  const clamp = (x: number): number => Math.min(100, Math.max(0, x));
  const truth = Array.from({ length: options.count }, () => clamp(70 + 12 * normal()));
  const calibration = Array.from({ length: options.calibrationItems ?? 0 }, () =>
    Math.round(clamp(70 + 12 * normal())),
  );
  const observations: ScoreObservation[] = [];
  for (let v = 0; v < options.count; v++) {
    const score = (trueScore: number): number => Math.round(clamp(trueScore + options.bias(v) + 5 * normal()));
    for (let step = 1; step <= options.k; step++) {
      const u = (v + step) % options.count;
      observations.push({ submissionId: `s${u}`, reviewerId: `r${v}`, criterionId: 'score', score: score(truth[u]!) });
    }
    if (calibration.length > 0) {
      const item = v % calibration.length;
      observations.push({
        submissionId: `cal${item}`,
        reviewerId: `r${v}`,
        criterionId: 'score',
        score: score(calibration[item]!),
      });
    }
  }
  const anchors: CalibrationAnchor[] = calibration.map((score, i) => ({
    submissionId: `cal${i}`,
    criterionId: 'score',
    score,
  }));
  void uniform;
  return { truth, observations, anchors };
}

const rmseAgainst = (truth: number[], scores: { submissionId: string; score: number }[]): number => {
  const peers = scores.filter((s) => s.submissionId.startsWith('s'));
  const squared = peers.reduce((sum, s) => sum + (s.score - truth[Number(s.submissionId.slice(1))]!) ** 2, 0);
  return Math.sqrt(squared / peers.length);
};

/** Small assignments on a 0-4 rubric level: up to 8 submissions and reviewers. */
const assignmentArbitrary = fc.array(
  fc.record({
    submissionId: fc.integer({ min: 0, max: 7 }).map((i) => `s${i}`),
    reviewerId: fc.integer({ min: 0, max: 7 }).map((i) => `r${i}`),
    criterionId: fc.constant('level'),
    score: fc.integer({ min: 0, max: 4 }),
  }),
  { maxLength: 40 },
);

describe('fitReviewerModel', () => {
  it('recovers a reviewer who scores 15 points too high, and corrects the scores they gave', () => {
    const { truth, observations } = synthetic({ count: 200, k: 4, bias: (v) => (v === 0 ? 15 : 0), seed: 1 });
    const fit = fitReviewerModel([SCORE], observations);
    const standing = fit.reviewers.find((r) => r.reviewerId === 'r0')!;
    expect(Math.abs(standing.bias - 15)).toBeLessThan(4);
    const others = fit.reviewers.filter((r) => r.reviewerId !== 'r0');
    expect(others.reduce((sum, r) => sum + Math.abs(r.bias), 0) / others.length).toBeLessThan(2.5);
    // r0 reviewed s1..s4: the model's scores for them are closer to the truth than the mean's.
    const reviewedByR0 = (s: { submissionId: string }) => ['s1', 's2', 's3', 's4'].includes(s.submissionId);
    expect(rmseAgainst(truth, fit.scores.filter(reviewedByR0))).toBeLessThan(
      rmseAgainst(truth, aggregateByMean([SCORE], observations).filter(reviewedByR0)),
    );
  });

  it('beats the mean when reviewers differ in bias, across seeds', () => {
    for (const seed of [2, 3, 4]) {
      const biases = Array.from({ length: 150 }, (_, v) => ((v * 7919) % 21) - 10);
      const { truth, observations } = synthetic({ count: 150, k: 4, bias: (v) => biases[v]!, seed });
      const model = rmseAgainst(truth, fitReviewerModel([SCORE], observations).scores);
      const mean = rmseAgainst(truth, aggregateByMean([SCORE], observations));
      expect(model).toBeLessThan(0.8 * mean);
    }
  });

  it('uses calibration anchors: a class that is lenient on the whole is corrected only with them', () => {
    // Every reviewer scores about 10 points too high: without anchors the shift is indistinguishable from a
    // strong class; reviews of items with known scores reveal it.
    const { truth, observations, anchors } = synthetic({
      count: 150,
      k: 3,
      bias: (v) => 10 + ((v % 5) - 2),
      seed: 5,
      calibrationItems: 10,
    });
    const withAnchors = fitReviewerModel([SCORE], observations, anchors);
    const without = fitReviewerModel([SCORE], observations);
    expect(rmseAgainst(truth, withAnchors.scores)).toBeLessThan(0.6 * rmseAgainst(truth, without.scores));
    const meanBias = (fit: typeof without) => fit.reviewers.reduce((sum, r) => sum + r.bias, 0) / fit.reviewers.length;
    expect(meanBias(withAnchors)).toBeGreaterThan(7);
    expect(withAnchors.scores.filter((s) => s.anchored).map((s) => [s.score, s.standardDeviation])).toEqual(
      anchors.map((a) => [a.score, 0]),
    );
  });

  it('trusts a careless reviewer less than careful ones', () => {
    const { uniform } = seeded(6);
    const { observations } = synthetic({ count: 100, k: 5, bias: () => 0, seed: 6 });
    const careless = observations.map((o) =>
      o.reviewerId === 'r0' ? { ...o, score: Math.floor(uniform() * 101) } : o,
    );
    const fit = fitReviewerModel([SCORE], careless);
    const r0 = fit.reviewers.find((r) => r.reviewerId === 'r0')!;
    const others = fit.reviewers.filter((r) => r.reviewerId !== 'r0').map((r) => r.reliability);
    expect(r0.reliability).toBeLessThan(Math.min(...others) / 2);
  });

  it('gives nothing for no reviews', () => {
    expect(fitReviewerModel([SCORE], [])).toEqual({ scores: [], reviewers: [], iterations: {} });
  });

  it('scores a submission with one review at that review, with a wide uncertainty', () => {
    const fit = fitReviewerModel([SCORE], [{ submissionId: 'a', reviewerId: 'r', criterionId: 'score', score: 80 }]);
    expect(fit.scores).toHaveLength(1);
    expect(fit.scores[0]!.score).toBeCloseTo(80, 3);
    expect(fit.scores[0]!.standardDeviation).toBeGreaterThan(8);
    expect(fit.reviewers[0]).toMatchObject({ reviewerId: 'r', reviewCount: 1 });
    expect(fit.reviewers[0]!.bias).toBeCloseTo(0, 3);
  });

  it('is narrower with five agreeing reviews than with one', () => {
    const five = ['r1', 'r2', 'r3', 'r4', 'r5'].map((reviewerId) => ({
      submissionId: 'a',
      reviewerId,
      criterionId: 'score',
      score: 80,
    }));
    const one = fitReviewerModel([SCORE], five.slice(0, 1)).scores[0]!;
    const all = fitReviewerModel([SCORE], five).scores[0]!;
    expect(all.standardDeviation!).toBeLessThan(one.standardDeviation! / 2);
  });

  it('gives every submission the common score when all scores are equal, with no bias and no NaN', () => {
    const observations = synthetic({ count: 30, k: 3, bias: () => 0, seed: 7 }).observations.map((o) => ({
      ...o,
      score: 60,
    }));
    const fit = fitReviewerModel([SCORE], observations);
    for (const s of fit.scores) expect(s.score).toBeCloseTo(60, 6);
    for (const r of fit.reviewers) {
      expect(r.bias).toBeCloseTo(0, 6);
      expect(Number.isFinite(r.reliability)).toBe(true);
    }
  });

  it('refuses a score outside its scale and a scale without width', () => {
    expect(() =>
      fitReviewerModel([LEVEL], [{ submissionId: 'a', reviewerId: 'r', criterionId: 'level', score: 5 }]),
    ).toThrow(RangeError);
    expect(() => fitReviewerModel([{ id: 'level', min: 2, max: 2 }], [])).toThrow(RangeError);
  });

  it('gives finite scores within the scale, finite spreads and standings, whatever the reviews and anchors', () => {
    fc.assert(
      fc.property(
        assignmentArbitrary,
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
        (observations, known) => {
          const anchors = known.map((score, i) => ({ submissionId: `s${i}`, criterionId: 'level', score }));
          const fit = fitReviewerModel([LEVEL], observations, anchors);
          const keys = new Set(observations.map((o) => o.submissionId));
          expect(fit.scores.map((s) => s.submissionId).sort()).toEqual([...keys].sort());
          for (const s of fit.scores) {
            expect(s.score).toBeGreaterThanOrEqual(0);
            expect(s.score).toBeLessThanOrEqual(4);
            expect(Number.isFinite(s.standardDeviation)).toBe(true);
          }
          for (const r of fit.reviewers) {
            for (const x of [r.bias, r.biasStandardDeviation, r.reliability, r.noiseStandardDeviation]) {
              expect(Number.isFinite(x)).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('gives the same result to the last bit whatever the order of the reviews, and on every run', () => {
    fc.assert(
      fc.property(
        assignmentArbitrary.chain((rows) =>
          fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })),
        ),
        ([rows, shuffled]) => {
          const fit = fitReviewerModel([LEVEL], rows);
          expect(fitReviewerModel([LEVEL], shuffled)).toEqual(fit);
          expect(fitReviewerModel([LEVEL], rows)).toEqual(fit);
        },
      ),
    );
  });
});
