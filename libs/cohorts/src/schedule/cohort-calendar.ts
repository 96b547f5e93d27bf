import { addLocalDays, zonedInstant } from '@app/core';
import { DeadlineMode } from '../cohorts/cohort.entity';

/** A module is released at the start of its release day... */
export const RELEASE_LOCAL_TIME = '00:00';
/** ...and due at the end of its due day (23:59, the last minute people write on a form). */
export const DUE_LOCAL_TIME = '23:59';

export interface CohortTimes {
  startDate: string;
  /** The cohort's zone: fixed deadlines and fixed releases are kept in it. */
  timeZone: string;
  deadlineMode: DeadlineMode;
}

export interface ModuleOffsets {
  releaseOffsetDays: number;
  dueOffsetDays: number;
}

export interface ModuleDates {
  /** Local dates (YYYY-MM-DD): in the cohort's zone, or in each learner's zone in learner-local mode. */
  releaseDate: string;
  dueDate: string;
  releaseAt: Date;
  dueAt: Date;
  /** The zone the dates are read in. */
  zone: string;
}

/**
 * A module's release and due instants for one learner: start date + offsets (+ the learner's extension days on
 * the due date), read in the cohort's zone (fixed mode) or the learner's own zone ("end of the day where you
 * are"). Local days are calendar days (Temporal), never 24-hour steps, so a DST change moves nothing.
 *
 * Memoized per offset and per (date, time, zone): a dashboard of 1,000 learners asks for a few hundred distinct instants.
 */
export class CohortCalendar {
  private readonly instants = new Map<string, Date>();
  private readonly days = new Map<number, string>();

  constructor(private readonly cohort: CohortTimes) {}

  datesFor(module: ModuleOffsets, learnerZone: string, extraDays = 0): ModuleDates {
    const zone = this.cohort.deadlineMode === DeadlineMode.LearnerLocal ? learnerZone : this.cohort.timeZone;
    const releaseDate = this.day(module.releaseOffsetDays);
    const dueDate = this.day(module.dueOffsetDays + extraDays);
    return {
      releaseDate,
      dueDate,
      releaseAt: this.instant(releaseDate, RELEASE_LOCAL_TIME, zone),
      dueAt: this.instant(dueDate, DUE_LOCAL_TIME, zone),
      zone,
    };
  }

  /** The local date `offset` days after the start date. */
  day(offset: number): string {
    let date = this.days.get(offset);
    if (!date) {
      date = addLocalDays(this.cohort.startDate, offset);
      this.days.set(offset, date);
    }
    return date;
  }

  private instant(date: string, time: string, zone: string): Date {
    const key = `${date}T${time} ${zone}`;
    let instant = this.instants.get(key);
    if (!instant) {
      instant = zonedInstant(date, time, zone);
      this.instants.set(key, instant);
    }
    return instant;
  }
}
