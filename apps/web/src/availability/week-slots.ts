/**
 * Weekly availability as the API keeps it (windows of local "HH:MM" times per ISO weekday) and as the grid edits it
 * (half-hour slots). Pure, so the round trip is easy to reason about: a window that does not start or end on a
 * half hour shows every slot it touches.
 */
export interface AvailabilityWindow {
  weekday: number;
  start: string;
  end: string;
}

export const SLOT_MINUTES = 30;
export const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;
/** The API's limit (UpdateProfileDto.availability: ArrayMaxSize 28). */
export const MAX_WINDOWS = 28;

/** `slots[weekday - 1][slot]`: whether the person is free then. */
export type WeekSlots = boolean[][];

const minutesOf = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
const timeOf = (minutes: number): string =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function emptyWeek(): WeekSlots {
  return Array.from({ length: 7 }, () => Array.from({ length: SLOTS_PER_DAY }, () => false));
}

export function slotsOf(windows: readonly AvailabilityWindow[]): WeekSlots {
  const week = emptyWeek();
  for (const w of windows) {
    const day = week[w.weekday - 1];
    if (!day) continue;
    const start = minutesOf(w.start);
    const end = minutesOf(w.end);
    for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
      const from = slot * SLOT_MINUTES;
      if (from + SLOT_MINUTES > start && from < end) day[slot] = true;
    }
  }
  return week;
}

/** Each run of free slots becomes one window, so neighbouring half hours are sent as one. */
export function windowsOf(week: WeekSlots): AvailabilityWindow[] {
  const windows: AvailabilityWindow[] = [];
  week.forEach((day, index) => {
    let runStart: number | null = null;
    for (let slot = 0; slot <= SLOTS_PER_DAY; slot++) {
      const free = slot < SLOTS_PER_DAY && day[slot] === true;
      if (free && runStart === null) runStart = slot;
      if (!free && runStart !== null) {
        windows.push({
          weekday: index + 1,
          start: timeOf(runStart * SLOT_MINUTES),
          end: timeOf(slot * SLOT_MINUTES),
        });
        runStart = null;
      }
    }
  });
  return windows;
}

/** A local wall time ("18:30") in the reader's language, through Intl like every other time on the site. */
export function formatLocalTime(minutes: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, 1, 0, minutes)),
  );
}

/** ISO weekday names in the reader's language; 1 January 2024 was a Monday. */
export function weekdayName(weekday: number, locale: string, width: 'long' | 'short' = 'long'): string {
  return new Intl.DateTimeFormat(locale, { weekday: width, timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, weekday)),
  );
}
