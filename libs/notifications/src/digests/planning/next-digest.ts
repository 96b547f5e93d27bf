import { addLocalDays, isoWeekday, localParts, zonedInstant } from '@app/core';

export type DigestFrequencySetting = 'off' | 'daily' | 'weekly';

export interface DigestPreference {
  digest: DigestFrequencySetting;
  /** Local hour, 0-23. */
  digestHour: number;
  /** ISO weekday of the weekly digest, 1 = Monday. */
  digestWeekday: number;
}

export interface PlannedDigest {
  frequency: 'daily' | 'weekly';
  /** The local date the digest belongs to: one digest per local day (or week) at most. */
  localDate: string;
  dueAt: Date;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * The next digest strictly after `after`: the first local date (any day, or the chosen weekday) whose chosen
 * hour, in the person's zone, is later than `after`. Days are stepped as local calendar days, never as 24 hours,
 * so the local hour holds across DST changes; an hour that does not exist that day (spring-forward gap) follows
 * `zonedInstant`'s RFC 5545 rule (moved forward by the gap).
 */
export function nextDigest(pref: DigestPreference, zone: string, after: Date): PlannedDigest | null {
  if (pref.digest === 'off') return null;
  const time = `${pad(pref.digestHour)}:00`;
  let date = localParts(after, zone).date;
  // The local date of `after` or the day before may still be ahead of it when the hour is late; 9 steps cover a week.
  date = addLocalDays(date, -1);
  for (let step = 0; step < 9; step++, date = addLocalDays(date, 1)) {
    if (pref.digest === 'weekly' && isoWeekday(date) !== pref.digestWeekday) continue;
    const dueAt = zonedInstant(date, time, zone);
    if (dueAt.getTime() > after.getTime()) return { frequency: pref.digest, localDate: date, dueAt };
  }
  throw new Error('unreachable: a week always holds the next digest');
}

export const digestKey = (userId: string, digest: PlannedDigest): string =>
  `digest:${digest.frequency}:${userId}:${digest.localDate}`;

/**
 * Schedule entries sorted by dedupe key. Upserting one key makes a concurrent upsert of it wait for the commit, so
 * transactions that may plan the same keys must take them in one order, or two of them can deadlock.
 */
export const inKeyOrder = <T extends { dedupeKey: string }>(entries: T[]): T[] =>
  entries.sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0));
