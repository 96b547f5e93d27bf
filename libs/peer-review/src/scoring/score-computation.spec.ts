import type { RubricCriterion } from '@app/courses';
import { criterionScales, scoreAssignment } from './score-computation';

const seal: RubricCriterion = {
  id: 'seal',
  title: 'Seal',
  weight: 2,
  levels: [
    { label: 'Leaks', points: 0 },
    { label: 'Holds', points: 3 },
  ],
};
const care: RubricCriterion = { id: 'care', title: 'Care', weight: 1, scale: { min: 0, max: 10 } };
const flat: RubricCriterion = { id: 'flat', title: 'Flat', weight: 5, levels: [{ label: 'Done', points: 1 }] };

describe('scoreAssignment', () => {
  const reviews = [
    {
      submissionId: 'a',
      reviewerKey: 'r1',
      scores: [
        { criterionId: 'seal', level: 'Holds' },
        { criterionId: 'care', value: 6 },
      ],
    },
    {
      submissionId: 'a',
      reviewerKey: 'r2',
      scores: [
        { criterionId: 'seal', level: 'Leaks' },
        { criterionId: 'care', value: 8 },
      ],
    },
  ];

  it('turns levels into their points, keeps the rubric’s order, and weighs each criterion’s share of its scale into a total out of 100', () => {
    const a = scoreAssignment([seal, care], reviews, 'mean').get('a')!;
    expect(a.criteria.map((c) => [c.criterionId, c.score])).toEqual([
      ['seal', 1.5],
      ['care', 7],
    ]);
    // (2 × 1.5/3 + 1 × 7/10) / 3 = 0.5666…
    expect(a.total).toBeCloseTo(56.667, 3);
    expect(a.standardDeviation).toBeNull();
  });

  it('gives the model’s total an uncertainty from its criteria’s, and leaves out criteria that cannot rank', () => {
    expect(criterionScales([seal, care, flat]).map((s) => s.id)).toEqual(['seal', 'care']);
    const a = scoreAssignment([seal, care, flat], reviews, 'model').get('a')!;
    expect(a.criteria).toHaveLength(2);
    expect(a.standardDeviation).toBeGreaterThan(0);
    expect(a.total).toBeGreaterThan(0);
    expect(a.total).toBeLessThan(100);
  });

  it('scores nothing when no review is in', () => {
    expect(scoreAssignment([seal, care], [], 'model').size).toBe(0);
  });
});
