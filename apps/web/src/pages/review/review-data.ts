import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type Schemas = components['schemas'];
export type Assignment = Schemas['AssignmentViewDto'];
export type Criterion = Schemas['RubricCriterionViewDto'];
export type CohortDetail = Schemas['CohortDetailDto'];
export type MyPeerReview = Schemas['MyPeerReviewAssignmentDto'];
export type ReviewAssignment = Schemas['ReviewAssignmentDto'];
export type CalibrationReview = Schemas['CalibrationReviewDto'];
export type CriterionScoreView = Schemas['CriterionScoreViewDto'];

export { REVIEW_LIMITS } from './review-limits';

/**
 * Where an assignment's pages live: stable URLs, the ones the peer-review emails link to (peerReviewLinks in
 * libs/notifications), which mirror the API's routes.
 */
export const reviewPaths = {
  assignments: (cohortId: string) => `/cohorts/${cohortId}/assignments`,
  assignment: (cohortId: string, assignmentId: string) => `/cohorts/${cohortId}/assignments/${assignmentId}`,
  review: (cohortId: string, assignmentId: string) => `/cohorts/${cohortId}/assignments/${assignmentId}/reviews`,
  facilitate: (cohortId: string, assignmentId: string) =>
    `/cohorts/${cohortId}/assignments/${assignmentId}/review-queue`,
};

export interface CohortAssignment {
  assignment: Assignment;
  moduleTitle: string;
}

export interface CohortCourse {
  cohort: CohortDetail;
  /** The peer-reviewed assignments of the course version the cohort runs, in course order. */
  assignments: CohortAssignment[];
  facilitates: boolean;
}

/** The cohort and the assignments (instructions, rubric, review settings) of the course version it pins. */
export function useCohortCourse(cohortId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['review-cohort-course', cohortId],
    enabled,
    queryFn: async (): Promise<CohortCourse> => {
      const cohort = unwrap(await api.GET('/api/v1/cohorts/{cohortId}', { params: { path: { cohortId } } }));
      const version = unwrap(
        await api.GET('/api/v1/course-versions/{versionId}', {
          params: { path: { versionId: cohort.courseVersion.id } },
        }),
      );
      const assignments = version.modules.flatMap((m) =>
        m.assignments.map((assignment) => ({ assignment, moduleTitle: m.title })),
      );
      return { cohort, assignments, facilitates: cohort.forFacilitators !== null };
    },
  });
}

/** My own place in the cohort's peer review: due dates (mine, extensions included), counts, what to do next. */
export function useMyPeerReview(cohortId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['review-me', cohortId],
    enabled,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/cohorts/{cohortId}/me', { params: { path: { cohortId } } })).peerReview,
  });
}

export function assignmentPath(cohortId: string, assignmentId: string) {
  return { path: { cohortId, assignmentId } };
}

/** The most a criterion can score: its scale's max, or its best level's points. */
export function criterionMax(criterion: Criterion): number {
  if (criterion.scale) return criterion.scale.max;
  return Math.max(0, ...(criterion.levels ?? []).map((l) => l.points));
}

/** Rounds a score for reading (one decimal where it has one). */
export function roundScore(value: number): string {
  return String(Math.round(value * 10) / 10);
}
