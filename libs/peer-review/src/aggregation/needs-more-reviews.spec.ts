import type { CriterionScale, ScoreObservation } from './aggregation.types';
import { needsMoreReviews } from './needs-more-reviews';
import { fitReviewerModel } from './reviewer-model';
import { aggregateByMedian } from './simple-aggregation';

const SCORE: CriterionScale = { id: 'score', min: 0, max: 100 };
const reviews = (submissionId: string, scores: number[]): ScoreObservation[] =>
  scores.map((score, i) => ({ submissionId, reviewerId: `r${i}`, criterionId: 'score', score }));

describe('needsMoreReviews', () => {
  it('asks for more when a submission has one review or its reviews disagree, not when five careful ones agree', () => {
    // r0-r4 also agree within a point or two on four other submissions, so the model knows them as careful;
    // x0-x2 are new and disagree with one another by tens of points.
    const track = [40, 55, 85, 65].flatMap((level, j) =>
      reviews(`other${j}`, [level, level + 1, level - 1, level, level + 2]),
    );
    const fit = fitReviewerModel(
      [SCORE],
      [
        ...track,
        ...reviews('agreed', [72, 70, 71, 69, 70]),
        ...reviews('lonely', [70]).map((o) => ({ ...o, reviewerId: 'y0' })),
        ...reviews('disputed', [95, 30, 60]).map((o) => ({ ...o, reviewerId: `x${o.reviewerId}` })),
      ],
    );
    const verdict = Object.fromEntries(fit.scores.map((s) => [s.submissionId, needsMoreReviews(s, SCORE)]));
    expect(verdict).toMatchObject({ lonely: true, agreed: false, disputed: true });
  });

  it('follows the threshold it is given', () => {
    const lonely = fitReviewerModel([SCORE], reviews('lonely', [70])).scores[0]!;
    expect(needsMoreReviews(lonely, SCORE, 1)).toBe(false);
  });

  it('never asks for calibration items nor for scores without an uncertainty', () => {
    const anchored = fitReviewerModel([SCORE], reviews('cal', [10]), [
      { submissionId: 'cal', criterionId: 'score', score: 70 },
    ]).scores[0]!;
    expect(needsMoreReviews(anchored, SCORE)).toBe(false);
    expect(needsMoreReviews(aggregateByMedian([SCORE], reviews('lonely', [70]))[0]!, SCORE)).toBe(false);
  });
});
