import { addLocalDays, localParts, zonedInstant } from '@app/core';

/** A person's quiet hours, as minutes after their local midnight; the window may wrap midnight (22:00-07:00). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * When non-urgent mail due at `instant` may go: the instant itself outside the person's quiet hours, else the
 * local time their quiet hours end (the same or the next local day), resolved in their zone.
 */
export function nextAllowedInstant(instant: Date, zone: string, quiet: QuietHours | null): Date {
  if (!quiet || quiet.startMinute === quiet.endMinute) return instant;
  const local = localParts(instant, zone);
  const [h, m] = local.time.split(':').map(Number) as [number, number];
  const minute = h * 60 + m;
  const wraps = quiet.startMinute > quiet.endMinute;
  const inside = wraps
    ? minute >= quiet.startMinute || minute < quiet.endMinute
    : minute >= quiet.startMinute && minute < quiet.endMinute;
  if (!inside) return instant;
  const endDate = wraps && minute >= quiet.startMinute ? addLocalDays(local.date, 1) : local.date;
  const end = zonedInstant(endDate, `${pad(Math.floor(quiet.endMinute / 60))}:${pad(quiet.endMinute % 60)}`, zone);
  return end.getTime() > instant.getTime() ? end : instant;
}
