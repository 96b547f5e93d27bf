import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';

export type CohortDetail = components['schemas']['CohortDetailDto'];
export type MyProgress = components['schemas']['MyCohortProgressDto'];
export type LearnerProgress = components['schemas']['LearnerProgressDto'];
export type ModuleProgress = components['schemas']['ModuleProgressDto'];

/** The API's limits (CreateCohortDto, NewThreadDto, NewAnnouncementDto, ExtensionDto), checked in forms first. */
export const COHORT_TITLE_MAX = 120;
export const COHORT_DESCRIPTION_MAX = 5000;
export const COHORT_CAPACITY_MAX = 100_000;
export const POST_TITLE_MAX = 200;
export const POST_BODY_MAX = 20_000;
export const EXTRA_DAYS_MAX = 365;
export const GROUP_SIZE_MIN = 1;
export const GROUP_SIZE_MAX = 50;

export const cohortKey = (cohortId: string) => ['cohort', cohortId] as const;
export const myProgressKey = (cohortId: string) => ['cohort-me', cohortId] as const;

export function useCohort(cohortId: string, enabled: boolean) {
  return useQuery({
    queryKey: cohortKey(cohortId),
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/cohorts/{cohortId}', { params: { path: { cohortId } } })),
  });
}

/** The course version a cohort runs: its modules' content as the API's sanitized HTML. */
export function useCourseVersion(versionId: string | undefined) {
  return useQuery({
    queryKey: ['course-version', versionId],
    enabled: versionId !== undefined,
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/course-versions/{versionId}', { params: { path: { versionId: versionId ?? '' } } }),
      ),
  });
}
