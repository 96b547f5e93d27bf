import { zonedTimeView, type ZonedTimeView } from '@app/core';

/** Whose clock a response is rendered for: the viewer's profile zone and language, loaded once per request. */
export interface ViewerClock {
  timeZone: string;
  locale: string;
}

/** An instant as people see it: UTC, in the viewer's own zone, and in the group's zone (where it meets). */
export interface TimeInZones {
  utc: string;
  viewer: ZonedTimeView;
  group: ZonedTimeView;
}

export function timeInZones(instant: Date, viewer: ViewerClock, groupZone: string): TimeInZones {
  return {
    utc: instant.toISOString(),
    viewer: zonedTimeView(instant, viewer.timeZone, viewer.locale),
    group: zonedTimeView(instant, groupZone, viewer.locale),
  };
}
