import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';

const DAY_MS = 24 * 3600_000;

/**
 * Deletes outbox events published more than RETENTION_OUTBOX_DAYS ago. Never an unpublished event (still to be
 * relayed, perhaps waiting out a back-off) nor a quarantined one (kept for an operator; the table's check makes a
 * quarantined event unpublished, so `published_at IS NOT NULL` excludes both).
 *
 * Here, not in core: core only defines the table and records events in the writer's transaction; the relay (this
 * library) is what publishes, retries and quarantines them, so the end of an event's life is its business too.
 *
 * Nothing dedupes on an event: its handlers re-derive their rows from the current state, and the keys they write
 * are kept by the schedule and the ledger. A replayed or re-inserted event therefore repeats nothing, whether or
 * not the original is still here.
 */
@Injectable()
export class OutboxRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** Events published before this instant may go. */
  horizon(now: Date): Date {
    return new Date(now.getTime() - this.config.RETENTION_OUTBOX_DAYS * DAY_MS);
  }

  /** One batch of the oldest published events past the horizon, in one statement (SKIP LOCKED: runs may overlap). */
  async removeBatch(now: Date, limit: number): Promise<number> {
    const [, removed] = await this.dataSource.query<[unknown[], number]>(
      `DELETE FROM outbox_events
        WHERE id IN (
                SELECT id FROM outbox_events
                 WHERE published_at IS NOT NULL AND published_at < $1
                 ORDER BY published_at
                 LIMIT $2
                   FOR UPDATE SKIP LOCKED)`,
      [this.horizon(now), limit],
    );
    return removed;
  }
}
