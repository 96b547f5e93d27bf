import { Temporal } from '@js-temporal/polyfill';

/**
 * The VTIMEZONE (RFC 5545 §3.6.5) of an IANA zone over a span of time: one observance per UTC-offset change in
 * the span, each starting at the wall-clock time (in the offset it ends) at which the clocks change.
 *
 * Written from the zone data Node ships (ICU's tzdata), through the same Temporal polyfill that computes every
 * meeting's instant (libs/core/src/time/local-time.ts has no transition API, hence the second reader here), so a
 * calendar app resolving DTSTART;TZID=... with this VTIMEZONE finds exactly our instant. Nothing is downloaded.
 */
export function vtimezone(zone: string, from: Date, to: Date): string {
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  let at = Temporal.Instant.fromEpochMilliseconds(from.getTime()).toZonedDateTimeISO(zone);
  // The offset in force when the span begins, as if since 1970: only instants inside the span are resolved.
  lines.push(...observance(zone, at, at.offsetNanoseconds, '19700101T000000'));
  for (;;) {
    const next = at.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds > to.getTime()) break;
    const before = at.offsetNanoseconds;
    lines.push(...observance(zone, next, before, wallClock(next.epochMilliseconds, before)));
    at = next;
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}

/**
 * Whether the wall-clock time of `instant` in `zone` happens twice (the repeated hour of a fall-back night).
 * RFC 5545 says such a DTSTART means the first occurrence, but clients disagree (ical.js and libical take the
 * standard-time one), so feeds write those instants in UTC instead.
 */
export function isRepeatedWallTime(instant: Date, zone: string): boolean {
  const wall = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone).toPlainDateTime();
  const earlier = wall.toZonedDateTime(zone, { disambiguation: 'earlier' });
  const later = wall.toZonedDateTime(zone, { disambiguation: 'later' });
  return earlier.epochNanoseconds !== later.epochNanoseconds;
}

function observance(zone: string, at: Temporal.ZonedDateTime, offsetFrom: number, start: string): string[] {
  // Daylight when the offset is above the year's standard (the lower of January's and July's, for both
  // hemispheres); calendar apps resolve times by the offsets either way.
  const year = at.year;
  const standard = Math.min(offsetIn(zone, `${year}-01-01`), offsetIn(zone, `${year}-07-01`));
  const kind = at.offsetNanoseconds > standard ? 'DAYLIGHT' : 'STANDARD';
  return [
    `BEGIN:${kind}`,
    `DTSTART:${start}`,
    `TZOFFSETFROM:${utcOffset(offsetFrom)}`,
    `TZOFFSETTO:${utcOffset(at.offsetNanoseconds)}`,
    `TZNAME:${zoneName(zone, at.epochMilliseconds)}`,
    `END:${kind}`,
  ];
}

function offsetIn(zone: string, date: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: zone }).offsetNanoseconds;
}

/** The local date-time of an instant under a given offset, as iCalendar writes it: 20261101T020000. */
function wallClock(epochMs: number, offsetNs: number): string {
  const wall = new Date(epochMs + offsetNs / 1e6).toISOString();
  return wall.slice(0, 19).replace(/[-:]/g, '');
}

/** +0530, -0400; seconds only when a (historical) offset has them. */
function utcOffset(offsetNs: number): string {
  const totalSeconds = Math.round(offsetNs / 1e9);
  const sign = totalSeconds < 0 ? '-' : '+';
  const abs = Math.abs(totalSeconds);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const seconds = abs % 60;
  return `${sign}${pad(Math.floor(abs / 3600))}${pad(Math.floor(abs / 60) % 60)}${seconds ? pad(seconds) : ''}`;
}

function zoneName(zone: string, epochMs: number): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(epochMs);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}
