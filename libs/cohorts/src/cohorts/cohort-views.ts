import { zonedTimeView, type ZonedTimeView } from '@app/core';
import type { CohortRole, EnrollmentStatus } from './cohort-member.entity';
import type { DeadlineMode, EnrollmentMode } from './cohort.entity';

/** An instant as a person sees it: UTC, in their own zone, and in the cohort's zone. */
export interface CohortInstant {
  utc: string;
  viewer: ZonedTimeView;
  cohort: ZonedTimeView;
}

export function cohortInstant(instant: Date, viewerZone: string, cohortZone: string, locale: string): CohortInstant {
  return {
    utc: instant.toISOString(),
    viewer: zonedTimeView(instant, viewerZone, locale),
    cohort: zonedTimeView(instant, cohortZone, locale),
  };
}

/** A module on the cohort's public calendar: dates read in the cohort's zone. */
export interface CalendarEntry {
  moduleId: string;
  position: number;
  title: string;
  releaseOffsetDays: number;
  dueOffsetDays: number;
  releaseDate: string;
  dueDate: string;
  releasesAt: CohortInstant;
  dueAt: CohortInstant;
}

export interface CohortMembershipView {
  role: CohortRole;
  status: EnrollmentStatus;
  completedAt: CohortInstant | null;
}

export interface CohortForFacilitators {
  inviteCode: string;
  inviteLink: string;
  completionModulePercent: number;
  completionAttendancePercent: number;
}

export interface CohortDetail {
  id: string;
  title: string;
  description: string;
  courseVersion: { id: string; title: string; number: number };
  startDate: string;
  timeZone: string;
  enrollmentMode: EnrollmentMode;
  deadlineMode: DeadlineMode;
  capacity: number;
  enrolledCount: number;
  seatsLeft: number;
  facilitators: { userId: string; displayName: string }[];
  modules: CalendarEntry[];
  /** The viewer's own place, if any. */
  membership: CohortMembershipView | null;
  forFacilitators: CohortForFacilitators | null;
}
