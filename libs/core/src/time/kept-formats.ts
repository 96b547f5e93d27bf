/** Formatters kept between calls: building an Intl.DateTimeFormat with a time zone costs tens of µs, using one
 * a few. A digest batch renders thousands of dates in a few hundred zones and three languages. */
const formats = new Map<string, Intl.DateTimeFormat>();
/** Far above zones × languages × styles in use; a bound in case something passes arbitrary locales. */
const MAX_FORMATS = 10_000;

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
  const key = `${style}\u0000${locale}\u0000${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    if (formats.size >= MAX_FORMATS) formats.clear();
    format = new Intl.DateTimeFormat(locale, { ...options(), timeZone });
    formats.set(key, format);
  }
  return format;
}
