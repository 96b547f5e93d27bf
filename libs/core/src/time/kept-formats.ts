import { keptResults } from './kept-results';

/** Formatters kept between calls: building an Intl.DateTimeFormat with a time zone costs tens of µs, using one
 * a few. A digest batch renders thousands of dates in a few hundred zones and three languages. Far fewer than
 * 10,000 (zones × languages × styles) are in use; the bound is for a caller passing arbitrary locales. */
const formats = keptResults<Intl.DateTimeFormat>(10_000);

/**
 * The formatter of `style` (a name the caller gives its options: the same name, the same options) for one locale
 * and zone; `options` is called only the first time.
 */
export function keptDateTimeFormat(
  style: string,
  locale: string,
  timeZone: string,
  options: () => Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  return formats(
    `${style}\u0000${locale}\u0000${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { ...options(), timeZone }),
  );
}
