import { Temporal } from '@js-temporal/polyfill';
import { keptDateTimeFormat, keptResults } from '@app/core';

/** Items shown per list before "and N more" (posts across threads, announcements, members...). */
export const SHOWN_PER_SECTION = 20;

/** Posts shown per discussion thread; the rest of the thread is "and N more". */
export const SHOWN_PER_THREAD = 5;

/** Characters of a post or announcement shown in the digest. */
export const EXCERPT_LENGTH = 200;

export interface Capped<T> {
  items: T[];
  /** How many were left out. */
  more: number;
}

/** The first `limit` items, and how many more there were (`total` when the query already cut the list). */
export function capped<T>(items: readonly T[], total = items.length, limit = SHOWN_PER_SECTION): Capped<T> {
  const shown = items.slice(0, limit);
  return { items: shown, more: Math.max(0, total - shown.length) };
}

/** Markdown source to a short plain-text excerpt: no markup, one line, at most `length` characters. */
export function excerpt(markdown: string, length = EXCERPT_LENGTH): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, ' ')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_`~|]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (plain.length <= length) return plain;
  // Cut at a word boundary when there is one not too far back, so no word is split.
  const cut = plain.slice(0, length - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Labels kept: the digests of one hour share their instant, and readers their zones and languages. */
const shortDates = keptResults<string>(10_000);

/**
 * "Tue 3 Mar" for a subject line, in the reader's language and zone (the day they read it on): weekday, day and
 * month, whatever order and punctuation the locale's long formats would add.
 */
export function shortDate(instant: Date, timeZone: string, locale: string): string {
  return shortDates(`${instant.getTime()}\u0000${timeZone}\u0000${locale}`, () => {
    const parts = keptDateTimeFormat('digest-short-date', locale, timeZone, () => ({
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    })).formatToParts(instant);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
    return [part('weekday'), part('day'), part('month')].filter(Boolean).join(' ');
  });
}

/** Time left until a deadline, as people count it: hours under two days, then whole days. */
export type TimeLeft = { hours: number; days?: undefined } | { days: number; hours?: undefined };

export function timeLeft(from: Date, to: Date): TimeLeft {
  const hours = Math.floor((to.getTime() - from.getTime()) / 3_600_000);
  return hours < 48 ? { hours: Math.max(1, hours) } : { days: Math.floor(hours / 24) };
}

/**
 * How far ahead a digest looks from its due instant: meetings in the next 24 h (daily) or 7 days (weekly),
 * modules due in the next 48 h or 8 days. Days are local calendar days in the reader's zone (a week across a
 * DST change is not 168 hours).
 */
export function lookaheadEnd(
  recipient: { until: Date; timeZone: string; frequency: 'daily' | 'weekly' },
  what: 'meetings' | 'due',
): Date {
  // Hours are exact durations: no zone needed (and this runs for every reader of a batch).
  if (recipient.frequency === 'daily') {
    return new Date(recipient.until.getTime() + (what === 'meetings' ? 24 : 48) * 3_600_000);
  }
  const start = Temporal.Instant.fromEpochMilliseconds(recipient.until.getTime()).toZonedDateTimeISO(
    recipient.timeZone,
  );
  return new Date(start.add({ days: what === 'meetings' ? 7 : 8 }).epochMilliseconds);
}
