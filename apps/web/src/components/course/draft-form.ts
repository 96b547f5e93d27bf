import type { components } from '../../api/schema';
import type { MessageKey } from '../../i18n/messages';
import {
  COURSE_LIMITS as L,
  canonicalLanguage,
  newId,
  topicsOf,
  type Anonymity,
  type CourseDraft,
  type CourseLicense,
} from './course-rules';

export type DraftBody = components['schemas']['UpdateCourseDraftDto'];

/** The editor's state: numbers stay text while typed, so a half-typed "1." is not lost. */
export interface LevelForm {
  key: string;
  label: string;
  points: string;
}
export interface CriterionForm {
  id: string;
  title: string;
  description: string;
  weight: string;
  kind: 'levels' | 'scale';
  levels: LevelForm[];
  min: string;
  max: string;
}
export interface AssignmentForm {
  id: string;
  title: string;
  instructions: string;
  rubric: CriterionForm[];
  perSubmission: string;
  perLearner: string;
  anonymity: Anonymity;
}
export interface ModuleForm {
  id: string;
  title: string;
  content: string;
  assignments: AssignmentForm[];
}
export interface DraftForm {
  title: string;
  summary: string;
  description: string;
  language: string;
  license: CourseLicense;
  topics: string;
  modules: ModuleForm[];
}

export const newLevel = (label = '', points = ''): LevelForm => ({ key: newId(), label, points });

export const newCriterion = (): CriterionForm => ({
  id: newId(),
  title: '',
  description: '',
  weight: '1',
  kind: 'levels',
  levels: [newLevel('', '0'), newLevel('', '1')],
  min: '0',
  max: '10',
});

export const newAssignment = (): AssignmentForm => ({
  id: newId(),
  title: '',
  instructions: '',
  rubric: [newCriterion()],
  perSubmission: '2',
  perLearner: '3',
  anonymity: 'double-blind',
});

export const newModule = (): ModuleForm => ({ id: newId(), title: '', content: '', assignments: [] });

export function fromDraft(d: CourseDraft): DraftForm {
  return {
    title: d.title,
    summary: d.summary,
    description: d.description,
    language: d.language,
    license: d.license,
    topics: d.topics.join(', '),
    modules: d.modules.map((m) => ({
      id: m.id,
      title: m.title,
      content: m.content,
      assignments: m.assignments.map((a) => ({
        id: a.id,
        title: a.title,
        instructions: a.instructions,
        rubric: a.rubric.map((c) => ({
          id: c.id,
          title: c.title,
          description: c.description ?? '',
          weight: String(c.weight),
          kind: c.scale ? 'scale' : 'levels',
          levels: (c.levels ?? []).map((l) => newLevel(l.label, String(l.points))),
          min: String(c.scale?.min ?? 0),
          max: String(c.scale?.max ?? 10),
        })),
        perSubmission: String(a.review.reviewsPerSubmission),
        perLearner: String(a.review.reviewsPerLearner),
        anonymity: a.review.anonymity,
      })),
    })),
  };
}

