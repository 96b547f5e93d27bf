/**
 * Wall-clock times in a named zone, for forms that take a group's local date and time: the instant they stand
 * for, so the form can show it in the facilitator's own zone before anything is sent.
 */

/** The zone's offset from UTC (ms) at an instant. */
function offsetAt(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The instant (ISO, UTC) of a local date (YYYY-MM-DD) and time (HH:MM) in a zone; null when either is malformed.
 * As the API reads it (RFC 5545): a time that occurs twice (autumn) is the first one; a time that does not occur
 * (a spring-forward gap) is read with the offset before the gap, so 02:30 becomes 03:30.
 */
export function instantOf(localDate: string, localTime: string, timeZone: string): string | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  const time = /^(\d{2}):(\d{2})$/.exec(localTime);
  if (!date || !time) return null;
  const wall = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), Number(time[1]), Number(time[2]));
  if (Number.isNaN(wall)) return null;
  try {
    // A zone changes its offset at most once within a day either side of any wall time.
    const before = wall - offsetAt(wall - DAY_MS, timeZone);
    const after = wall - offsetAt(wall + DAY_MS, timeZone);
    const valid = [before, after].filter((t) => t + offsetAt(t, timeZone) === wall);
    return new Date(valid.length > 0 ? Math.min(...valid) : before).toISOString();
  } catch {
    return null;
  }
}

const DAY_MS = 24 * 3600 * 1000;

/** Today's date (YYYY-MM-DD) in a zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The first date on or after `from` (YYYY-MM-DD) that falls on an ISO weekday (1 = Monday). */
export function firstOnWeekday(from: string, weekday: number): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from);
  if (!match) return null;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(day.getTime())) return null;
  const iso = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  day.setUTCDate(day.getUTCDate() + ((weekday - iso + 7) % 7));
  return day.toISOString().slice(0, 10);
}

/** Weekday names in a language, Monday (1) first. */
export function weekdayNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 1 January 2024 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}
