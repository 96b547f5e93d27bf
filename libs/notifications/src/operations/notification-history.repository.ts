import type { EntityManager } from 'typeorm';

export interface HistoryUser {
  id: string;
  timeZone: string;
  locale: string;
  deleted: boolean;
}

export interface ScheduledEntry {
  kind: string;
  status: string;
  dueAt: Date;
  releasedAt: Date | null;
  dedupeKey: string;
}

export interface DeliveryEntry {
  kind: string;
  status: string;
  attempts: number;
  createdAt: Date;
  nextAttemptAt: Date;
  sentAt: Date | null;
  subject: string | null;
  toAddress: string | null;
  lastResponse: string | null;
  dedupeKey: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One person's notifications as an operator looks them up (`npm run notifications`). Every query is bound to
 * one user id: nothing of anyone else's can appear. Takes a manager so the CLI can use it without Nest.
 */
export class NotificationHistoryRepository {
  constructor(private readonly manager: EntityManager) {}

  /** By id (also finds an erased account, whose email is gone) or by email, case-insensitively. */
  async findUser(idOrEmail: string): Promise<HistoryUser | null> {
    const byId = UUID.test(idOrEmail);
    const [row] = await this.manager.query<
      { id: string; time_zone: string; locale: string; deleted_at: Date | null }[]
    >(
      `SELECT id, time_zone, locale, deleted_at FROM identity_people WHERE ${byId ? 'id = $1::uuid' : 'email = lower($1)'}`,
      [idOrEmail],
    );
    return row ? { id: row.id, timeZone: row.time_zone, locale: row.locale, deleted: row.deleted_at !== null } : null;
  }

  /**
   * Pending rows first, soonest due first; then the rest, latest due first. Each part is one range of the
   * (user_id, due_at) index read in its own direction and cut at `limit`, so a person with years of digests and
   * reminders costs no more than one with a week's.
   */
  async scheduled(userId: string, limit: number): Promise<ScheduledEntry[]> {
    const rows = await this.manager.query<
      { kind: string; status: string; due_at: Date; released_at: Date | null; dedupe_key: string }[]
    >(
      `SELECT kind, status, due_at, released_at, dedupe_key
         FROM ((SELECT kind, status, due_at, released_at, dedupe_key, true AS pending
                  FROM scheduled_notifications
                 WHERE user_id = $1 AND status = 'pending'
                 ORDER BY due_at ASC
                 LIMIT $2)
               UNION ALL
               (SELECT kind, status, due_at, released_at, dedupe_key, false AS pending
                  FROM scheduled_notifications
                 WHERE user_id = $1 AND status <> 'pending'
                 ORDER BY due_at DESC
                 LIMIT $2)) history
        ORDER BY pending DESC, CASE WHEN pending THEN due_at END ASC, due_at DESC
        LIMIT $2`,
      [userId, limit],
    );
    return rows.map((r) => ({
      kind: r.kind,
      status: r.status,
      dueAt: r.due_at,
      releasedAt: r.released_at,
      dedupeKey: r.dedupe_key,
    }));
  }

  /** Newest first (uses the ledger's user index). */
  async deliveries(userId: string, limit: number): Promise<DeliveryEntry[]> {
    const rows = await this.manager.query<
      {
        kind: string;
        status: string;
        attempts: number;
        created_at: Date;
        next_attempt_at: Date;
        sent_at: Date | null;
        subject: string | null;
        to_address: string | null;
        last_response: string | null;
        dedupe_key: string;
      }[]
    >(
      `SELECT kind, status, attempts, created_at, next_attempt_at, sent_at, subject, to_address, last_response,
              dedupe_key
         FROM mail_deliveries
        WHERE user_id = $1
        ORDER BY created_at DESC, id
        LIMIT $2`,
      [userId, limit],
    );
    return rows.map((r) => ({
      kind: r.kind,
      status: r.status,
      attempts: r.attempts,
      createdAt: r.created_at,
      nextAttemptAt: r.next_attempt_at,
      sentAt: r.sent_at,
      subject: r.subject,
      toAddress: r.to_address,
      lastResponse: r.last_response,
      dedupeKey: r.dedupe_key,
    }));
  }
}
