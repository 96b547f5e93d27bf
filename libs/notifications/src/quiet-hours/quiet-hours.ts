import { addLocalDays, localParts, zonedInstant } from '@app/core';

/** A person's quiet hours, as minutes after their local midnight; the window may wrap midnight (22:00-07:00). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

/** From the preference columns (both set or both null, by a check constraint). */
export const quietHoursOf = (startMinute: number | null, endMinute: number | null): QuietHours | null =>
  startMinute === null || endMinute === null ? null : { startMinute, endMinute };

const MINUTE_MS = 60_000;
/** Longest DST gap searched across for the minute before quiet hours began (real gaps are 30 or 60 minutes). */
const MAX_GAP_MINUTES = 180;

const pad = (n: number): string => String(n).padStart(2, '0');
const clockTime = (minute: number): string => `${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
const active = (quiet: QuietHours | null): quiet is QuietHours => !!quiet && quiet.startMinute !== quiet.endMinute;

/** The local date and minute of day of `instant`, and whether that minute is inside the window. */
function localMinute(instant: Date, zone: string, quiet: QuietHours) {
  const local = localParts(instant, zone);
  const [h, m] = local.time.split(':').map(Number) as [number, number];
  const minute = h * 60 + m;
  const wraps = quiet.startMinute > quiet.endMinute;
  const inside = wraps
    ? minute >= quiet.startMinute || minute < quiet.endMinute
    : minute >= quiet.startMinute && minute < quiet.endMinute;
  return { date: local.date, minute, wraps, inside };
}

/** Whether `instant` falls inside the person's quiet hours, by their local wall clock. */
export function isQuiet(instant: Date, zone: string, quiet: QuietHours | null): boolean {
  return active(quiet) && localMinute(instant, zone, quiet).inside;
}

/**
 * When non-urgent mail due at `instant` may go: the instant itself outside the person's quiet hours, else the
 * local time their quiet hours end (the same or the next local day), resolved in their zone.
 */
export function nextAllowedInstant(instant: Date, zone: string, quiet: QuietHours | null): Date {
  if (!active(quiet)) return instant;
  const { date, minute, wraps, inside } = localMinute(instant, zone, quiet);
  if (!inside) return instant;
  const endDate = wraps && minute >= quiet.startMinute ? addLocalDays(date, 1) : date;
  const end = zonedInstant(endDate, clockTime(quiet.endMinute), zone);
  return end.getTime() > instant.getTime() ? end : instant;
}

/**
 * The last allowed minute before the quiet hours that `instant` is in began (21:59 for 22:00-07:00), or null
 * when `instant` is not in quiet hours. On a night when a DST gap swallows the start time, that is the minute
 * before the clocks jumped; null if no allowed minute is found within MAX_GAP_MINUTES.
 */
export function lastAllowedBefore(instant: Date, zone: string, quiet: QuietHours | null): Date | null {
  if (!active(quiet)) return null;
  const { date, minute, wraps, inside } = localMinute(instant, zone, quiet);
  if (!inside) return null;
  const startDate = wraps && minute < quiet.endMinute ? addLocalDays(date, -1) : date;
  const began = zonedInstant(startDate, clockTime(quiet.startMinute), zone).getTime();
  // In a gap the start time resolves forward (possibly past `instant`): walk back to the last minute outside.
  let candidate = Math.min(began, instant.getTime()) - MINUTE_MS;
  for (let step = 0; step < MAX_GAP_MINUTES; step++, candidate -= MINUTE_MS) {
    if (!isQuiet(new Date(candidate), zone, quiet)) return new Date(candidate);
  }
  return null;
}
