import type {
  CalibrationAnchor,
  CriterionScale,
  CriterionScore,
  ReviewerStanding,
  ScoreObservation,
} from './aggregation.types';
import { canonicalOrder, checkedScales } from './observation-checks';
import {
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_REVIEWER_MODEL_PRIORS,
  DEFAULT_TOLERANCE,
  type ReviewerModelOptions,
  type ReviewerModelPriors,
} from './reviewer-model-priors';

export interface ReviewerModelFit {
  scores: CriterionScore[];
  reviewers: ReviewerStanding[];
  /** Sweeps used, per criterion; equal to the maximum when a criterion did not converge. */
  iterations: Record<string, number>;
}

/**
 * Piech et al. 2013, model PG1, fitted over a whole assignment, each criterion on its own:
 * true score s_u ~ N(μ0, 1/γ0), reviewer bias b_v ~ N(0, 1/η0), reliability τ_v ~ Gamma(α0, β0), and each
 * observed score z_uv ~ N(s_u + b_v, 1/τ_v).
 *
 * Per criterion, because criteria have scales of their own and a reviewer can be harsh on one and fair on
 * another; a submission's total is the weighted sum of its criterion scores, as for the mean and the median.
 *
 * Fitted by mean-field variational Bayes (coordinate ascent on q(s)·q(b)·q(τ), each factor in closed form) rather
 * than Gibbs sampling: deterministic without a seed, and a few passes over the observations per sweep, so an
 * assignment of 100,000 reviews fits in well under a second. μ0 is re-estimated each sweep as the mean of the
 * estimated true scores (empirical Bayes): the prior is centred on this assignment, not on the middle of the scale.
 * Calibration anchors hold s_u at the known score, so their reviewers' biases are measured against the truth;
 * with anchors, the mean of the bias prior is re-estimated too (a class that is lenient as a whole).
 */
export function fitReviewerModel(
  criteria: readonly CriterionScale[],
  observations: readonly ScoreObservation[],
  anchors: readonly CalibrationAnchor[] = [],
  options: ReviewerModelOptions = {},
): ReviewerModelFit {
  const scales = checkedScales(criteria, observations, anchors);
  const priors: ReviewerModelPriors = { ...DEFAULT_REVIEWER_MODEL_PRIORS, ...options.priors };
  const byCriterion = new Map<string, ScoreObservation[]>();
  for (const o of canonicalOrder(observations)) {
    const list = byCriterion.get(o.criterionId) ?? [];
    list.push(o);
    byCriterion.set(o.criterionId, list);
  }
  const fit: ReviewerModelFit = { scores: [], reviewers: [], iterations: {} };
  for (const [criterionId, list] of byCriterion) {
    const known = new Map(anchors.filter((a) => a.criterionId === criterionId).map((a) => [a.submissionId, a.score]));
    const one = fitCriterion(scales.get(criterionId)!, list, known, priors, options);
    fit.scores.push(...one.scores);
    fit.reviewers.push(...one.reviewers);
    fit.iterations[criterionId] = one.iterations;
  }
  return fit;
}

