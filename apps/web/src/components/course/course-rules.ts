import { zoneLabel } from '../../time/zones';
import type { components } from '../../api/schema';

export type CourseLicense = components['schemas']['CourseVersionDto']['license'];
export type Anonymity = components['schemas']['ReviewSettingsViewDto']['anonymity'];
export type CourseVersion = components['schemas']['CourseVersionDto'];
export type CourseDraft = components['schemas']['CourseDraftDto'];
export type CourseModuleView = components['schemas']['CourseModuleViewDto'];
export type AssignmentView = components['schemas']['AssignmentViewDto'];
export type CriterionView = components['schemas']['RubricCriterionViewDto'];

export const LICENSES: readonly CourseLicense[] = [
  'CC0-1.0',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'CC-BY-NC-4.0',
  'CC-BY-NC-SA-4.0',
  'CC-BY-ND-4.0',
  'CC-BY-NC-ND-4.0',
  'all-rights-reserved',
];

export const ANONYMITIES: readonly Anonymity[] = ['double-blind', 'single-blind', 'open'];

/**
 * Which license a fork may carry, by the license of the version forked: the same chart as the courses domain
 * (libs/courses/src/licensing/license-rules.ts, Creative Commons' adapter's chart), shown before a fork is asked for.
 * test/web/course-rules.spec.ts fails when the two disagree.
 */
export const FORK_LICENSES: { readonly [L in CourseLicense]: readonly CourseLicense[] } = {
  'CC0-1.0': LICENSES,
  'CC-BY-4.0': [
    'CC-BY-4.0',
    'CC-BY-SA-4.0',
    'CC-BY-NC-4.0',
    'CC-BY-NC-SA-4.0',
    'CC-BY-ND-4.0',
    'CC-BY-NC-ND-4.0',
    'all-rights-reserved',
  ],
  'CC-BY-NC-4.0': ['CC-BY-NC-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-NC-ND-4.0'],
  'CC-BY-SA-4.0': ['CC-BY-SA-4.0'],
  'CC-BY-NC-SA-4.0': ['CC-BY-NC-SA-4.0'],
  'CC-BY-ND-4.0': [],
  'CC-BY-NC-ND-4.0': [],
  'all-rights-reserved': [],
};

/** The courses domain's limits (COURSE_LIMITS), checked in the editor first; test/web/course-rules.spec.ts compares. */
export const COURSE_LIMITS = {
  titleLength: 200,
  summaryLength: 500,
  descriptionLength: 20_000,
  languageLength: 35,
  topics: 10,
  topicLength: 50,
  modules: 100,
  moduleContentLength: 50_000,
  assignmentsPerModule: 20,
  instructionsLength: 20_000,
  criteria: 20,
  criterionDescriptionLength: 2_000,
  levels: 10,
  levelLabelLength: 100,
  scoreBound: 1_000,
  maxWeight: 100,
  maxReviews: 10,
  searchQueryLength: 200,
  versionNotesLength: 2_000,
} as const;

/** Languages offered in the course pickers; the API takes any BCP 47 tag, so a course's own is added when missing. */
export const COURSE_LANGUAGES = ['en', 'es', 'fr', 'pt', 'de', 'sw', 'rw', 'qu', 'ar', 'hi'] as const;

/** The same reading of a BCP 47 tag as the API's (canonical, 2-3 letter primary subtag), or null. */
export function canonicalLanguage(raw: string): string | null {
  if (raw.length === 0 || raw.length > COURSE_LIMITS.languageLength) return null;
  try {
    const [tag] = Intl.getCanonicalLocales(raw);
    return tag && /^[a-z]{2,3}(?:-|$)/.test(tag) ? tag : null;
  } catch {
    return null;
  }
}

/** Topics as the API stores them: trimmed, single-spaced, lower case, without repeats. */
export function topicsOf(text: string): string[] {
  const topics = text
    .split(',')
    .map((t) => t.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en'))
    .filter((t) => t !== '');
  return [...new Set(topics)];
}

/**
 * A random v4 UUID. The editor names every new module, assignment and criterion itself (the API keeps ids it is
 * given), so saving twice never renames them. getRandomValues, not randomUUID: the latter needs a secure context.
 */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A published date with its year and time, in the viewer's zone, with the zone's label (as time/zones.ts writes
 * instants). Its own format because a version may be years old: formatInstant leaves the year out.
 */
export function formatPublished(utc: string, timeZone: string, locale: string): string {
  const when = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(utc),
  );
  return `${when} ${zoneLabel(utc, timeZone, locale)}`;
}
