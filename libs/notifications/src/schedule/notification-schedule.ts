import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { NotificationKind } from './notification-kind';

export interface ScheduleEntry {
  dedupeKey: string;
  kind: NotificationKind;
  userId: string;
  subjectId?: string | null;
  dueAt: Date;
  payload?: Record<string, unknown>;
}

export interface PendingFilter {
  kind?: NotificationKind;
  subjectId?: string;
  userIds?: readonly string[];
  /** Leave these keys pending (the ones just re-planned). */
  exceptKeys?: readonly string[];
}

/** Rows per INSERT: keeps a statement's parameters well under PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1000;

/** Writes the notification schedule, always inside the caller's transaction, in sets. */
@Injectable()
export class NotificationSchedule {
  /**
   * Plans notifications. A key that exists stays as it is, unless it was cancelled: then it is planned again
   * (a meeting moved back to its first time gets its reminders back). Returns how many rows became pending.
   */
  async plan(manager: EntityManager, requested: readonly ScheduleEntry[]): Promise<number> {
    // One row per key: a statement may not upsert the same row twice (two releases of one person's digests in a
    // batch plan the same next one).
    const entries = [...new Map(requested.map((e) => [e.dedupeKey, e])).values()];
    let planned = 0;
    for (let start = 0; start < entries.length; start += ROWS_PER_INSERT) {
      const chunk = entries.slice(start, start + ROWS_PER_INSERT);
      const rows = await manager.query<unknown[]>(
        `INSERT INTO scheduled_notifications (dedupe_key, kind, user_id, subject_id, due_at, payload)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::uuid[], $5::timestamptz[], $6::jsonb[])
         ON CONFLICT (dedupe_key) DO UPDATE
            SET status = 'pending', due_at = EXCLUDED.due_at, payload = EXCLUDED.payload
          WHERE scheduled_notifications.status = 'cancelled'
         RETURNING 1`,
        [
          chunk.map((e) => e.dedupeKey),
          chunk.map((e) => e.kind),
          chunk.map((e) => e.userId),
          chunk.map((e) => e.subjectId ?? null),
          chunk.map((e) => e.dueAt.toISOString()),
          chunk.map((e) => JSON.stringify(e.payload ?? {})),
        ],
      );
      planned += rows.length;
    }
    return planned;
  }

  /** Cancels pending rows matching every given condition. Returns how many. */
  async cancelPending(manager: EntityManager, filter: PendingFilter): Promise<number> {
    const conditions = [`status = 'pending'`];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.kind) add('kind = ?', filter.kind);
    if (filter.subjectId) add('subject_id = ?', filter.subjectId);
    if (filter.userIds) add('user_id = ANY(?::uuid[])', filter.userIds);
    if (filter.exceptKeys && filter.exceptKeys.length > 0)
      add('NOT (dedupe_key = ANY(?::varchar[]))', filter.exceptKeys);
    if (conditions.length === 1) throw new Error('cancelPending needs at least one condition');
    const [, count] = await manager.query<[unknown[], number]>(
      `UPDATE scheduled_notifications SET status = 'cancelled' WHERE ${conditions.join(' AND ')}`,
      params,
    );
    return count;
  }
}
