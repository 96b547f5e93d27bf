import { addLocalDays, isoWeekday, zonedInstant } from '@app/core';

/** Most meetings one weekly schedule may produce (roughly four years of weekly meetings). */
export const MAX_SCHEDULE_OCCURRENCES = 200;

/** A weekly recurrence in a group's local time. Exactly one of `occurrences` and `untilDate` is set. */
export interface WeeklyRule {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** "HH:MM" (or "HH:MM:SS" as PostgreSQL returns it). */
  localStartTime: string;
  /** "YYYY-MM-DD": the first date the recurrence may fall on. */
  startDate: string;
  occurrences: number | null;
  /** "YYYY-MM-DD", inclusive. */
  untilDate: string | null;
}

/** One meeting of a recurrence: the local date and time people agreed on, and the instant it resolves to. */
export interface Occurrence {
  localDate: string;
  /** "HH:MM". */
  localTime: string;
  startsAt: Date;
}

export class TooManyOccurrencesError extends Error {
  constructor(readonly limit: number) {
    super(`A schedule may produce at most ${limit} meetings`);
  }
}

/**
 * Expands a weekly rule in `zone`. Dates step by calendar weeks, never by 7 × 24 hours, so the local time stays
 * the same across DST changes; each instant is resolved by `zonedInstant`, whose rule (RFC 5545) is: a time in
 * a spring-forward gap moves forward by the gap (02:30 on 8 March 2026 in New York is 03:30 EDT), a time that
 * occurs twice at fall-back is its first occurrence (01:30 EDT on 1 November 2026, not 01:30 EST).
 *
 * Throws TooManyOccurrencesError when an end date would produce more than `limit` meetings.
 */
export function expandWeekly(rule: WeeklyRule, zone: string, limit = MAX_SCHEDULE_OCCURRENCES): Occurrence[] {
  const localTime = rule.localStartTime.slice(0, 5);
  let date = addLocalDays(rule.startDate, (rule.weekday - isoWeekday(rule.startDate) + 7) % 7);
  const result: Occurrence[] = [];
  const more = (): boolean =>
    rule.occurrences !== null ? result.length < rule.occurrences : rule.untilDate !== null && date <= rule.untilDate;
  while (more()) {
    if (result.length >= limit) throw new TooManyOccurrencesError(limit);
    result.push({ localDate: date, localTime, startsAt: zonedInstant(date, localTime, zone) });
    date = addLocalDays(date, 7);
  }
  return result;
}
