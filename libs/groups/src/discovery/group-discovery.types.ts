import type { ZonedTimeView } from '@app/core';
import type { GroupMode } from '../study-group.entity';

/** A search as anyone asks it, signed in or not; every filter is optional and they combine with AND. */
export interface GroupDiscoveryQuery {
  /** Words in the name, topic or description. */
  text?: string;
  topic?: string;
  /** Canonical BCP 47 tag; "es" also finds "es-BO". */
  language?: string;
  mode?: GroupMode;
  near?: { latitude: number; longitude: number; radiusKm: number };
  withOpenSeats?: boolean;
  /** "YYYY-MM-DD" in the searcher's zone: the first meeting is on or after this day. */
  startsFrom?: string;
  /** "YYYY-MM-DD" in the searcher's zone: the first meeting is on or before this day. */
  startsTo?: string;
  /** Every meeting of the group falls inside the searcher's available hours. */
  fitsMyDay?: boolean;
  /**
   * The available hours for fitsMyDay, as `mon:08:00-12:00,wed:18:00-24:00` (see parseWeeklyHours), local to
   * `timeZone`: required without an account, and replaces the profile's hours with one.
   */
  availability?: string;
  /** Zone to show times in and to read dates in; the searcher's profile zone when absent (UTC without an account). */
  timeZone?: string;
  limit: number;
  cursor?: string;
}

export interface DiscoveredMeeting {
  /** The UTC instant. */
  startsAt: Date;
  durationMinutes: number;
  /** In the searcher's zone (their profile's, or the one they asked for). */
  viewer: ZonedTimeView;
  /** In the group's own zone, where its meeting times are kept. */
  group: ZonedTimeView;
}

/** What a search shows of a public group: never its meeting link, members or signup answers. */
export interface DiscoveredGroup {
  id: string;
  name: string;
  /** The start of the description. */
  summary: string;
  topic: string | null;
  course: { versionId: string; title: string } | null;
  language: string;
  timeZone: string;
  mode: GroupMode;
  city: string | null;
  country: string | null;
  capacity: number;
  memberCount: number;
  seatsLeft: number;
  signupOpen: boolean;
  firstMeetingAt: Date | null;
  nextMeeting: DiscoveredMeeting | null;
  /** Only when searching near a point. */
  distanceKm: number | null;
}

/** A town where public in-person groups meet, for picking "near a place" by name. */
export interface GroupTown {
  city: string;
  /** ISO 3166-1 alpha-2, when the groups give one. */
  country: string | null;
  /** The middle of the groups' points there. */
  latitude: number;
  longitude: number;
  /** Public groups meeting there. */
  groups: number;
}
