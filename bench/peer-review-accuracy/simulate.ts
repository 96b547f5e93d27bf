import type {
  CalibrationAnchor,
  CriterionScale,
  ScoreObservation,
} from '../../libs/peer-review/src/aggregation/aggregation.types';

/** A rubric of 4 criteria, each scored in 6 integer levels (0-5) and worth 25 points of 100. */
export const LEVELS = 5;
export const CRITERIA: CriterionScale[] = ['c1', 'c2', 'c3', 'c4'].map((id) => ({ id, min: 0, max: LEVELS }));
const POINTS_PER_LEVEL = 100 / LEVELS; // a criterion's level, read on 100 points

export interface SimulationSettings {
  submissions: number;
  /** Peer reviews each learner gives, and each submission receives. */
  k: number;
  /** Standard deviation of reviewers' biases, in points of 100 (0: unbiased reviewers). */
  biasSpread: number;
  /** Mean of reviewers' biases, in points of 100: a class that is lenient (> 0) or harsh as a whole. */
  biasMean: number;
  carelessShare: number;
  calibrationItems: number;
  seed: number;
}

export interface SimulatedAssignment {
  observations: ScoreObservation[];
  anchors: CalibrationAnchor[];
  /** True total of each peer submission (not the calibration items), in points of 100. */
  truth: Map<string, number>;
}

/** mulberry32: a small seeded PRNG, so every run draws the same assignments. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * One assignment: each learner submits once and reviews k peers (a circulant over a random order, so each
 * submission gets exactly k reviews and nobody reviews their own) plus one calibration item.
 * - True quality per criterion: the learner's level N(70, 15) plus N(0, 8) per criterion, within 0-100.
 * - Reviewer v: bias N(biasMean, biasSpread) points, noise sd uniform in 3-10 points; a careless reviewer (carelessShare)
 *   picks levels uniformly at random.
 * - A review's level is round((quality + bias + noise) / 20) within 0-5: rubric rounding.
 * - Calibration items' known scores are the levels a facilitator gave them (their true quality, rounded).
 */
export function simulateAssignment(settings: SimulationSettings): SimulatedAssignment {
  const random = seededRandom(settings.seed);
  const { submissions: count, k } = settings;
  const quality = (level: number): number[] => CRITERIA.map(() => clamp(level + 8 * gaussian(random), 0, 100));
  const qualities = Array.from({ length: count }, () => quality(clamp(70 + 15 * gaussian(random), 0, 100)));
  const calibration = Array.from({ length: settings.calibrationItems }, () =>
    quality(clamp(70 + 15 * gaussian(random), 0, 100)),
  );
  const reviewers = Array.from({ length: count }, () => ({
    bias: settings.biasMean + settings.biasSpread * gaussian(random),
    noise: 3 + 7 * random(),
    careless: random() < settings.carelessShare,
  }));
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }

  const observations: ScoreObservation[] = [];
  const review = (reviewerIndex: number, submissionId: string, q: number[]): void => {
    const reviewer = reviewers[reviewerIndex]!;
    CRITERIA.forEach((criterion, c) => {
      const score = reviewer.careless
        ? Math.floor(random() * (LEVELS + 1))
        : clamp(Math.round((q[c]! + reviewer.bias + reviewer.noise * gaussian(random)) / POINTS_PER_LEVEL), 0, LEVELS);
      observations.push({ submissionId, reviewerId: `r${reviewerIndex}`, criterionId: criterion.id, score });
    });
  };
  for (let position = 0; position < count; position++) {
    const reviewerIndex = order[position]!;
    for (let step = 1; step <= k; step++) {
      const author = order[(position + step) % count]!;
      review(reviewerIndex, `s${author}`, qualities[author]!);
    }
    if (calibration.length > 0) {
      const item = Math.floor(random() * calibration.length);
      review(reviewerIndex, `cal${item}`, calibration[item]!);
    }
  }
  const anchors = calibration.flatMap((q, item) =>
    CRITERIA.map((criterion, c) => ({
      submissionId: `cal${item}`,
      criterionId: criterion.id,
      score: clamp(Math.round(q[c]! / POINTS_PER_LEVEL), 0, LEVELS),
    })),
  );
  const truth = new Map(qualities.map((q, i) => [`s${i}`, q.reduce((a, b) => a + b, 0) / q.length]));
  return { observations, anchors, truth };
}

/** Each submission's total of 100 from its criterion scores (criteria weigh the same). */
export function totals(scores: readonly { submissionId: string; score: number }[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const { submissionId, score } of scores) {
    sums.set(submissionId, (sums.get(submissionId) ?? 0) + (score * POINTS_PER_LEVEL) / CRITERIA.length);
  }
  return sums;
}

/** Each submission's posterior sd of its total, criteria taken as independent; only for scores that have one. */
export function totalSpreads(
  scores: readonly { submissionId: string; standardDeviation: number | null }[],
): Map<string, number> {
  const variances = new Map<string, number>();
  for (const { submissionId, standardDeviation } of scores) {
    if (standardDeviation === null) continue;
    const sd = (standardDeviation * POINTS_PER_LEVEL) / CRITERIA.length;
    variances.set(submissionId, (variances.get(submissionId) ?? 0) + sd * sd);
  }
  return new Map([...variances].map(([id, variance]) => [id, Math.sqrt(variance)]));
}
