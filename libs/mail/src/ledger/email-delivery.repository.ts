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

/** One claimed attempt and how it ended. */
export interface FinishedAttempt {
  id: string;
  /** The claim's attempt number: its fencing token. */
  attempts: number;
  outcome: AttemptOutcome;
}

const SUBJECT_MAX = 300;

/*
 * Statements that take rows by id test their status, never `finished_at IS NULL`: that would let the planner read
 * the partial index email_deliveries_due_idx instead of the primary key. Its statistics lag behind a burst just
 * released (100,000 rows due at the top of an hour), so it took the index for small and scanned every due row for
 * each batch of 100: 20-30 ms a statement instead of under 1 ms, until the burst was mostly sent. They still test
 * the status in a CASE (or as NOT IN), as when the index's predicate named it.
 *
 * A claim changes no indexed column (status, attempts, locked_until, updated_at), so it is a HOT update; an outcome
 * that ends a row sets `finished_at` (held equal to the status by a CHECK), which moves the row from the due index
 * to the finished one.
 */

/** Sets `finished_at` in an UPDATE whose new status is `status` (SQL): the instant `at` once the row has ended. */
const finishedAtFor = (status: string, at: string): string =>
  `CASE WHEN ${status} IN ('sent', 'skipped', 'failed') THEN ${at}::timestamptz END`;

/** The ledger's state transitions, each one statement, for one row or a batch. */
@Injectable()
export class EmailDeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Claim before act: one UPDATE takes the due rows among `ids` (pending, or sending under an expired lease) and
   * counts an attempt on each. Rows another transaction holds are skipped, not waited for (SKIP LOCKED, taken in id
   * order), so concurrent claims of overlapping batches neither deadlock nor claim a row twice: a second job for
   * the same row finds nothing, and a sent row is never claimed again.
   */
  async claimMany(ids: readonly string[], now: Date, leaseMs: number): Promise<ClaimedDelivery[]> {
    if (ids.length === 0) return [];
    const rows = await this.update<ClaimedRow>(
      `UPDATE email_deliveries d
          SET status = 'sending', attempts = d.attempts + 1, locked_until = $3, updated_at = $2
        WHERE d.id IN (
                SELECT id FROM email_deliveries
                 WHERE id = ANY($1::uuid[])
                   AND CASE status
                         WHEN 'pending' THEN next_attempt_at <= $2
                         WHEN 'sending' THEN next_attempt_at <= $2 AND locked_until < $2
                         ELSE false
                       END
                 ORDER BY id
                   FOR UPDATE SKIP LOCKED)
        RETURNING d.id, d.kind, d.dedupe_key, d.user_id, d.to_address, d.locale, d.payload, d.attempts`,
      [ids, now, new Date(now.getTime() + leaseMs)],
    );
    return rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      dedupeKey: row.dedupe_key,
      userId: row.user_id,
      toAddress: row.to_address,
      locale: row.locale,
      payload: row.payload,
      attempts: row.attempts,
    }));
  }

  async claim(id: string, now: Date, leaseMs: number): Promise<ClaimedDelivery | null> {
    const [claimed] = await this.claimMany([id], now, leaseMs);
    return claimed ?? null;
  }

  /**
   * Records how claimed attempts ended, in one statement. Fenced by the attempt number: if a lease ran out and
   * another worker claimed the row meanwhile, that stale result is dropped instead of overwriting theirs.
   * Returns the ids recorded. `manager`: to record in the caller's transaction (with what else the outcome changes).
   */
  async finishAttempts(attempts: readonly FinishedAttempt[], now: Date, manager?: EntityManager): Promise<Set<string>> {
    if (attempts.length === 0) return new Set();
    const column = <T>(pick: (a: FinishedAttempt) => T): T[] => attempts.map(pick);
    const rows = await this.update<{ id: string }>(
      `UPDATE email_deliveries d
          SET status = o.status,
              locked_until = NULL,
              last_response = o.response,
              next_attempt_at = COALESCE(o.next_attempt_at, d.next_attempt_at),
              message_id = COALESCE(o.message_id, d.message_id),
              subject = COALESCE(o.subject, d.subject),
              sent_at = CASE WHEN o.status = 'sent' THEN $1::timestamptz ELSE d.sent_at END,
              finished_at = ${finishedAtFor('o.status', '$1')},
              updated_at = $1
         FROM unnest($2::uuid[], $3::int[], $4::varchar[], $5::text[], $6::timestamptz[], $7::varchar[], $8::varchar[])
              AS o(id, attempts, status, response, next_attempt_at, message_id, subject)
        WHERE d.id = o.id AND CASE d.status WHEN 'sending' THEN d.attempts = o.attempts ELSE false END
        RETURNING d.id`,
      [
        now,
        column((a) => a.id),
        column((a) => a.attempts),
        column((a) => a.outcome.status),
        column((a) => a.outcome.response),
        column((a) => (a.outcome.status === DeliveryStatus.Pending ? a.outcome.nextAttemptAt : null)),
        column((a) => (a.outcome.status === DeliveryStatus.Sent ? a.outcome.messageId : null)),
        column((a) => a.outcome.subject?.slice(0, SUBJECT_MAX) ?? null),
      ],
      manager,
    );
    return new Set(rows.map((row) => row.id));
  }

  async finishAttempt(
    id: string,
    attempts: number,
    now: Date,
    outcome: AttemptOutcome,
    manager?: EntityManager,
  ): Promise<boolean> {
    return (await this.finishAttempts([{ id, attempts, outcome }], now, manager)).has(id);
  }

  /** The rows among `ids` still waiting to be sent (or whose claim may still be live). */
  async findOpen(ids: readonly string[]): Promise<OpenDelivery[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.query<OpenRow[]>(
      `SELECT id, status, attempts, next_attempt_at, locked_until
         FROM email_deliveries
        WHERE id = ANY($1::uuid[]) AND status NOT IN ('sent', 'skipped', 'failed')`,
      [ids],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      attempts: row.attempts,
      nextAttemptAt: row.next_attempt_at,
      lockedUntil: row.locked_until,
    }));
  }

  /**
   * Rows that should be in flight: pending and due by `dueBy`, or sending under a lease expired at `now` (a
   * worker died). One query per page, in keyset order (due time, id); the partial index email_deliveries_due_idx
   * serves it.
   */
  async findDue(
    { now, dueBy = now }: { now: Date; dueBy?: Date },
    limit: number,
    after?: DueDelivery,
  ): Promise<DueDelivery[]> {
    const rows = await this.dataSource.query<{ id: string; attempts: number; next_attempt_at: Date }[]>(
      `SELECT id, attempts, next_attempt_at
         FROM email_deliveries
        WHERE finished_at IS NULL
          AND next_attempt_at <= $2
          AND (status = 'pending' OR locked_until < $1)
          AND ($4::timestamptz IS NULL OR (next_attempt_at, id) > ($4::timestamptz, $5::uuid))
        ORDER BY next_attempt_at, id
        LIMIT $3`,
      [now, dueBy, limit, after?.nextAttemptAt ?? null, after?.id ?? null],
    );
    return rows.map((r) => ({ id: r.id, attempts: r.attempts, nextAttemptAt: r.next_attempt_at }));
  }

  /** TypeORM's postgres driver answers an UPDATE with `[rows, rowCount]`. */
  private async update<Row>(sql: string, parameters: unknown[], manager?: EntityManager): Promise<Row[]> {
    const [rows] = await (manager ?? this.dataSource.manager).query<[Row[], number]>(sql, parameters);
    return rows;
  }
}
