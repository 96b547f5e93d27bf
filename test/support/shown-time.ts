/** Intl puts narrow and non-breaking spaces in dates; compare words, not space characters. */
export const spaces = (text: string): string => text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/**
 * How the web app writes an instant (apps/web/src/time/zones.ts): the same Intl calls, in the given zone, so a test
 * can say which zone a time on the page was written in.
 */
export function shownInstant(utc: string, timeZone: string, locale: string): string {
  const date = new Date(utc);
  const when = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(date)
    .find((p) => p.type === 'timeZoneName')?.value;
  return spaces(`${when} ${zone ?? timeZone}`);
}
