import fc from 'fast-check';
import { InvalidInputError } from '@app/core';
import { Anonymity, CourseLicense } from '../course-content';
import type { AssignmentInput, CourseDraftInput } from './course-input';
import { buildCourseContent, canonicalLanguage, normalizeTopic } from './course-content.validator';
import { COURSE_LIMITS } from './course-limits';

const assignment = (over: Partial<AssignmentInput> = {}): AssignmentInput => ({
  title: 'Seal the tube',
  instructions: 'Photograph the **seal**.',
  rubric: [
    {
      title: 'Seal',
      weight: 2,
      levels: [
        { label: 'Leaks', points: 0 },
        { label: 'Holds', points: 3 },
      ],
    },
    { title: 'Care', weight: 1, scale: { min: 0, max: 10 } },
  ],
  review: { reviewsPerSubmission: 2, reviewsPerLearner: 3, anonymity: Anonymity.DoubleBlind },
  ...over,
});

const course = (over: Partial<CourseDraftInput> = {}): CourseDraftInput => ({
  title: ' Build a tube digester ',
  language: 'es-bo',
  license: CourseLicense.CcBySa,
  topics: ['Biogas', ' appropriate   Technology', 'biogas'],
  modules: [{ title: 'Dig', content: '# Dig', assignments: [assignment()] }],
  ...over,
});

function problemsOf(input: CourseDraftInput): { field: string; message: string }[] {
  try {
    buildCourseContent(input, []);
  } catch (e) {
    if (e instanceof InvalidInputError) return e.fields;
    throw e;
  }
  throw new Error('expected the input to be refused');
}

const fieldsOf = (input: CourseDraftInput): string[] => problemsOf(input).map((p) => p.field);

