import fc from 'fast-check';
import { InvalidInputError } from '@app/core';
import type { RubricCriterion } from '@app/courses';
import { checkReview } from './review-scores';

const seal: RubricCriterion = {
  id: '6f1c2a52-8d8e-4b7b-9a3c-0c3c8f3f5a01',
  title: 'Seal',
  weight: 2,
  levels: [
    { label: 'Leaks', points: 0 },
    { label: 'Holds', points: 3 },
  ],
};
const care: RubricCriterion = {
  id: '6f1c2a52-8d8e-4b7b-9a3c-0c3c8f3f5a02',
  title: 'Care',
  weight: 1,
  scale: { min: 0, max: 10 },
};
const rubric = [seal, care];

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.fields.map((f) => f.field);
    throw error;
  }
  return [];
}

describe('checking a review against the rubric', () => {
  it('takes any number within a scale criterion and refuses any outside, naming the criterion', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), (value) => {
        const fields = fieldsOf(() => checkReview(rubric, { scores: [{ criterionId: care.id, value }] }, false));
        expect(fields).toEqual(value >= 0 && value <= 10 ? [] : [`scores.${care.id}`]);
      }),
    );
  });

  it('takes only the labels of a level criterion, and not a number for it', () => {
    fc.assert(
      fc.property(fc.string(), (label) => {
        const fields = fieldsOf(() => checkReview(rubric, { scores: [{ criterionId: seal.id, level: label }] }, false));
        expect(fields).toEqual(label === 'Leaks' || label === 'Holds' ? [] : [`scores.${seal.id}`]);
      }),
    );
    expect(fieldsOf(() => checkReview(rubric, { scores: [{ criterionId: seal.id, value: 3 }] }, false))).toEqual([
      `scores.${seal.id}`,
    ]);
  });

  it('lets a draft leave criteria out, but a submitted review scores and comments each, with an overall comment', () => {
    expect(checkReview(rubric, { scores: [] }, false)).toEqual([]);
    expect(fieldsOf(() => checkReview(rubric, { scores: [{ criterionId: seal.id, level: 'Holds' }] }, true))).toEqual([
      `scores.${seal.id}.comment`,
      `scores.${care.id}`,
      'overallComment',
    ]);
    const complete = checkReview(
      rubric,
      {
        scores: [
          { criterionId: care.id, value: 7.5, comment: 'Careful' },
          { criterionId: seal.id, level: 'Holds', comment: 'Tight' },
        ],
        overallComment: 'Good',
      },
      true,
    );
    expect(complete).toEqual([
      { criterionId: care.id, value: 7.5, comment: 'Careful' },
      { criterionId: seal.id, level: 'Holds', comment: 'Tight' },
    ]);
  });

  it('refuses a criterion scored twice or one that is not in the rubric', () => {
    expect(
      fieldsOf(() =>
        checkReview(
          rubric,
          {
            scores: [
              { criterionId: care.id, value: 1 },
              { criterionId: care.id, value: 2 },
              { criterionId: '6f1c2a52-8d8e-4b7b-9a3c-0c3c8f3f5a99', value: 1 },
            ],
          },
          false,
        ),
      ),
    ).toEqual([`scores.${care.id}`, 'scores.2.criterionId']);
  });
});
