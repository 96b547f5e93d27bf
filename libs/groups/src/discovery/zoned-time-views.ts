import type { ZonedTimeView } from '@app/core';

const MAX_FORMATTERS = 2000;
/** Views kept: the next meetings of the groups people search most, in the zones and languages they read them. */
const MAX_VIEWS = 20_000;

/**
 * `zonedTimeView` of libs/core, with its formatters kept between calls. The core helper builds a Temporal
 * ZonedDateTime (the polyfill does its arithmetic in emulated big integers) and a new Intl.DateTimeFormat on every
 * call, about 135 µs; a page of 20 groups shown in two zones spent more CPU on that than on anything else
 * (docs/benchmarks.md). Intl with a kept formatter gives the same fields in a few µs. The output is the core
 * helper's, field for field: zoned-time-views.spec.ts checks it in every zone at random instants since 1900.
 * (Worth moving into libs/core for every caller; kept here until the owner of that file decides.)
 *
 * Even kept, the two formatters cost ~10 µs a view, 40 views a page: the largest share of a search's CPU in the
 * API after the framework's (docs/benchmarks.md). Meetings recur, and the same groups come up in many searches, so
 * each view is kept too (a pure function of instant, zone and locale), up to MAX_VIEWS.
 */
export class ZonedTimeViews {
  private readonly parts = new Map<string, Intl.DateTimeFormat>();
  private readonly displays = new Map<string, Intl.DateTimeFormat>();
  private readonly views = new Map<string, Readonly<ZonedTimeView>>();

  /** The returned view is shared between callers: read it, never change it. */
  view(instant: Date, zone: string, locale = 'en'): Readonly<ZonedTimeView> {
    const key = `${instant.getTime()}\u0000${zone}\u0000${locale}`;
    let view = this.views.get(key);
    if (!view) {
      if (this.views.size >= MAX_VIEWS) this.views.clear();
      view = this.format(instant, zone, locale);
      this.views.set(key, view);
    }
    return view;
  }

  private format(instant: Date, zone: string, locale: string): ZonedTimeView {
    const fields: Record<string, string> = {};
    for (const part of this.partsFormatter(zone).formatToParts(instant)) fields[part.type] = part.value;
    const year = (fields.year ?? '').padStart(4, '0');
    // Intl names the offset "GMT+05:45", and plain "GMT" when it is zero; Temporal says "+05:45" and "+00:00".
    const offset = (fields.timeZoneName ?? 'GMT').replace(/^GMT/, '') || '+00:00';
    return {
      zone,
      local: `${year}-${fields.month}-${fields.day}T${fields.hour}:${fields.minute}`,
      offset,
      display: `${this.displayFormatter(zone, locale).format(instant)} (${zone})`,
    };
  }

  private partsFormatter(zone: string): Intl.DateTimeFormat {
    return kept(
      this.parts,
      zone,
      () =>
        new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
          timeZoneName: 'longOffset',
        }),
    );
  }

  /** The options of `renderInZone`. */
  private displayFormatter(zone: string, locale: string): Intl.DateTimeFormat {
    return kept(
      this.displays,
      `${locale}\u0000${zone}`,
      () =>
        new Intl.DateTimeFormat(locale, {
          timeZone: zone,
          weekday: 'short',
          day: 'numeric',
          month: 'short',
          year: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }),
    );
  }
}

function kept(
  cache: Map<string, Intl.DateTimeFormat>,
  key: string,
  make: () => Intl.DateTimeFormat,
): Intl.DateTimeFormat {
  let formatter = cache.get(key);
  if (!formatter) {
    // Zones and locales are validated before they get here, so the cache stays small; the bound is a backstop.
    if (cache.size >= MAX_FORMATTERS) cache.clear();
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}
