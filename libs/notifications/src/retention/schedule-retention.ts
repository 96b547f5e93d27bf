import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';

const DAY_MS = 24 * 3600_000;

/**
 * Longest a schedule key can be planned again after it was due: a meeting reminder is due at most a week (the
 * longest lead time) plus 12 h (sent the evening before, for quiet hours) before its meeting, and is planned only
 * while the meeting is ahead; a digest's local date spans about 50 h of instants across zones; a module reminder's
 * due instant is in its key; a peer-review row is planned only while its lease runs, or within SCHEDULE_REPLAN_DAYS
 * of the review or window close it is about (libs/notifications/src/peer-review). Retention's window (at least 14 days) must be longer: see RETENTION_SCHEDULE_DAYS.
 */
export const SCHEDULE_REPLAN_DAYS = 8;

/**
 * Deletes released and cancelled schedule rows due more than RETENTION_SCHEDULE_DAYS ago; never a pending one.
 *
 * A released row is what stops its key from being planned again (the planners skip released keys, and `plan`
 * never revives one); a planner only plans keys due after now, and a key's due time is bounded by the instant it
 * names (its meeting, its deadline, its local date), so past SCHEDULE_REPLAN_DAYS nothing can plan it again and
 * the row has nothing left to refuse. Measured from `due_at`, not from when the row was made: reminders are
 * planned up to 30 days ahead.
 */
@Injectable()
export class ScheduleRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Rows due before this instant may go. */
  horizon(now: Date): Date {
    return new Date(now.getTime() - this.config.RETENTION_SCHEDULE_DAYS * DAY_MS);
  }

  /** One batch of the oldest rows past the horizon, in one statement (SKIP LOCKED: runs may overlap). */
  async removeBatch(now: Date, limit: number): Promise<number> {
    const [, removed] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM scheduled_notifications
        WHERE id IN (
                SELECT id FROM scheduled_notifications
                 WHERE status IN ('released', 'cancelled') AND due_at < $1
                 ORDER BY due_at
                 LIMIT $2
                   FOR UPDATE SKIP LOCKED)`,
      [this.horizon(now), limit],
    );
    return removed;
  }
}
