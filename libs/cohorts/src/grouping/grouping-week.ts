import { localParts } from '@app/core';

/**
 * The week whose zone offsets (DST included) turn local availability into UTC hours: the cohort's first week
 * until it starts, then the current week, so an explanation shows the hours members can meet now.
 */
export function groupingWeekOf(cohort: { startDate: string; timeZone: string }, now: Date): string {
  const today = localParts(now, cohort.timeZone).date;
  return today > cohort.startDate ? today : cohort.startDate;
}
