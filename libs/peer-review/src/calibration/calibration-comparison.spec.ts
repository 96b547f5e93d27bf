import type { RubricCriterion } from '@app/courses';
import { compareWithReference } from './calibration-comparison';

const seal: RubricCriterion = {
  id: 'seal',
  title: 'Seal',
  weight: 2,
  levels: [
    { label: 'Leaks', points: 0 },
    { label: 'Drips', points: 1 },
    { label: 'Holds', points: 3 },
  ],
};
const care: RubricCriterion = { id: 'care', title: 'Care', weight: 1, scale: { min: 0, max: 10 } };

describe('compareWithReference', () => {
  it('compares levels by their points and numbers on their scale, in the rubric’s order', () => {
    const result = compareWithReference(
      [seal, care],
      [
        { criterionId: 'care', value: 4.5 },
        { criterionId: 'seal', level: 'Drips' },
      ],
      [
        { criterionId: 'seal', level: 'Holds' },
        { criterionId: 'care', value: 5 },
      ],
    );
    expect(
      result.criteria.map((c) => [c.criterionId, c.givenPoints, c.referencePoints, c.difference, c.agreement]),
    ).toEqual([
      ['seal', 1, 3, -2, 'lower'],
      ['care', 4.5, 5, -0.5, 'close'],
    ]);
    expect(result.closeCount).toBe(1);
    expect(result.summary).toBe(
      'Your scores are close to the reference on 1 of 2 criteria. “Seal”: lower than the reference (−2 points).',
    );
  });

  it('says so when every score is within a tenth of its range', () => {
    const result = compareWithReference(
      [care],
      [{ criterionId: 'care', value: 6 }],
      [{ criterionId: 'care', value: 5 }],
    );
    expect(result.criteria[0]).toMatchObject({ difference: 1, agreement: 'close' });
    expect(result.summary).toBe('Your scores are close to the reference on every criterion.');
  });
});
