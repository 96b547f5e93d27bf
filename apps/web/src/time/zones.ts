/**
 * Times are shown with `Intl`, in the viewer's zone (their profile's, else the browser's), with the group's own
 * time beside it when the group keeps another zone: what someone in Kathmandu needs to join a group in La Paz.
 */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export function formatInstant(utc: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(utc));
}

/** The abbreviation or offset of a zone at an instant ("GMT+5:45"), so two times side by side are told apart. */
export function zoneLabel(utc: string, timeZone: string, locale: string): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(utc))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

export interface ShownTime {
  viewer: string;
  /** The group's local time, when its zone shows another wall-clock time than the viewer's. */
  group: string | null;
}

export function showTime(utc: string, viewerZone: string, groupZone: string, locale: string): ShownTime {
  const viewer = `${formatInstant(utc, viewerZone, locale)} ${zoneLabel(utc, viewerZone, locale)}`;
  const inGroup = `${formatInstant(utc, groupZone, locale)} ${zoneLabel(utc, groupZone, locale)}`;
  return { viewer, group: inGroup === viewer ? null : inGroup };
}
