import { CourseLicense, COURSE_LIMITS as DOMAIN_LIMITS, allowedForkLicenses } from '@app/courses';
import { InvalidInputError } from '@app/core';
// The domain's own check of a course (not exported: the API reaches it through the authoring service).
import { buildCourseContent } from '../../libs/courses/src/content/course-content.validator';
import { COURSE_LIMITS, FORK_LICENSES, LICENSES, newId } from '../../apps/web/src/components/course/course-rules';
import {
  newAssignment,
  newModule,
  toBody,
  validateDraft,
  type DraftForm,
} from '../../apps/web/src/components/course/draft-form';

/** The editor checks a course before the API does: with the domain's own rules, or its marks would mislead. */
describe('the web editor’s course rules', () => {
  it('offers for a fork exactly the licenses the courses domain allows, for every license', () => {
    expect([...LICENSES].sort()).toEqual(Object.values(CourseLicense).sort());
    for (const license of Object.values(CourseLicense)) {
      expect([...FORK_LICENSES[license]].sort()).toEqual([...allowedForkLicenses(license)].sort());
    }
  });

  it('checks the same limits as the courses domain', () => {
    for (const [key, value] of Object.entries(COURSE_LIMITS)) {
      expect([key, value]).toEqual([key, DOMAIN_LIMITS[key as keyof typeof DOMAIN_LIMITS]]);
    }
  });

  const t = (key: string) => key;
  const form = (over: Partial<DraftForm> = {}): DraftForm => {
    const assignment = { ...newAssignment(), title: 'Seal the tube', instructions: 'Photograph the seal.' };
    assignment.rubric = assignment.rubric.map((c) => ({
      ...c,
      title: 'Gas-tight',
      levels: [
        { key: newId(), label: 'Leaks', points: '0' },
        { key: newId(), label: 'Holds', points: '3' },
      ],
    }));
    return {
      title: 'Build a digester',
      summary: '',
      description: '',
      language: 'es',
      license: 'CC-BY-SA-4.0',
      topics: 'Biogas, biogas',
      modules: [{ ...newModule(), title: 'Dig', content: '# Dig', assignments: [assignment] }],
      ...over,
    };
  };
  const domainFields = (f: DraftForm): string[] => {
    try {
      buildCourseContent(toBody(f) as Parameters<typeof buildCourseContent>[0], []);
      return [];
    } catch (e) {
      if (e instanceof InvalidInputError) return e.fields.map((p) => p.field);
      throw e;
    }
  };

  it('accepts what the domain accepts, and the ids it sends are kept', () => {
    const valid = form();
    expect(validateDraft(valid, t)).toEqual({});
    expect(domainFields(valid)).toEqual([]);
    const content = buildCourseContent(toBody(valid) as Parameters<typeof buildCourseContent>[0], []);
    expect(content.modules[0]!.id).toBe(valid.modules[0]!.id);
    expect(content.topics).toEqual(['biogas']);
  });

  it.each<[string, (f: DraftForm) => void, string]>([
    ['a blank title', (f) => (f.title = ' '), 'title'],
    ['a module without a title', (f) => (f.modules[0]!.title = ''), 'modules.0.title'],
    [
      'a scale whose top is not above its bottom',
      (f) => Object.assign(f.modules[0]!.assignments[0]!.rubric[0]!, { kind: 'scale', min: '5', max: '5' }),
      'modules.0.assignments.0.rubric.0.scale.max',
    ],
    [
      'two levels with one name',
      (f) => (f.modules[0]!.assignments[0]!.rubric[0]!.levels[1]!.label = ' leaks'),
      'modules.0.assignments.0.rubric.0.levels.1.label',
    ],
    [
      'a zero weight',
      (f) => (f.modules[0]!.assignments[0]!.rubric[0]!.weight = '0'),
      'modules.0.assignments.0.rubric.0.weight',
    ],
    [
      'fewer reviews given than each submission needs',
      (f) => Object.assign(f.modules[0]!.assignments[0]!, { perSubmission: '3', perLearner: '2' }),
      'modules.0.assignments.0.review.reviewsPerLearner',
    ],
    ['eleven topics', (f) => (f.topics = Array.from({ length: 11 }, (_, i) => `t${i}`).join(',')), 'topics'],
  ])('marks %s at the field the API names', (_, change, field) => {
    const f = form();
    change(f);
    expect(Object.keys(validateDraft(f, t))).toContain(field);
    expect(domainFields(f)).toContain(field);
  });
});
