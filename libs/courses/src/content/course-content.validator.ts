import { randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';
import { InvalidInputError, type FieldProblem } from '@app/core';
import {
  Anonymity,
  CourseLicense,
  type Assignment,
  type Attribution,
  type CourseContent,
  type CourseModule,
  type RubricCriterion,
} from '../course-content';
import type { AssignmentInput, CourseDraftInput, CourseModuleInput, RubricCriterionInput } from './course-input';
import { COURSE_LIMITS as L } from './course-limits';

/** Topics compare as people read them: trimmed, single-spaced, lower case ("Solar  Power" is "solar power"). */
export function normalizeTopic(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/**
 * The canonical form of a BCP 47 tag ("pt-br" → "pt-BR"), or null when it is not one. The primary subtag must be
 * an ISO 639 code of 2-3 letters: BCP 47 also lets 5-8 letters through, which would accept "english".
 */
export function canonicalLanguage(raw: string): string | null {
  if (raw.length === 0 || raw.length > L.languageLength) return null;
  try {
    const [tag] = Intl.getCanonicalLocales(raw);
    return tag && tag.length <= L.languageLength && /^[a-z]{2,3}(?:-|$)/.test(tag) ? tag : null;
  } catch {
    return null;
  }
}

/** Collects every problem of one input, each with its dotted path, so one 400 names them all. */
class Problems {
  readonly list: FieldProblem[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  text(field: string, value: unknown, { min = 0, max }: { min?: number; max: number }): string {
    if (typeof value !== 'string') {
      this.add(field, `${field} must be a string`);
      return '';
    }
    if (value.length > max) this.add(field, `${field} must be at most ${max} characters`);
    else if (value.trim().length < min) this.add(field, `${field} must not be empty`);
    return value;
  }

  /** The number, or null (and a problem) when it is not one within bounds. */
  number(
    field: string,
    value: unknown,
    min: number,
    max: number,
    { integer = false, exclusiveMin = false } = {},
  ): number | null {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (!integer || Number.isInteger(value)) &&
      (exclusiveMin ? value > min : value >= min) &&
      value <= max;
    if (!ok) {
      const kind = integer ? 'an integer' : 'a number';
      const lower = exclusiveMin ? `greater than ${min}` : `at least ${min}`;
      this.add(field, `${field} must be ${kind} ${lower} and at most ${max}`);
      return null;
    }
    return value;
  }

  array<T>(field: string, value: T[] | undefined, max: number, { min = 0 } = {}): T[] {
    if (value === undefined) value = [];
    if (!Array.isArray(value)) {
      this.add(field, `${field} must be an array`);
      return [];
    }
    if (value.length > max) this.add(field, `${field} must contain at most ${max} elements`);
    else if (value.length < min) this.add(field, `${field} must contain at least ${min} element${min > 1 ? 's' : ''}`);
    return value.slice(0, max);
  }
}

/**
 * Checks an author's draft against every rule a course must meet and returns the content to store: titles
 * trimmed, topics normalized, the language canonical, and a stable uuid for every module, assignment and
 * criterion that has none (ids given are kept, so edits and versions keep pointing at the same things).
 * Throws InvalidInputError naming each bad field, e.g. `modules.3.assignments.0.rubric.1.scale`.
 */
export function buildCourseContent(
  input: CourseDraftInput,
  attributions: Attribution[],
  newId: () => string = randomUUID,
): CourseContent {
  const p = new Problems();
  const ids = new Map<string, string>();
  const stableId = (field: string, id: string | undefined): string => {
    if (id === undefined) return newId();
    if (typeof id !== 'string' || !isUUID(id)) {
      p.add(field, `${field} must be a UUID`);
      return newId();
    }
    const lower = id.toLowerCase();
    const first = ids.get(lower);
    if (first) p.add(field, `${field} repeats the id of ${first}; ids must be unique within a course`);
    else ids.set(lower, field);
    return lower;
  };

  const title = p.text('title', input.title, { min: 1, max: L.titleLength }).trim();
  const summary = p.text('summary', input.summary ?? '', { max: L.summaryLength }).trim();
  const description = p.text('description', input.description ?? '', { max: L.descriptionLength });

  let language = '';
  if (typeof input.language !== 'string' || canonicalLanguage(input.language) === null) {
    p.add('language', 'language must be a BCP 47 language tag such as "es" or "pt-BR"');
  } else {
    language = canonicalLanguage(input.language) ?? '';
  }

  const topics: string[] = [];
  p.array('topics', input.topics, L.topics).forEach((raw, i) => {
    const topic = normalizeTopic(p.text(`topics.${i}`, raw, { min: 1, max: L.topicLength }));
    if (topic && !topics.includes(topic)) topics.push(topic);
  });

  if (!Object.values(CourseLicense).includes(input.license)) {
    p.add('license', `license must be one of: ${Object.values(CourseLicense).join(', ')}`);
  }

  const modules = p
    .array('modules', input.modules, L.modules)
    .map((m, i) => buildModule(p, `modules.${i}`, m, stableId));

  const content: CourseContent = {
    title,
    summary,
    description,
    language,
    topics,
    license: input.license,
    modules,
    attributions,
  };
  if (p.list.length === 0 && Buffer.byteLength(JSON.stringify(content)) > L.contentBytes) {
    p.add('modules', `the course must be at most ${L.contentBytes} bytes as JSON; split it into several courses`);
  }
  if (p.list.length > 0) throw new InvalidInputError(p.list);
  return content;
}

type StableId = (field: string, id: string | undefined) => string;

const defaultReview = { reviewsPerSubmission: 0, reviewsPerLearner: 0, anonymity: Anonymity.DoubleBlind };

function buildModule(p: Problems, at: string, m: CourseModuleInput, stableId: StableId): CourseModule {
  if (typeof m !== 'object' || m === null) {
    p.add(at, `${at} must be an object`);
    return { id: '', title: '', content: '', assignments: [] };
  }
  return {
    id: stableId(`${at}.id`, m.id),
    title: p.text(`${at}.title`, m.title, { min: 1, max: L.titleLength }).trim(),
    content: p.text(`${at}.content`, m.content ?? '', { max: L.moduleContentLength }),
    assignments: p
      .array(`${at}.assignments`, m.assignments, L.assignmentsPerModule)
      .map((a, j) => buildAssignment(p, `${at}.assignments.${j}`, a, stableId)),
  };
}

function buildAssignment(p: Problems, at: string, a: AssignmentInput, stableId: StableId): Assignment {
  if (typeof a !== 'object' || a === null) {
    p.add(at, `${at} must be an object`);
    return { id: '', title: '', instructions: '', rubric: [], review: defaultReview };
  }
  if (typeof a.review !== 'object' || a.review === null) p.add(`${at}.review`, `${at}.review must be an object`);
  const review = a.review ?? defaultReview;
  const perSubmission = p.number(`${at}.review.reviewsPerSubmission`, review.reviewsPerSubmission, 1, L.maxReviews, {
    integer: true,
  });
  const perLearner = p.number(`${at}.review.reviewsPerLearner`, review.reviewsPerLearner, 1, L.maxReviews, {
    integer: true,
  });
  // When everyone submits, N learners give N × perLearner reviews and need N × perSubmission: fewer cannot cover.
  if (perLearner !== null && perSubmission !== null && perLearner < perSubmission) {
    p.add(
      `${at}.review.reviewsPerLearner`,
      `${at}.review.reviewsPerLearner must be at least reviewsPerSubmission, or some submissions cannot get enough reviews`,
    );
  }
  if (!Object.values(Anonymity).includes(review.anonymity)) {
    p.add(`${at}.review.anonymity`, `${at}.review.anonymity must be one of: ${Object.values(Anonymity).join(', ')}`);
  }
  return {
    id: stableId(`${at}.id`, a.id),
    title: p.text(`${at}.title`, a.title, { min: 1, max: L.titleLength }).trim(),
    instructions: p.text(`${at}.instructions`, a.instructions, { min: 1, max: L.instructionsLength }),
    rubric: p
      .array(`${at}.rubric`, a.rubric, L.criteria, { min: 1 })
      .map((c, k) => buildCriterion(p, `${at}.rubric.${k}`, c, stableId)),
    review: {
      reviewsPerSubmission: perSubmission ?? 0,
      reviewsPerLearner: perLearner ?? 0,
      anonymity: review.anonymity,
    },
  };
}

function buildCriterion(p: Problems, at: string, c: RubricCriterionInput, stableId: StableId): RubricCriterion {
  if (typeof c !== 'object' || c === null) {
    p.add(at, `${at} must be an object`);
    return { id: '', title: '', weight: 0 };
  }
  const criterion: RubricCriterion = {
    id: stableId(`${at}.id`, c.id),
    title: p.text(`${at}.title`, c.title, { min: 1, max: L.titleLength }).trim(),
    weight: p.number(`${at}.weight`, c.weight, 0, L.maxWeight, { exclusiveMin: true }) ?? 0,
  };
  if (c.description !== undefined) {
    criterion.description = p.text(`${at}.description`, c.description, { max: L.criterionDescriptionLength });
  }

  const hasLevels = c.levels !== undefined && c.levels !== null;
  const hasScale = c.scale !== undefined && c.scale !== null;
  if (hasLevels && hasScale) {
    p.add(`${at}.scale`, `${at} must have either levels or a scale, not both`);
  } else if (!hasLevels && !hasScale) {
    p.add(at, `${at} must have either levels (named, with points) or a scale (min and max)`);
  } else if (hasLevels) {
    const seen = new Map<string, number>();
    criterion.levels = p.array(`${at}.levels`, c.levels, L.levels, { min: 1 }).map((level, n) => {
      const field = `${at}.levels.${n}`;
      const label = p.text(`${field}.label`, level?.label, { min: 1, max: L.levelLabelLength }).trim();
      const key = label.toLocaleLowerCase('en');
      const first = seen.get(key);
      if (label && first !== undefined) {
        p.add(`${field}.label`, `${field}.label repeats the label of level ${first}; labels must be unique`);
      } else seen.set(key, n);
      return { label, points: p.number(`${field}.points`, level?.points, -L.scoreBound, L.scoreBound) ?? 0 };
    });
  } else if (c.scale) {
    const min = p.number(`${at}.scale.min`, c.scale.min, -L.scoreBound, L.scoreBound);
    const max = p.number(`${at}.scale.max`, c.scale.max, -L.scoreBound, L.scoreBound);
    if (min !== null && max !== null && min >= max)
      p.add(`${at}.scale.max`, `${at}.scale.max must be greater than scale.min`);
    criterion.scale = { min: min ?? 0, max: max ?? 0 };
  }
  return criterion;
}