function fitCriterion(
  scale: CriterionScale,
  observations: readonly ScoreObservation[],
  known: ReadonlyMap<string, number>,
  priors: ReviewerModelPriors,
  options: ReviewerModelOptions,
): { scores: CriterionScore[]; reviewers: ReviewerStanding[]; iterations: number } {
  const range = scale.max - scale.min;
  const gamma0 = 1 / (priors.scoreSpread * range) ** 2;
  const eta0 = 1 / (priors.biasSpread * range) ** 2;
  const alpha0 = priors.noiseStrength;
  const beta0 = alpha0 * (priors.noiseSpread * range) ** 2;
  const tolerance = (options.tolerance ?? DEFAULT_TOLERANCE) * range;
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;

  const submissionIds: string[] = [];
  const reviewerIds: string[] = [];
  const submissionIndex = new Map<string, number>();
  const reviewerIndex = new Map<string, number>();
  const n = observations.length;
  const obsSubmission = new Int32Array(n);
  const obsReviewer = new Int32Array(n);
  const z = new Float64Array(n);
  observations.forEach((o, i) => {
    let u = submissionIndex.get(o.submissionId);
    if (u === undefined) submissionIndex.set(o.submissionId, (u = submissionIds.push(o.submissionId) - 1));
    let v = reviewerIndex.get(o.reviewerId);
    if (v === undefined) reviewerIndex.set(o.reviewerId, (v = reviewerIds.push(o.reviewerId) - 1));
    obsSubmission[i] = u;
    obsReviewer[i] = v;
    z[i] = o.score;
  });
  const U = submissionIds.length;
  const V = reviewerIds.length;

  const anchored = new Uint8Array(U);
  const m = new Float64Array(U); // E[s_u]
  const s2 = new Float64Array(U); // Var[s_u]
  const reviewCount = new Int32Array(U);
  const beta = new Float64Array(V); // E[b_v]
  const w = new Float64Array(V); // Var[b_v]
  const tau = new Float64Array(V).fill(alpha0 / beta0); // E[τ_v]
  const given = new Int32Array(V);
  for (let i = 0; i < n; i++) {
    m[obsSubmission[i]!]! += z[i]!;
    reviewCount[obsSubmission[i]!]!++;
    given[obsReviewer[i]!]!++;
  }
  for (let u = 0; u < U; u++) {
    const score = known.get(submissionIds[u]!);
    if (score !== undefined) {
      anchored[u] = 1;
      m[u] = score;
    } else {
      m[u] = m[u]! / reviewCount[u]!;
    }
  }
  let mu0 = meanOfFree(m, anchored);
  // The class's common bias (the mean of b_v's prior): peers often grade higher than staff on the whole. Only
  // reviews of anchored items can tell it from a strong class, so it stays 0 without them.
  const learnsCommonBias = anchored.some((isAnchored) => isAnchored === 1);
  let commonBias = 0;

  const accA = new Float64Array(Math.max(U, V));
  const accB = new Float64Array(Math.max(U, V));
  let iterations = 0;
  let moved = Infinity;
  while (iterations < maxIterations && moved > tolerance) {
    iterations++;
    moved = 0;
    // q(s_u): precision γ0 + Σ τ_v, mean from the reviews with their biases removed.
    accA.fill(0, 0, U);
    accB.fill(0, 0, U);
    for (let i = 0; i < n; i++) {
      const u = obsSubmission[i]!;
      const v = obsReviewer[i]!;
      accA[u]! += tau[v]!;
      accB[u]! += tau[v]! * (z[i]! - beta[v]!);
    }
    for (let u = 0; u < U; u++) {
      if (anchored[u]) continue;
      const precision = gamma0 + accA[u]!;
      const next = (gamma0 * mu0 + accB[u]!) / precision;
      moved = Math.max(moved, Math.abs(next - m[u]!));
      m[u] = next;
      s2[u] = 1 / precision;
    }
    // q(b_v): precision η0 + n_v τ_v, mean (η0 · common bias + τ_v Σ (z − s)) / precision.
    accB.fill(0, 0, V);
    for (let i = 0; i < n; i++) accB[obsReviewer[i]!]! += z[i]! - m[obsSubmission[i]!]!;
    let biasSum = 0;
    for (let v = 0; v < V; v++) {
      const precision = eta0 + given[v]! * tau[v]!;
      const next = (eta0 * commonBias + tau[v]! * accB[v]!) / precision;
      moved = Math.max(moved, Math.abs(next - beta[v]!));
      beta[v] = next;
      w[v] = 1 / precision;
      biasSum += next;
    }
    if (learnsCommonBias) commonBias = biasSum / V;
    // q(τ_v): Gamma(α0 + n_v/2, β0 + ½ Σ E[(z − s − b)²]); β0 > 0 keeps it finite when every residual is 0.
    accA.fill(0, 0, V);
    for (let i = 0; i < n; i++) {
      const u = obsSubmission[i]!;
      const v = obsReviewer[i]!;
      const r = z[i]! - m[u]! - beta[v]!;
      accA[v]! += r * r + s2[u]! + w[v]!;
    }
    for (let v = 0; v < V; v++) tau[v] = (alpha0 + given[v]! / 2) / (beta0 + accA[v]! / 2);
    mu0 = meanOfFree(m, anchored, mu0);
  }

  // Mean-field q(s) treats biases as known and so understates the uncertainty; the reported spread counts each
  // review as noise 1/τ_v plus the uncertainty of its reviewer's bias.
  accA.fill(0, 0, U);
  for (let i = 0; i < n; i++) {
    const v = obsReviewer[i]!;
    accA[obsSubmission[i]!]! += 1 / (1 / tau[v]! + w[v]!);
  }
  const scores: CriterionScore[] = submissionIds.map((submissionId, u) => ({
    submissionId,
    criterionId: scale.id,
    score: Math.min(scale.max, Math.max(scale.min, m[u]!)),
    standardDeviation: anchored[u] ? 0 : Math.sqrt(1 / (gamma0 + accA[u]!)),
    reviewCount: reviewCount[u]!,
    anchored: anchored[u] === 1,
  }));
  const reviewers: ReviewerStanding[] = reviewerIds.map((reviewerId, v) => ({
    reviewerId,
    criterionId: scale.id,
    bias: beta[v]!,
    biasStandardDeviation: Math.sqrt(w[v]!),
    reliability: tau[v]!,
    noiseStandardDeviation: 1 / Math.sqrt(tau[v]!),
    reviewCount: given[v]!,
  }));
  return { scores, reviewers, iterations };
}

/** The mean of the estimated true scores of the submissions that are not anchored (`fallback` when all are). */
function meanOfFree(m: Float64Array, anchored: Uint8Array, fallback = 0): number {
  let sum = 0;
  let count = 0;
  for (let u = 0; u < m.length; u++) {
    if (anchored[u]) continue;
    sum += m[u]!;
    count++;
  }
  return count === 0 ? fallback : sum / count;
}