/** What PATCH /courses/:id/draft receives: the whole course, ids kept. */
export function toBody(f: DraftForm): DraftBody {
  return {
    title: f.title.trim(),
    summary: f.summary.trim(),
    description: f.description,
    language: f.language,
    license: f.license,
    topics: topicsOf(f.topics),
    modules: f.modules.map((m) => ({
      id: m.id,
      title: m.title.trim(),
      content: m.content,
      assignments: m.assignments.map((a) => ({
        id: a.id,
        title: a.title.trim(),
        instructions: a.instructions,
        rubric: a.rubric.map((c) => ({
          id: c.id,
          title: c.title.trim(),
          ...(c.description.trim() ? { description: c.description.trim() } : {}),
          weight: Number(c.weight),
          ...(c.kind === 'levels'
            ? { levels: c.levels.map((l) => ({ label: l.label.trim(), points: Number(l.points) })) }
            : { scale: { min: Number(c.min), max: Number(c.max) } }),
        })),
        review: {
          reviewsPerSubmission: Number(a.perSubmission),
          reviewsPerLearner: Number(a.perLearner),
          anonymity: a.anonymity,
        },
      })),
    })),
  };
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * The courses domain's rules (course-content.validator.ts), checked as the author types, under the same dotted
 * field paths as the API's problems (`modules.0.assignments.1.rubric.2.scale.max`), so one map marks both.
 */
export function validateDraft(f: DraftForm, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  const text = (path: string, value: string, max: number, required: boolean) => {
    if (value.length > max) errors[path] = t('course.error.tooLong', { max });
    else if (required && value.trim() === '') errors[path] = t('course.error.required');
  };
  const number = (
    path: string,
    raw: string,
    min: number,
    max: number,
    opts: { integer?: boolean; above?: boolean } = {},
  ) => {
    const value = Number(raw);
    const ok =
      raw.trim() !== '' &&
      Number.isFinite(value) &&
      (!opts.integer || Number.isInteger(value)) &&
      (opts.above ? value > min : value >= min) &&
      value <= max;
    if (!ok) {
      errors[path] = opts.above
        ? t('course.error.numberAbove', { min, max })
        : opts.integer
          ? t('course.error.integer', { min, max })
          : t('course.error.number', { min, max });
    }
    return ok ? value : null;
  };

  text('title', f.title, L.titleLength, true);
  text('summary', f.summary, L.summaryLength, false);
  text('description', f.description, L.descriptionLength, false);
  if (canonicalLanguage(f.language) === null) errors.language = t('course.error.language');
  const topics = topicsOf(f.topics);
  if (topics.length > L.topics) errors.topics = t('course.error.topics', { max: L.topics });
  else if (topics.some((topic) => topic.length > L.topicLength))
    errors.topics = t('course.error.topicLength', { max: L.topicLength });
  if (f.modules.length > L.modules) errors.modules = t('course.error.tooMany', { max: L.modules });

  f.modules.forEach((m, i) => {
    const mp = `modules.${i}`;
    text(`${mp}.title`, m.title, L.titleLength, true);
    text(`${mp}.content`, m.content, L.moduleContentLength, false);
    if (m.assignments.length > L.assignmentsPerModule)
      errors[`${mp}.assignments`] = t('course.error.tooMany', { max: L.assignmentsPerModule });
    m.assignments.forEach((a, j) => {
      const ap = `${mp}.assignments.${j}`;
      text(`${ap}.title`, a.title, L.titleLength, true);
      text(`${ap}.instructions`, a.instructions, L.instructionsLength, true);
      if (a.rubric.length === 0) errors[`${ap}.rubric`] = t('course.error.noCriteria');
      else if (a.rubric.length > L.criteria) errors[`${ap}.rubric`] = t('course.error.tooMany', { max: L.criteria });
      a.rubric.forEach((c, k) => {
        const cp = `${ap}.rubric.${k}`;
        text(`${cp}.title`, c.title, L.titleLength, true);
        text(`${cp}.description`, c.description, L.criterionDescriptionLength, false);
        number(`${cp}.weight`, c.weight, 0, L.maxWeight, { above: true });
        if (c.kind === 'scale') {
          const min = number(`${cp}.scale.min`, c.min, -L.scoreBound, L.scoreBound);
          const max = number(`${cp}.scale.max`, c.max, -L.scoreBound, L.scoreBound);
          if (min !== null && max !== null && min >= max) errors[`${cp}.scale.max`] = t('course.error.scale');
        } else {
          if (c.levels.length === 0) errors[`${cp}.levels`] = t('course.error.noLevels');
          else if (c.levels.length > L.levels) errors[`${cp}.levels`] = t('course.error.tooMany', { max: L.levels });
          const seen = new Set<string>();
          c.levels.forEach((l, n) => {
            const lp = `${cp}.levels.${n}`;
            text(`${lp}.label`, l.label, L.levelLabelLength, true);
            const key = l.label.trim().toLocaleLowerCase('en');
            if (key && seen.has(key)) errors[`${lp}.label`] = t('course.error.sameLabel');
            seen.add(key);
            number(`${lp}.points`, l.points, -L.scoreBound, L.scoreBound);
          });
        }
      });
      const k = number(`${ap}.review.reviewsPerSubmission`, a.perSubmission, 1, L.maxReviews, { integer: true });
      const m2 = number(`${ap}.review.reviewsPerLearner`, a.perLearner, 1, L.maxReviews, { integer: true });
      if (k !== null && m2 !== null && m2 < k) errors[`${ap}.review.reviewsPerLearner`] = t('course.error.perLearner');
    });
  });
  return errors;
}
