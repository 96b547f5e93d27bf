import type {
  Assignment,
  Attribution,
  CourseContent,
  CourseLicense,
  CourseModule,
  RubricCriterion,
  ReviewSettings,
} from '../course-content';
import { renderMarkdown } from '../rendering/markdown';

export interface AssignmentView extends Assignment {
  /** `instructions` rendered and sanitized. */
  instructionsHtml: string;
}

export interface CourseModuleView extends Omit<CourseModule, 'assignments'> {
  /** `content` rendered and sanitized. */
  contentHtml: string;
  assignments: AssignmentView[];
}

/** A course's content as read: the Markdown as written plus its sanitized HTML. */
export interface CourseContentView extends Omit<CourseContent, 'modules'> {
  descriptionHtml: string;
  modules: CourseModuleView[];
}

/** A published version, named enough to link to it. */
export interface VersionRef {
  versionId: string;
  courseId: string;
  number: number;
  title: string;
}

/** The author's working copy. */
export interface CourseDraftView extends CourseContentView {
  id: string;
  authorId: string;
  authorName: string;
  /** The version this course was forked from; null for an original work. */
  forkedFrom: VersionRef | null;
  latestVersion: { id: string; number: number; publishedAt: Date } | null;
  /** False when the draft is exactly the latest published version. */
  hasUnpublishedChanges: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A published, immutable version. */
export interface CourseVersionView extends CourseContentView {
  id: string;
  courseId: string;
  number: number;
  publishedAt: Date;
  authorId: string;
  authorName: string;
  forkedFrom: VersionRef | null;
  /** Number of the course's newest version: greater than `number` when this one is superseded. */
  latestVersionNumber: number;
  /** The author's notes on this version, plain text ('' when none). */
  notes: string;
}

/** One published course in a search or browse result: its newest version. */
export interface CourseSummary {
  courseId: string;
  versionId: string;
  number: number;
  title: string;
  summary: string;
  language: string;
  topics: string[];
  license: CourseLicense;
  authorId: string;
  authorName: string;
  publishedAt: Date;
  forkedFromVersionId: string | null;
}

export interface VersionSummary {
  id: string;
  number: number;
  title: string;
  license: CourseLicense;
  publishedAt: Date;
  notes: string;
}

/** A course in its author's own list, published or not. */
export interface OwnCourseSummary {
  id: string;
  title: string;
  language: string;
  license: CourseLicense;
  latestVersion: { id: string; number: number } | null;
  forkedFromVersionId: string | null;
  hasUnpublishedChanges: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A version this course descends from. */
export interface AncestorView {
  /** 1 for the version this course was forked from, 2 for the one that course was forked from, ... */
  depth: number;
  versionId: string;
  versionNumber: number;
  courseId: string;
  title: string;
  license: CourseLicense;
  authorName: string;
  publishedAt: Date;
}

/** A published course forked directly from one of this course's versions. */
export interface ForkView {
  courseId: string;
  title: string;
  license: CourseLicense;
  authorName: string;
  latestVersionId: string;
  latestVersionNumber: number;
  forkedFromVersionId: string;
  forkedFromVersionNumber: number;
  /** Published courses descending from this fork, at any depth (its forks, their forks, ...). */
  descendants: number;
}

export interface LineageView {
  courseId: string;
  /** Nearest first. */
  ancestors: AncestorView[];
  /** Direct published forks, most descendants first, at most LINEAGE_FORKS_SHOWN of them. */
  forks: ForkView[];
  /** All direct published forks, also those beyond the list. */
  forkCount: number;
}

export const LINEAGE_FORKS_SHOWN = 100;

export function toContentView(content: CourseContent): CourseContentView {
  return {
    title: content.title,
    summary: content.summary,
    description: content.description,
    descriptionHtml: renderMarkdown(content.description),
    language: content.language,
    topics: content.topics,
    license: content.license,
    modules: content.modules.map((m) => ({
      id: m.id,
      title: m.title,
      content: m.content,
      contentHtml: renderMarkdown(m.content),
      assignments: m.assignments.map((a) => ({
        id: a.id,
        title: a.title,
        instructions: a.instructions,
        instructionsHtml: renderMarkdown(a.instructions),
        rubric: a.rubric.map(copyCriterion),
        review: copyReview(a.review),
      })),
    })),
    attributions: content.attributions.map((a): Attribution => ({ ...a })),
  };
}

function copyCriterion(c: RubricCriterion): RubricCriterion {
  return {
    id: c.id,
    title: c.title,
    ...(c.description !== undefined ? { description: c.description } : {}),
    weight: c.weight,
    ...(c.levels ? { levels: c.levels.map((l) => ({ label: l.label, points: l.points })) } : {}),
    ...(c.scale ? { scale: { min: c.scale.min, max: c.scale.max } } : {}),
  };
}

const copyReview = (r: ReviewSettings): ReviewSettings => ({
  reviewsPerSubmission: r.reviewsPerSubmission,
  reviewsPerLearner: r.reviewsPerLearner,
  anonymity: r.anonymity,
});
