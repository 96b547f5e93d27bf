import fc from 'fast-check';
import { draftBody, draftErrors, draftFrom, type Translate } from '../../apps/web/src/pages/review/review-draft';
import type { Criterion } from '../../apps/web/src/pages/review/review-data';

/**
 * The review form's own checks (apps/web pages/review) say what the API's would (review-scores.ts), under the API's
 * field names, before a round trip; a draft sends only what was touched, numbers as numbers.
 */
describe('a review draft in the web app', () => {
  const seal: Criterion = {
    id: '00000000-0000-4000-8000-000000000001',
    title: 'Seal',
    weight: 2,
    levels: [
      { label: 'Leaks', points: 0 },
      { label: 'Holds', points: 3 },
    ],
  };
  const care: Criterion = {
    id: '00000000-0000-4000-8000-000000000002',
    title: 'Care',
    weight: 1,
    scale: { min: 0, max: 10 },
  };
  const rubric = [seal, care];
  const t: Translate = (key, values) => (values ? `${key} ${JSON.stringify(values)}` : key);

  it('names every missing score and comment, and the overall comment, only when submitting', () => {
    const empty = draftFrom(rubric, null, null);
    expect(draftErrors(t, rubric, empty, false)).toEqual({});
    expect(Object.keys(draftErrors(t, rubric, empty, true)).sort()).toEqual(
      [
        `scores.${seal.id}`,
        `scores.${seal.id}.comment`,
        `scores.${care.id}`,
        `scores.${care.id}.comment`,
        'overallComment',
      ].sort(),
    );
  });

  it('takes a number within the scale and refuses any other, as the API does', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), (value) => {
        const draft = draftFrom(rubric, [{ criterionId: care.id, value }], null);
        const error = draftErrors(t, rubric, draft, false)[`scores.${care.id}`];
        if (value >= 0 && value <= 10) expect(error).toBeUndefined();
        else expect(error).toBe('review.review.outOfRange {"min":0,"max":10}');
      }),
    );
    const typo = draftFrom(rubric, null, null);
    typo.entries[care.id]!.value = '7,5';
    expect(draftErrors(t, rubric, typo, false)[`scores.${care.id}`]).toBe(
      'review.review.outOfRange {"min":0,"max":10}',
    );
  });

  it('sends the criteria touched so far, a level for a level criterion and a number for a scale', () => {
    const draft = draftFrom(rubric, null, null);
    expect(draftBody(rubric, draft)).toEqual({ scores: [] });
    draft.entries[seal.id] = { level: 'Holds', value: '', comment: '' };
    draft.entries[care.id] = { level: '', value: '7.5', comment: 'Clean clamps.' };
    draft.overall = 'Fine work.';
    expect(draftBody(rubric, draft)).toEqual({
      scores: [
        { criterionId: seal.id, level: 'Holds' },
        { criterionId: care.id, value: 7.5, comment: 'Clean clamps.' },
      ],
      overallComment: 'Fine work.',
    });
    const complete = {
      ...draft,
      entries: { ...draft.entries, [seal.id]: { level: 'Holds', value: '', comment: 'Held.' } },
    };
    expect(draftErrors(t, rubric, complete, true)).toEqual({});
  });

  it('reads a saved draft back as it was written', () => {
    const saved = [
      { criterionId: seal.id, level: 'Leaks', comment: 'Drips.' },
      { criterionId: care.id, value: 4 },
    ];
    const draft = draftFrom(rubric, saved, 'Try again.');
    expect(draftBody(rubric, draft)).toEqual({ scores: saved, overallComment: 'Try again.' });
  });
});
