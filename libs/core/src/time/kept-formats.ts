/** Formatters kept between calls: building an Intl.DateTimeFormat with a time zone costs tens of µs, using one
 * a few. A digest batch renders thousands of dates in a few hundred zones and three languages. */
const formats = new Map<string, Intl.DateTimeFormat>();
/** Far above zones × languages × styles in use; a bound in case something passes arbitrary locales. */
const MAX_FORMATS = 10_000;

export function keptDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    if (formats.size >= MAX_FORMATS) formats.clear();
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
