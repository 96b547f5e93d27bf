/**
 * The reviewer model's priors, each a share of the criterion's range (max − min), so that one set of defaults
 * fits a 0-4 rubric level and a 0-100 score alike.
 */
export interface ReviewerModelPriors {
  /**
   * Prior standard deviation of true scores around the assignment's mean (1/√γ0). A quarter of the range: true
   * scores spread over most of the scale, so the prior barely pulls an estimate towards the mean.
   */
  scoreSpread: number;
  /**
   * Prior standard deviation of a reviewer's bias (1/√η0). A tenth of the range (10 points of 100): lenient or
   * harsh reviewers are common, but a bias of more than a couple of tenths is rare; with only k reviews per
   * reviewer, a tighter prior would hide real biases and a looser one would read noise as bias.
   */
  biasSpread: number;
  /**
   * Typical standard deviation of a reviewer's error once the bias is removed (1/√(α0/β0), the prior mean of τ).
   * A tenth of the range: rubric rounding alone costs ~0.06 of the range on a 6-level criterion.
   */
  noiseSpread: number;
  /**
   * α0 of the Gamma prior on reliability τ: as many as 2·α0 pseudo-reviews at `noiseSpread`. 2 is weak enough
   * that a careless reviewer's 3-5 reviews show (their weight drops several-fold) and strong enough that one
   * lucky review does not make anyone perfectly reliable.
   */
  noiseStrength: number;
}

export const DEFAULT_REVIEWER_MODEL_PRIORS: ReviewerModelPriors = {
  scoreSpread: 0.25,
  biasSpread: 0.1,
  noiseSpread: 0.1,
  noiseStrength: 2,
};

export interface ReviewerModelOptions {
  priors?: Partial<ReviewerModelPriors>;
  /** Coordinate-ascent sweeps at most; one sweep is three passes over the observations. */
  maxIterations?: number;
  /** Stop once no score or bias moves by more than this share of the range in a sweep. */
  tolerance?: number;
}

export const DEFAULT_MAX_ITERATIONS = 500;
export const DEFAULT_TOLERANCE = 1e-6;
