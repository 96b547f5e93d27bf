import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DeliveryStatus } from './email-delivery.entity';

/** A row this process has claimed: it alone may send it until `lockedUntil`. */
export interface ClaimedDelivery {
  id: string;
  kind: string;
  dedupeKey: string;
  userId: string | null;
  toAddress: string | null;
  locale: string;
  payload: Record<string, unknown>;
  /** Including this attempt; also the fencing token of the claim. */
  attempts: number;
}

/** A row still waiting to be sent (or whose claim may still be live). */
export interface OpenDelivery {
  id: string;
  status: DeliveryStatus.Pending | DeliveryStatus.Sending;
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
}

/** A row the reconciler should make sure has a job. */
export interface DueDelivery {
  id: string;
  attempts: number;
  nextAttemptAt: Date;
}

interface ClaimedRow {
  id: string;
  kind: string;
  dedupe_key: string;
  user_id: string | null;
  to_address: string | null;
  locale: string;
  payload: Record<string, unknown>;
  attempts: number;
}

interface OpenRow {
  id: string;
  status: DeliveryStatus.Pending | DeliveryStatus.Sending;
  attempts: number;
  next_attempt_at: Date;
  locked_until: Date | null;
}

/** Terminal or back-off states an attempt ends in. */
export type AttemptOutcome =
  | { status: DeliveryStatus.Sent; messageId: string; response: string; subject: string }
  | { status: DeliveryStatus.Pending; nextAttemptAt: Date; response: string; subject?: string }
  | { status: DeliveryStatus.Failed | DeliveryStatus.Skipped; response: string; subject?: string };

const SUBJECT_MAX = 300;

/** The ledger's state transitions, each one statement. */
@Injectable()
export class EmailDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claim before act: one UPDATE takes a due row (pending, or sending under an expired lease) and counts the
   * attempt. Concurrent claims of one row serialize on its row lock and only the first matches: a second job
   * for the same row finds nothing, and a sent row is never claimed again.
   */
  async claim(id: string, now: Date, leaseMs: number): Promise<ClaimedDelivery | null> {
    const rows = await this.update<ClaimedRow>(
      `UPDATE email_deliveries
          SET status = 'sending', attempts = attempts + 1, locked_until = $3, updated_at = $2
        WHERE id = $1
          AND next_attempt_at <= $2
          AND (status = 'pending' OR (status = 'sending' AND locked_until < $2))
        RETURNING id, kind, dedupe_key, user_id, to_address, locale, payload, attempts`,
      [id, now, new Date(now.getTime() + leaseMs)],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          kind: row.kind,
          dedupeKey: row.dedupe_key,
          userId: row.user_id,
          toAddress: row.to_address,
          locale: row.locale,
          payload: row.payload,
          attempts: row.attempts,
        }
      : null;
  }

  /**
   * Records how a claimed attempt ended. Fenced by the attempt number: if the lease ran out and another worker
   * claimed the row meanwhile, this stale result is dropped (returns false) instead of overwriting theirs.
   * `manager`: to record it in the caller's transaction (with what else the outcome changes).
   */
  async finishAttempt(
    id: string,
    attempts: number,
    now: Date,
    outcome: AttemptOutcome,
    manager?: EntityManager,
  ): Promise<boolean> {
    const subject = outcome.subject?.slice(0, SUBJECT_MAX) ?? null;
    const rows = await this.update<{ id: string }>(
      `UPDATE email_deliveries
          SET status = $4::varchar,
              locked_until = NULL,
              last_response = $5::text,
              next_attempt_at = COALESCE($6::timestamptz, next_attempt_at),
              message_id = COALESCE($7::varchar, message_id),
              subject = COALESCE($8::varchar, subject),
              sent_at = CASE WHEN $4::varchar = 'sent' THEN $3::timestamptz ELSE sent_at END,
              updated_at = $3
        WHERE id = $1 AND status = 'sending' AND attempts = $2
        RETURNING id`,
      [
        id,
        attempts,
        now,
        outcome.status,
        outcome.response,
        outcome.status === DeliveryStatus.Pending ? outcome.nextAttemptAt : null,
        outcome.status === DeliveryStatus.Sent ? outcome.messageId : null,
        subject,
      ],
      manager,
    );
    return rows.length === 1;
  }

  async findOpen(id: string): Promise<OpenDelivery | null> {
    const rows = await this.dataSource.query<OpenRow[]>(
      `SELECT id, status, attempts, next_attempt_at, locked_until
         FROM email_deliveries
        WHERE id = $1 AND status IN ('pending', 'sending')`,
      [id],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          status: row.status,
          attempts: row.attempts,
          nextAttemptAt: row.next_attempt_at,
          lockedUntil: row.locked_until,
        }
      : null;
  }

  /**
   * Rows that should be in flight now: pending and due, or sending under an expired lease (a worker died).
   * One query per page, in keyset order (due time, id); the partial index email_deliveries_due_idx serves it.
   */
  async findDue(now: Date, limit: number, after?: DueDelivery): Promise<DueDelivery[]> {
    const rows = await this.dataSource.query<{ id: string; attempts: number; next_attempt_at: Date }[]>(
      `SELECT id, attempts, next_attempt_at
         FROM email_deliveries
        WHERE status IN ('pending', 'sending')
          AND next_attempt_at <= $1
          AND (status = 'pending' OR locked_until < $1)
          AND ($3::timestamptz IS NULL OR (next_attempt_at, id) > ($3::timestamptz, $4::uuid))
        ORDER BY next_attempt_at, id
        LIMIT $2`,
      [now, limit, after?.nextAttemptAt ?? null, after?.id ?? null],
    );
    return rows.map((r) => ({ id: r.id, attempts: r.attempts, nextAttemptAt: r.next_attempt_at }));
  }

  /** TypeORM's postgres driver answers an UPDATE with `[rows, rowCount]`. */
  private async update<Row>(sql: string, parameters: unknown[], manager?: EntityManager): Promise<Row[]> {
    const [rows] = await (manager ?? this.dataSource.manager).query<[Row[], number]>(sql, parameters);
    return rows;
  }
}