describe('buildCourseContent', () => {
  it('normalizes what it keeps: trimmed titles, canonical language, topics lower case without repeats', () => {
    const content = buildCourseContent(course(), []);
    expect(content).toMatchObject({
      title: 'Build a tube digester',
      language: 'es-BO',
      topics: ['biogas', 'appropriate technology'],
      summary: '',
      description: '',
      attributions: [],
    });
  });

  it('assigns a uuid to every module, assignment and criterion without one, and keeps those given', () => {
    const kept = '6f1c7a55-0f6e-4c3e-9d55-3f3c2f1e0a11';
    const content = buildCourseContent(
      course({ modules: [{ id: kept, title: 'Dig', assignments: [assignment()] }] }),
      [],
    );
    const m = content.modules[0]!;
    expect(m.id).toBe(kept);
    const ids = [m.assignments[0]!.id, ...m.assignments[0]!.rubric.map((c) => c.id)];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(3);
    // Built again from its own output (an edit that sends everything back), nothing changes.
    const { attributions, ...asInput } = content;
    expect(buildCourseContent(asInput, attributions)).toEqual(content);
  });

  it.each([
    ['a blank title', course({ title: '   ' }), 'title'],
    ['a title too long', course({ title: 'x'.repeat(201) }), 'title'],
    ['an unknown license', course({ license: 'WTFPL' as CourseLicense }), 'license'],
    ['a language that is no BCP 47 tag', course({ language: 'en_US' }), 'language'],
    ['a language name instead of a code', course({ language: 'english' }), 'language'],
    ['too many topics', course({ topics: Array.from({ length: 11 }, (_, i) => `t${i}`) }), 'topics'],
    ['an empty topic', course({ topics: ['ok', '  '] }), 'topics.1'],
    ['too many modules', course({ modules: Array.from({ length: 101 }, (_, i) => ({ title: `m${i}` })) }), 'modules'],
    [
      'too many assignments in a module',
      course({ modules: [{ title: 'm', assignments: Array.from({ length: 21 }, () => assignment()) }] }),
      'modules.0.assignments',
    ],
    [
      'a criterion with both levels and a scale',
      course({
        modules: [
          { title: 'a' },
          {
            title: 'b',
            assignments: [
              assignment({
                rubric: [
                  { title: 'ok', weight: 1, scale: { min: 0, max: 4 } },
                  { title: 'both', weight: 1, levels: [{ label: 'x', points: 1 }], scale: { min: 0, max: 4 } },
                ],
              }),
            ],
          },
        ],
      }),
      'modules.1.assignments.0.rubric.1.scale',
    ],
    [
      'a criterion with neither levels nor a scale',
      course({ modules: [{ title: 'a', assignments: [assignment({ rubric: [{ title: 'none', weight: 1 }] })] }] }),
      'modules.0.assignments.0.rubric.0',
    ],
    [
      'a scale whose max is not above its min',
      course({
        modules: [
          { title: 'a', assignments: [assignment({ rubric: [{ title: 's', weight: 1, scale: { min: 5, max: 5 } }] })] },
        ],
      }),
      'modules.0.assignments.0.rubric.0.scale.max',
    ],
    [
      'empty levels',
      course({
        modules: [{ title: 'a', assignments: [assignment({ rubric: [{ title: 'l', weight: 1, levels: [] }] })] }],
      }),
      'modules.0.assignments.0.rubric.0.levels',
    ],
    [
      'two levels with one label',
      course({
        modules: [
          {
            title: 'a',
            assignments: [
              assignment({
                rubric: [
                  {
                    title: 'l',
                    weight: 1,
                    levels: [
                      { label: 'Good', points: 1 },
                      { label: ' good', points: 2 },
                    ],
                  },
                ],
              }),
            ],
          },
        ],
      }),
      'modules.0.assignments.0.rubric.0.levels.1.label',
    ],
    [
      'a zero weight',
      course({
        modules: [
          { title: 'a', assignments: [assignment({ rubric: [{ title: 'w', weight: 0, scale: { min: 0, max: 1 } }] })] },
        ],
      }),
      'modules.0.assignments.0.rubric.0.weight',
    ],
    [
      'no rubric',
      course({ modules: [{ title: 'a', assignments: [assignment({ rubric: [] })] }] }),
      'modules.0.assignments.0.rubric',
    ],
    [
      'more reviews needed than each learner gives',
      course({
        modules: [
          {
            title: 'a',
            assignments: [
              assignment({ review: { reviewsPerSubmission: 3, reviewsPerLearner: 2, anonymity: Anonymity.Open } }),
            ],
          },
        ],
      }),
      'modules.0.assignments.0.review.reviewsPerLearner',
    ],
    [
      'an unknown anonymity',
      course({
        modules: [
          {
            title: 'a',
            assignments: [
              assignment({
                review: { reviewsPerSubmission: 1, reviewsPerLearner: 1, anonymity: 'secret' as Anonymity },
              }),
            ],
          },
        ],
      }),
      'modules.0.assignments.0.review.anonymity',
    ],
    [
      'two modules with one id',
      course({
        modules: [
          { id: '6f1c7a55-0f6e-4c3e-9d55-3f3c2f1e0a11', title: 'a' },
          { id: '6F1C7A55-0F6E-4C3E-9D55-3F3C2F1E0A11', title: 'b' },
        ],
      }),
      'modules.1.id',
    ],
    ['an id that is no uuid', course({ modules: [{ id: 'module-1', title: 'a' }] }), 'modules.0.id'],
  ])('refuses %s, naming the field', (_, input, field) => {
    expect(fieldsOf(input)).toContain(field);
  });

  it('names every bad field at once', () => {
    expect(fieldsOf(course({ title: '', language: 'xx_YY', modules: [{ title: '' }] }))).toEqual([
      'title',
      'language',
      'modules.0.title',
    ]);
  });

  it('refuses a course larger than the size bound even when each field is within its own', () => {
    const big = 'x'.repeat(COURSE_LIMITS.moduleContentLength);
    const modules = Array.from({ length: 41 }, (_, i) => ({ title: `m${i}`, content: big }));
    expect(fieldsOf(course({ modules }))).toEqual(['modules']);
  });

  it('accepts any rubric criterion with exactly one of well-formed levels or a scale (property)', () => {
    const label = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0);
    const levels = fc
      .uniqueArray(fc.record({ label, points: fc.integer({ min: -1000, max: 1000 }) }), {
        minLength: 1,
        maxLength: 10,
        selector: (l) => l.label.trim().toLocaleLowerCase('en'),
      })
      .map((levels) => ({ levels }));
    const scale = fc
      .tuple(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.double({ min: -1000, max: 1000, noNaN: true }))
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ scale: { min: Math.min(a, b), max: Math.max(a, b) } }));
    const weight = fc.double({ min: 0.001, max: 100, noNaN: true });
    fc.assert(
      fc.property(fc.oneof(levels, scale), weight, (shape, w) => {
        const rubric = [{ title: 'criterion', weight: w, ...shape }];
        const content = buildCourseContent(
          course({ modules: [{ title: 'm', assignments: [assignment({ rubric })] }] }),
          [],
        );
        const built = content.modules[0]!.assignments[0]!.rubric[0]!;
        expect('levels' in built !== 'scale' in built).toBe(true);
      }),
    );
  });

  it('refuses any scale whose bounds are not strictly increasing, at that path (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (max, gap) => {
        const min = Math.min(1000, max + gap);
        const rubric = [{ title: 'c', weight: 1, scale: { min, max } }];
        expect(fieldsOf(course({ modules: [{ title: 'm', assignments: [assignment({ rubric })] }] }))).toEqual([
          'modules.0.assignments.0.rubric.0.scale.max',
        ]);
      }),
    );
  });
});

describe('canonicalLanguage and normalizeTopic', () => {
  it.each([
    ['es', 'es'],
    ['pt-br', 'pt-BR'],
    ['ES-419', 'es-419'],
    ['zh-hant-tw', 'zh-Hant-TW'],
    ['rw', 'rw'],
    ['en_US', null],
    ['english', null],
    ['x-private', null],
    ['', null],
  ])('reads %j as %j', (raw, canonical) => {
    expect(canonicalLanguage(raw)).toBe(canonical);
  });

  it('compares topics as people read them', () => {
    expect(normalizeTopic('  Solar   Power ')).toBe('solar power');
  });
});
