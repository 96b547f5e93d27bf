import { addLocalDays, localParts, minutesOfDay, zonedInstant } from '@app/core';
import type { AvailabilityWindow } from '@app/identity';

export const MINUTES_PER_DAY = 24 * 60;
/** The upper bound of a week slot: minutes 0 (Monday 00:00 UTC) to 10079 (Sunday 23:59 UTC). */
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

/** Half-open [start, end) in UTC minutes of the week, 0 <= start < end <= 10080. */
export type WeekSpan = readonly [start: number, end: number];

/** The UTC minute of the week of an instant (Monday 00:00 UTC = 0). */
export function utcMinuteOfWeek(instant: Date): number {
  const utc = localParts(instant, 'UTC');
  return (utc.weekday - 1) * MINUTES_PER_DAY + minutesOfDay(utc.time);
}

/**
 * A person's weekly availability (local wall-clock windows in their zone) as the UTC minutes of the week it
 * covers, for the local week that contains `now`: the same shape as `study_groups.meeting_slots`.
 *
 * Each window is resolved to two instants on its own local date with the zone's rules of that week (so a
 * window on the day a DST change happens gets that day's offsets; a start in a spring-forward gap moves forward,
 * as in `zonedInstant`). A window that crosses the end of the UTC week (Sunday 24:00 UTC) is split in two,
 * wrapping to Monday 00:00 UTC. The result is sorted, with overlapping and touching spans merged.
 */
export function availabilityToWeekSpans(windows: readonly AvailabilityWindow[], zone: string, now: Date): WeekSpan[] {
  const today = localParts(now, zone);
  const monday = addLocalDays(today.date, 1 - today.weekday);
  const spans: WeekSpan[] = [];
  for (const window of windows) {
    const date = addLocalDays(monday, window.weekday - 1);
    const from = zonedInstant(date, window.start, zone);
    // "24:00" is the next local day's midnight, which is not always 24 hours after this one's.
    const to =
      window.end === '24:00'
        ? zonedInstant(addLocalDays(date, 1), '00:00', zone)
        : zonedInstant(date, window.end, zone);
    const minutes = Math.round((to.getTime() - from.getTime()) / 60_000);
    if (minutes <= 0) continue; // a window wholly inside a spring-forward gap covers no instant
    spans.push(...wrapAroundWeek(utcMinuteOfWeek(from), minutes));
  }
  return mergeSpans(spans);
}

/**
 * availabilityToWeekSpans, remembered: a person's week is the same for every search they make that day, and
 * computing it costs ~0.5 ms (Temporal polyfill). Keyed by zone, the local date and the windows themselves, so
 * a changed profile or a new day is a new entry; the least recently used entries go first. The local date comes
 * from a kept Intl formatter (a few µs; Temporal would cost more than the lookup saves).
 */
export class WeekSpansCache {
  private readonly entries = new Map<string, WeekSpan[]>();
  private readonly dateFormats = new Map<string, Intl.DateTimeFormat>();

  constructor(private readonly capacity = 10_000) {}

  spansFor(windows: readonly AvailabilityWindow[], zone: string, now: Date): WeekSpan[] {
    const key = `${zone} ${this.localDate(now, zone)} ${JSON.stringify(windows)}`;
    let spans = this.entries.get(key);
    if (spans) {
      this.entries.delete(key);
    } else {
      spans = availabilityToWeekSpans(windows, zone, now);
      if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    }
    this.entries.set(key, spans);
    return spans;
  }

  private localDate(instant: Date, zone: string): string {
    let format = this.dateFormats.get(zone);
    if (!format) {
      if (this.dateFormats.size >= this.capacity) this.dateFormats.clear();
      format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      this.dateFormats.set(zone, format);
    }
    const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day}`;
  }
}

/** A span of `minutes` from `start`, split at the end of the week. Spans are at most a week long. */
export function wrapAroundWeek(start: number, minutes: number): WeekSpan[] {
  const length = Math.min(minutes, MINUTES_PER_WEEK);
  const end = start + length;
  if (end <= MINUTES_PER_WEEK) return [[start, end]];
  return [
    [start, MINUTES_PER_WEEK],
    [0, end - MINUTES_PER_WEEK],
  ];
}

/** Sorted, disjoint, with touching spans joined: the canonical form PostgreSQL gives a multirange. */
export function mergeSpans(spans: readonly WeekSpan[]): WeekSpan[] {
  const sorted = [...spans].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** An int4multirange literal, e.g. `{[2760,2880),[9900,10020)}`; `{}` when empty. */
export function toMultirangeLiteral(spans: readonly WeekSpan[]): string {
  return `{${spans.map(([s, e]) => `[${s},${e})`).join(',')}}`;
}
