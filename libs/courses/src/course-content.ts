/** Licenses a course may carry. ND licenses forbid derivatives, so ND and all-rights-reserved cannot be forked. */
export enum CourseLicense {
  CC0 = 'CC0-1.0',
  CcBy = 'CC-BY-4.0',
  CcBySa = 'CC-BY-SA-4.0',
  CcByNc = 'CC-BY-NC-4.0',
  CcByNcSa = 'CC-BY-NC-SA-4.0',
  CcByNd = 'CC-BY-ND-4.0',
  CcByNcNd = 'CC-BY-NC-ND-4.0',
  AllRightsReserved = 'all-rights-reserved',
}

export enum Anonymity {
  DoubleBlind = 'double-blind',
  SingleBlind = 'single-blind',
  Open = 'open',
}

export interface RubricLevel {
  label: string;
  points: number;
}

/** One criterion: either named levels with points, or a numeric scale with bounds. */
export interface RubricCriterion {
  id: string;
  title: string;
  description?: string;
  /** Relative weight in the total (e.g. 1, 2, 0.5). */
  weight: number;
  levels?: RubricLevel[];
  scale?: { min: number; max: number };
}

export interface ReviewSettings {
  /** Reviews each submission needs. */
  reviewsPerSubmission: number;
  /** Reviews each learner must give. */
  reviewsPerLearner: number;
  anonymity: Anonymity;
}

export interface Assignment {
  /** Stable across versions: submissions and cohorts point at it. */
  id: string;
  title: string;
  instructions: string;
  rubric: RubricCriterion[];
  review: ReviewSettings;
}

export interface CourseModule {
  /** Stable across versions: cohorts schedule modules by this id. */
  id: string;
  title: string;
  /** Markdown, sanitized when rendered. */
  content: string;
  assignments: Assignment[];
}

/** Who made what a course is built on; a fork adds its author and keeps the rest. */
export interface Attribution {
  courseId: string;
  versionId: string;
  title: string;
  authorName: string;
  license: CourseLicense;
}

/** Everything a course says. A draft holds one; a published version freezes one. */
export interface CourseContent {
  title: string;
  summary: string;
  /** Markdown, sanitized when rendered. */
  description: string;
  /** BCP 47 language tag, e.g. "es" or "pt-BR". */
  language: string;
  topics: string[];
  license: CourseLicense;
  modules: CourseModule[];
  /** Works this course derives from, nearest first. */
  attributions: Attribution[];
}
