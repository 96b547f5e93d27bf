import { keptDateTimeFormat } from '@app/core';

export type DateTimeStyle = 'datetime' | 'date' | 'time';

const STYLES: Record<DateTimeStyle, Intl.DateTimeFormatOptions> = {
  datetime: {
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'long',
  },
  date: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  time: { hour: 'numeric', minute: '2-digit', timeZoneName: 'long' },
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export const isDateTimeStyle = (value: unknown): value is DateTimeStyle =>
  typeof value === 'string' && Object.hasOwn(STYLES, value);

/**
 * An instant as a person in `timeZone` reads it, in their language, naming the zone (a reader in another zone
 * forwarding the email must not be misled). Throws on an unknown zone or an unparseable instant: a template
 * bug must not send a wrong time.
 */
export function formatDateTime(
  instant: string | Date,
  timeZone: string,
  locale: string,
  style: DateTimeStyle = 'datetime',
): string {
  // A string without an offset would be read in the server's zone: refuse it rather than guess.
  const date = typeof instant === 'string' && INSTANT.test(instant) ? new Date(instant) : instant;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`formatDateTime: not an ISO instant with an offset: ${String(instant)}`);
  }
  return keptDateTimeFormat(`mail-${style}`, locale, timeZone, () => STYLES[style]).format(date);
}
