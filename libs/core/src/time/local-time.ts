import { Temporal } from '@js-temporal/polyfill';
import { keptDateTimeFormat } from './kept-formats';
import { keptResults } from './kept-results';

/**
 * Time is local to a person. Instants are stored in UTC; wall-clock times are resolved in an IANA zone here,
 * and only here, with the Temporal polyfill.
 *
 * The DST rule (RFC 5545 §3.3.5, Temporal's 'compatible'): a local time that does not exist that day (the
 * spring-forward gap) moves forward by the length of the gap (02:30 becomes 03:30 in New York on 8 March 2026);
 * a local time that occurs twice (fall-back) means the first occurrence (01:30 EDT, not 01:30 EST).
 *
 * Results are kept: the polyfill takes tens of µs a call, and the same few values come back all the time (a
 * digest hour releases thousands of people in a few hundred zones, all on the hour, all planning the same next
 * days). Every function here is pure, so a kept result is the result.
 */
export function zonedInstant(localDate: string, localTime: string, zone: string): Date {
  return new Date(
    zonedEpochMs(`${localDate}T${localTime}\u0000${zone}`, () => {
      const wall = Temporal.PlainDateTime.from(`${localDate}T${localTime}`);
      return wall.toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
    }),
  );
}

// Bounds far above the distinct values of a busy hour (zones × days × hours); past them everything is forgotten.
const zonedEpochMs = keptResults<number>(20_000);
const keptLocalParts = keptResults<Readonly<LocalParts>>(20_000);
const keptDates = keptResults<string>(10_000);
const keptWeekdays = keptResults<number>(10_000);

export interface LocalParts {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  /** Offset from UTC at that instant, e.g. "+05:45". */
  offset: string;
}

export function localParts(instant: Date, zone: string): LocalParts {
  const parts = keptLocalParts(`${instant.getTime()}\u0000${zone}`, () => {
    const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(zone);
    return Object.freeze({
      date: zoned.toPlainDate().toString(),
      time: zoned.toPlainTime().toString({ smallestUnit: 'minute' }),
      weekday: zoned.dayOfWeek,
      offset: zoned.offset,
    });
  });
  return { ...parts };
}

/** A calendar day later or earlier in local terms ("tomorrow" is not "+24 h" across a DST change). */
export function addLocalDays(localDate: string, days: number): string {
  return keptDates(`${localDate}\u0000${days}`, () => Temporal.PlainDate.from(localDate).add({ days }).toString());
}

export function isoWeekday(localDate: string): number {
  return keptWeekdays(localDate, () => Temporal.PlainDate.from(localDate).dayOfWeek);
}

/** For people: "Tue 3 Mar 2026, 18:00 (America/La_Paz)" in their language, naming the zone. */
export function renderInZone(instant: Date, zone: string, locale = 'en'): string {
  const text = keptDateTimeFormat('render-in-zone', locale, zone, () => ({
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })).format(instant);
  return `${text} (${zone})`;
}

/** An instant as an API shows it: the UTC instant plus its rendering in one zone. */
export interface ZonedTimeView {
  zone: string;
  /** Local wall-clock time, "YYYY-MM-DDTHH:MM". */
  local: string;
  offset: string;
  display: string;
}

export function zonedTimeView(instant: Date, zone: string, locale = 'en'): ZonedTimeView {
  const parts = localParts(instant, zone);
  return {
    zone,
    local: `${parts.date}T${parts.time}`,
    offset: parts.offset,
    display: renderInZone(instant, zone, locale),
  };
}
