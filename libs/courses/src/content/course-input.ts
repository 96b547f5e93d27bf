import type { Anonymity, CourseLicense, RubricLevel } from '../course-content';

/** A rubric criterion as an author sends it: the id is kept when given, assigned when absent. */
export interface RubricCriterionInput {
  id?: string;
  title: string;
  description?: string;
  weight: number;
  levels?: RubricLevel[];
  scale?: { min: number; max: number };
}

export interface AssignmentInput {
  id?: string;
  title: string;
  instructions: string;
  rubric: RubricCriterionInput[];
  review: { reviewsPerSubmission: number; reviewsPerLearner: number; anonymity: Anonymity };
}

export interface CourseModuleInput {
  id?: string;
  title: string;
  content?: string;
  assignments?: AssignmentInput[];
}

/** What an author writes. Attributions are never written by hand: forking adds them. */
export interface CourseDraftInput {
  title: string;
  summary?: string;
  description?: string;
  language: string;
  topics?: string[];
  license: CourseLicense;
  modules?: CourseModuleInput[];
}

/** An edit of the draft: fields left out stay as they are; `modules`, when given, replaces the whole list. */
export type CourseDraftChanges = Partial<CourseDraftInput>;
