import { addLocalDays, isoWeekday, zonedInstant } from '@app/core';
import type { WeekSpan } from '@app/groups';

const MINUTES_PER_DAY = 24 * 60;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const WEEKDAY_NUMBER: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/**
 * A weekly window as people read it: from a weekday and time to a weekday and time, in one zone. The end is an
 * instant's wall-clock time, so a window up to midnight ends at "00:00" on the next weekday.
 */
export interface WeeklyWindow {
  /** ISO weekday of the start, 1 = Monday. */
  weekday: number;
  /** "HH:MM" */
  start: string;
  endWeekday: number;
  end: string;
  minutes: number;
}

/**
 * Spans of the UTC week with the week's end joined to its start: a window from Sunday 23:00 to Monday 01:00 UTC
 * is one window of two hours, not two pieces. A joined span ends past MINUTES_PER_WEEK.
 */
export function joinAcrossWeekEnd(spans: readonly WeekSpan[]): WeekSpan[] {
  const first = spans[0];
  const last = spans[spans.length - 1];
  if (spans.length < 2 || !first || !last || first[0] !== 0 || last[1] !== MINUTES_PER_WEEK) return [...spans];
  return [...spans.slice(1, -1), [last[0], MINUTES_PER_WEEK + first[1]]];
}

const pad = (n: number): string => String(n).padStart(2, '0');

function utcPoint(minuteOfWeek: number): { weekday: number; time: string } {
  const m = ((minuteOfWeek % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
  const ofDay = m % MINUTES_PER_DAY;
  return { weekday: Math.floor(m / MINUTES_PER_DAY) + 1, time: `${pad(Math.floor(ofDay / 60))}:${pad(ofDay % 60)}` };
}

/** Spans of the UTC week (Monday 00:00 UTC = 0) as UTC windows. */
export function utcWindows(spans: readonly WeekSpan[]): WeeklyWindow[] {
  return spans.map(([s, e]) => {
    const from = utcPoint(s);
    const to = utcPoint(e);
    return { weekday: from.weekday, start: from.time, endWeekday: to.weekday, end: to.time, minutes: e - s };
  });
}

/**
 * Reads UTC spans in people's own zones, for the week containing `weekOf` (the week the spans were computed
 * for, so each zone's offset of that week applies, DST included). Intl formatters are kept per zone: a cohort's
 * overview converts thousands of instants, and Temporal would cost ~10x more per instant.
 */
export class LocalWeekReader {
  private readonly monday: number;
  private readonly formats = new Map<string, Intl.DateTimeFormat>();

  constructor(weekOf: string) {
    this.monday = zonedInstant(addLocalDays(weekOf, 1 - isoWeekday(weekOf)), '00:00', 'UTC').getTime();
  }

  windows(spans: readonly WeekSpan[], zone: string): WeeklyWindow[] {
    return spans
      .map((span) => this.window(span, zone))
      .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  }

  window([s, e]: WeekSpan, zone: string): WeeklyWindow {
    const from = this.point(s, zone);
    const to = this.point(e, zone);
    return { weekday: from.weekday, start: from.time, endWeekday: to.weekday, end: to.time, minutes: e - s };
  }

  private point(minuteOfWeek: number, zone: string): { weekday: number; time: string } {
    let format = this.formats.get(zone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      this.formats.set(zone, format);
    }
    const parts = format.formatToParts(new Date(this.monday + minuteOfWeek * 60_000));
    const part = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
    return { weekday: WEEKDAY_NUMBER[part('weekday')] ?? 0, time: `${part('hour')}:${part('minute')}` };
  }
}
