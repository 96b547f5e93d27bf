import type { WeekSpan } from '@app/groups';
import type { AvailabilityWindow } from '@app/identity';

export interface GroupingLearner {
  id: string;
  /** IANA zone the availability windows are written in. */
  timeZone: string;
  /** Language tags the learner can study in, e.g. ['es', 'en']. */
  languages: string[];
  availability: AvailabilityWindow[];
}

export interface GroupingOptions {
  minSize: number;
  maxSize: number;
  /** A local date (YYYY-MM-DD), e.g. the cohort start: each learner's week is the local week containing it. */
  weekOf: string;
}

export interface FormedGroup {
  memberIds: string[];
  /** A language every member speaks; null only from the naive baseline, which ignores languages. */
  language: string | null;
  /** Minutes of the UTC week (Monday 00:00 UTC = 0) when every member is available, half-open, sorted. */
  commonWindows: WeekSpan[];
  sharedMinutes: number;
  /** The start of the longest common window, at most SUGGESTED_MEETING_MINUTES long; null without common time. */
  suggestedSlot: WeekSpan | null;
}

export interface UnplacedLearner {
  id: string;
  reason: 'no-group-with-common-time';
}

export interface GroupingResult {
  groups: FormedGroup[];
  unplaced: UnplacedLearner[];
}
