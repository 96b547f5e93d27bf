import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';

const DAY_MS = 24 * 3600_000;

/**
 * Deletes finished email ledger rows (sent, skipped, failed) that finished more than RETENTION_EMAIL_DAYS ago.
 * Never a pending or sending row: those are emails still to go (or going), whatever their age.
 *
 * A row is the dedupe key of its email: once it is gone, a request with the same key makes a new email. So a row
 * is kept for as long as its key may still be requested: keys planned from the notification schedule cannot be
 * planned again 8 days after they were due (the window's minimum, 14 days, is longer), keys made of a fresh id
 * (announcements, identity emails) are never asked for twice, and a requester whose key stays requestable longer
 * says until when (`key_held_until`: a meeting change, until the meeting starts). The window then counts from
 * whichever of the two ends later.
 */
@Injectable()
export class EmailRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Rows that finished before this instant may go. */
  horizon(now: Date): Date {
    return new Date(now.getTime() - this.config.RETENTION_EMAIL_DAYS * DAY_MS);
  }

  /**
   * One batch: deletes up to `limit` of the oldest rows past the horizon, in one statement. Rows another
   * transaction holds are skipped (a second retention run, or an erasure), so two workers delete disjoint batches.
   * Returns how many rows went.
   */
  async removeBatch(now: Date, limit: number): Promise<number> {
    const [, removed] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM email_deliveries
        WHERE id IN (
                SELECT id FROM email_deliveries
                 WHERE finished_at < $1
                   AND (key_held_until IS NULL OR key_held_until < $1)
                 ORDER BY finished_at
                 LIMIT $2
                   FOR UPDATE SKIP LOCKED)`,
      [this.horizon(now), limit],
    );
    return removed;
  }
}
