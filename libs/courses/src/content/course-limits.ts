/**
 * Bounds on what a course may hold. The API's DTOs and the domain's own check read the same numbers, so the
 * OpenAPI document, the 400s and the rules cannot disagree. A course is read whole (a version is one jsonb
 * value), so these also bound the work of every read.
 */
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
  /** Points of a level and bounds of a scale lie within ±this. */
  scoreBound: 1_000,
  maxWeight: 100,
  maxReviews: 10,
  /** The whole course as JSON: a backstop for many fields near their own limits at once. */
  contentBytes: 2_000_000,
  searchQueryLength: 200,
  /** What an author says about a version when publishing it ("what changed"). */
  versionNotesLength: 2_000,
} as const;
