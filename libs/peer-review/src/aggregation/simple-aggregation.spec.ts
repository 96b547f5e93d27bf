import fc from 'fast-check';
import type { CriterionScale, ScoreObservation } from './aggregation.types';
import { aggregateByMean, aggregateByMedian } from './simple-aggregation';

const SCALES: CriterionScale[] = [
  { id: 'clarity', min: 0, max: 4 },
  { id: 'evidence', min: 1, max: 10 },
];
const review = (submissionId: string, reviewerId: string, criterionId: string, score: number): ScoreObservation => ({
  submissionId,
  reviewerId,
  criterionId,
  score,
});

/** Small assignments: up to 6 submissions and reviewers, integer levels on both criteria. */
const observationsArbitrary = fc.array(
  fc.record({
    submission: fc.integer({ min: 0, max: 5 }),
    reviewer: fc.integer({ min: 0, max: 5 }),
    onEvidence: fc.boolean(),
    level: fc.integer({ min: 0, max: 9 }),
  }),
  { maxLength: 40 },
);
const toObservations = (rows: { submission: number; reviewer: number; onEvidence: boolean; level: number }[]) =>
  rows.map((r) =>
    r.onEvidence
      ? review(`s${r.submission}`, `r${r.reviewer}`, 'evidence', 1 + r.level)
      : review(`s${r.submission}`, `r${r.reviewer}`, 'clarity', r.level % 5),
  );

describe('aggregateByMean and aggregateByMedian', () => {
  it('give the exact mean and median of each submission on each criterion', () => {
    const observations = [
      review('a', 'r1', 'clarity', 1),
      review('a', 'r2', 'clarity', 2),
      review('a', 'r3', 'clarity', 4),
      review('a', 'r1', 'evidence', 1),
      review('a', 'r2', 'evidence', 2),
      review('a', 'r3', 'evidence', 3),
      review('a', 'r4', 'evidence', 10),
      review('b', 'r1', 'clarity', 3),
    ];
    const byKey = (scores: { submissionId: string; criterionId: string; score: number }[]) =>
      Object.fromEntries(scores.map((s) => [`${s.submissionId}/${s.criterionId}`, s.score]));
    expect(byKey(aggregateByMean(SCALES, observations))).toEqual({
      'a/clarity': 7 / 3,
      'a/evidence': 4,
      'b/clarity': 3,
    });
    expect(byKey(aggregateByMedian(SCALES, observations))).toEqual({
      'a/clarity': 2,
      'a/evidence': 2.5,
      'b/clarity': 3,
    });
    expect(aggregateByMean(SCALES, observations).find((s) => s.submissionId === 'a')).toMatchObject({
      reviewCount: 3,
      standardDeviation: null,
      anchored: false,
    });
  });

  it('give no scores for no reviews', () => {
    expect(aggregateByMean(SCALES, [])).toEqual([]);
    expect(aggregateByMedian(SCALES, [])).toEqual([]);
  });

  it('refuse a score outside its criterion’s scale or not a number, rather than return NaN', () => {
    expect(() => aggregateByMean(SCALES, [review('a', 'r1', 'clarity', 5)])).toThrow(RangeError);
    expect(() => aggregateByMedian(SCALES, [review('a', 'r1', 'clarity', NaN)])).toThrow(RangeError);
    expect(() => aggregateByMean(SCALES, [review('a', 'r1', 'style', 1)])).toThrow(/no scale/);
  });

  it('stay within each criterion’s scale, whatever the reviews', () => {
    fc.assert(
      fc.property(observationsArbitrary, (rows) => {
        for (const scores of [aggregateByMean, aggregateByMedian].map((f) => f(SCALES, toObservations(rows)))) {
          for (const { criterionId, score } of scores) {
            const scale = SCALES.find((s) => s.id === criterionId)!;
            if (!(score >= scale.min && score <= scale.max)) return false;
          }
        }
        return true;
      }),
    );
  });

  it('do not depend on the order the reviews come in', () => {
    fc.assert(
      fc.property(
        observationsArbitrary.chain((rows) =>
          fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })),
        ),
        ([rows, shuffled]) => {
          expect(aggregateByMean(SCALES, toObservations(shuffled))).toEqual(
            aggregateByMean(SCALES, toObservations(rows)),
          );
          expect(aggregateByMedian(SCALES, toObservations(shuffled))).toEqual(
            aggregateByMedian(SCALES, toObservations(rows)),
          );
        },
      ),
    );
  });
});
