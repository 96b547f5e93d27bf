import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface CountByStatusAndKind {
  status: string;
  kind: string;
  count: number;
}

export interface LedgerCount extends CountByStatusAndKind {
  /** Send attempts summed over the rows (retries show as attempts > count). */
  attempts: number;
}

/** How many rows wait, and how long the oldest of them has waited (0 when none do). */
export interface Backlog {
  count: number;
  oldestSeconds: number;
}

/**
 * The figures operators watch, one query each, aggregated in PostgreSQL (never a row per notification).
 * `now` comes from the injected clock so the ages agree with what the worker considers due.
 */
@Injectable()
export class NotificationStatsRepository {
  /** The email ledger by status and kind. A full scan of the ledger: cheap at a scrape every 15-60 s. */
  async ledgerByStatusAndKind(manager: EntityManager): Promise<LedgerCount[]> {
    const rows = await manager.query<{ status: string; kind: string; count: string; attempts: string }[]>(
      `SELECT status, kind, count(*) AS count, COALESCE(sum(attempts), 0) AS attempts
         FROM mail_deliveries
        GROUP BY status, kind`,
    );
    return rows.map((r) => ({ status: r.status, kind: r.kind, count: Number(r.count), attempts: Number(r.attempts) }));
  }

  async scheduleByStatusAndKind(manager: EntityManager): Promise<CountByStatusAndKind[]> {
    const rows = await manager.query<{ status: string; kind: string; count: string }[]>(
      `SELECT status, kind, count(*) AS count FROM scheduled_notifications GROUP BY status, kind`,
    );
    return rows.map((r) => ({ status: r.status, kind: r.kind, count: Number(r.count) }));
  }

  /**
   * Outbox events the relay has still to publish, those waiting out a back-off included (partial index on
   * relayable rows). Quarantined events are not: they wait for an operator, and would only make the age grow.
   */
  unpublishedOutbox(manager: EntityManager, now: Date): Promise<Backlog> {
    return this.backlog(
      manager,
      `SELECT count(*) AS count, min(occurred_at) AS oldest
         FROM outbox_events WHERE published_at IS NULL AND quarantined_at IS NULL`,
      [],
      now,
    );
  }

  /** Outbox events the relay gave up on after repeated handler failures (partial index on quarantined rows). */
  async quarantinedOutbox(manager: EntityManager): Promise<number> {
    const [row] = await manager.query<{ count: string }[]>(
      `SELECT count(*) AS count FROM outbox_events WHERE quarantined_at IS NOT NULL`,
    );
    return Number(row?.count ?? 0);
  }

  /** Schedule rows whose time has come but that are not released yet: the releaser's lateness. */
  dueSchedule(manager: EntityManager, now: Date): Promise<Backlog> {
    return this.backlog(
      manager,
      `SELECT count(*) AS count, min(due_at) AS oldest
         FROM scheduled_notifications WHERE status = 'pending' AND due_at <= $1`,
      [now],
      now,
    );
  }

  /** Ledger rows due to be (re)tried and not sent yet: the dispatcher's lateness. */
  dueLedger(manager: EntityManager, now: Date): Promise<Backlog> {
    return this.backlog(
      manager,
      `SELECT count(*) AS count, min(next_attempt_at) AS oldest
         FROM mail_deliveries WHERE finished_at IS NULL AND next_attempt_at <= $1`,
      [now],
      now,
    );
  }

  private async backlog(manager: EntityManager, sql: string, params: unknown[], now: Date): Promise<Backlog> {
    const [row] = await manager.query<{ count: string; oldest: Date | null }[]>(sql, params);
    const oldest = row?.oldest ?? null;
    return {
      count: Number(row?.count ?? 0),
      oldestSeconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
    };
  }
}
