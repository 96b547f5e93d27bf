import { LOCAL_TIME_PATTERN, minutesOfDay, type FieldProblem } from '@app/core';
import type { AvailabilityWindow } from '@app/identity';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** Seven days of four windows each is more than anyone states; the bound keeps one search cheap. */
export const MAX_WEEKLY_HOURS_WINDOWS = 28;

/**
 * Weekly available hours as a query parameter, readable in a URL: comma-separated `day:HH:MM-HH:MM` windows,
 * local wall-clock times in the searcher's zone, e.g. `mon:08:00-12:00,wed:18:00-24:00` (24:00 ends the day).
 * Returns the windows, or the problem naming `field`.
 */
export function parseWeeklyHours(text: string, field: string): AvailabilityWindow[] | FieldProblem {
  const problem = (message: string): FieldProblem => ({ field, message });
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length > MAX_WEEKLY_HOURS_WINDOWS) {
    return problem(`${field} takes at most ${MAX_WEEKLY_HOURS_WINDOWS} windows`);
  }
  const windows: AvailabilityWindow[] = [];
  for (const part of parts) {
    const match = /^([a-z]{3}):(\d{2}:\d{2})-(\d{2}:\d{2})$/i.exec(part);
    const weekday = match ? WEEKDAYS.indexOf(match[1]!.toLowerCase() as (typeof WEEKDAYS)[number]) + 1 : 0;
    const [start, end] = [match?.[2] ?? '', match?.[3] ?? ''];
    if (weekday === 0 || !LOCAL_TIME_PATTERN.test(start) || !LOCAL_TIME_PATTERN.test(end) || start === '24:00') {
      return problem(`${field} must be windows such as "mon:08:00-12:00,wed:18:00-21:30" (days mon to sun)`);
    }
    if (minutesOfDay(end) <= minutesOfDay(start)) {
      return problem(`${field}: "${part}" must end after it starts (use 24:00 for the end of the day)`);
    }
    windows.push({ weekday, start, end });
  }
  return windows;
}
