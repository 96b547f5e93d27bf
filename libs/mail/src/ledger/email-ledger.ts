import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, JobQueue } from '@app/core';
import { DeliveryStatus, EmailDelivery } from './email-delivery.entity';
import { MailJob } from '../mail.jobs';

export interface EmailRequest {
  kind: string;
  dedupeKey: string;
  userId: string | null;
  to: string;
  locale: string;
  payload?: Record<string, unknown>;
  /** Not before this instant; now when omitted. */
  notBefore?: Date;
  /**
   * Until when this key may be requested again (e.g. a meeting change re-derived from the meeting, until it
   * starts): retention keeps the row, hence the key, at least that long. Omit when the key is never asked for
   * again after its email has gone, or only from the notification schedule.
   */
  keyHeldUntil?: Date;
}

/** A ledger row `requestMany` created: its id, and when it is first due. */
export interface RequestedEmail {
  id: string;
  notBefore: Date;
}

/** What `enqueue` takes: the id of a row due now, or a requested row (a batch job waits until it is due). */
export type QueuedEmail = string | RequestedEmail;

/**
 * Margin past a row's due instant before its job runs, so a job never wakes a hair too early (another process's
 * clock, timer granularity) and finds the row not yet due.
 */
export const WAKE_MARGIN_MS = 250;

/** Rows per INSERT of `requestMany`: bounds one statement's arrays (an announcement to a large cohort). */
const REQUEST_CHUNK = 1000;

/**
 * BullMQ job id of a delivery awaiting its attempt number `attempts + 1`: deterministic, so enqueuing twice
 * makes one job, and new with every attempt, so a finished job kept in Redis never blocks the next attempt.
 */
export const sendEmailJobId = (deliveryId: string, attempts = 0): string =>
  attempts === 0 ? `email-${deliveryId}` : `email-${deliveryId}-a${attempts}`;

/** Rows per SendEmailBatch job: one claim and one query per gate and digest section for up to this many emails. */
export const SEND_BATCH_SIZE = 100;

/**
 * BullMQ job id of a batch: derived from its rows (and `salt`), so handing the same rows over twice makes one job.
 * The reconciler salts its batches with its pass, so a batch it hands over again later is a new job.
 */
export const sendEmailBatchJobId = (deliveryIds: readonly string[], salt = ''): string =>
  `emails-${createHash('sha256')
    .update(`${salt}|${deliveryIds.join(',')}`)
    .digest('hex')
    .slice(0, 32)}`;

/** Records emails that should exist, inside the caller's transaction, and hands them to the worker. */
@Injectable()
export class EmailLedger {
  private readonly logger = new Logger(EmailLedger.name);

  constructor(
    private readonly clock: Clock,
    private readonly jobs: JobQueue,
  ) {}

  /**
   * Adds a ledger row unless one with the same dedupe key exists. Call inside the transaction that makes the
   * email necessary, then `enqueue` the returned id after commit.
   */
  async request(manager: EntityManager, email: EmailRequest): Promise<{ id: string; created: boolean }> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(EmailDelivery)
      .values({
        kind: email.kind,
        dedupeKey: email.dedupeKey,
        userId: email.userId,
        toAddress: email.to,
        locale: email.locale,
        payload: () => ':payload',
        status: DeliveryStatus.Pending,
        nextAttemptAt: email.notBefore ?? this.clock.now(),
        keyHeldUntil: email.keyHeldUntil ?? null,
      })
      .setParameter('payload', JSON.stringify(email.payload ?? {}))
      .orIgnore()
      .returning(['id'])
      .execute();
    const row = inserted.raw as { id: string }[];
    if (row[0]) return { id: row[0].id, created: true };
    const existing = await manager.findOneOrFail(EmailDelivery, {
      where: { dedupeKey: email.dedupeKey },
      select: { id: true },
    });
    return { id: existing.id, created: false };
  }

  /**
   * Adds many ledger rows at once (e.g. one per learner of an announcement), skipping dedupe keys that exist:
   * one multi-row INSERT per chunk, whatever the number of recipients. Returns the rows it created, in no
   * particular order; `enqueue` them after commit (rows that existed already have their own jobs).
   */
  async requestMany(manager: EntityManager, emails: readonly EmailRequest[]): Promise<RequestedEmail[]> {
    const now = this.clock.now();
    const requested: RequestedEmail[] = [];
    for (let start = 0; start < emails.length; start += REQUEST_CHUNK) {
      const chunk = emails.slice(start, start + REQUEST_CHUNK);
      const column = <T>(pick: (email: EmailRequest) => T): T[] => chunk.map(pick);
      // One array per column: the same short statement for any number of rows (a VALUES list of 7 parameters a
      // row was a new 3,500-parameter text for PostgreSQL to parse at each release of 500).
      const rows = await manager.query<{ id: string; next_attempt_at: Date }[]>(
        `INSERT INTO email_deliveries (dedupe_key, kind, user_id, to_address, locale, payload, status, next_attempt_at,
                                       key_held_until)
         SELECT dedupe_key, kind, user_id, to_address, locale, payload, '${DeliveryStatus.Pending}', next_attempt_at,
                key_held_until
           FROM unnest($1::varchar[], $2::varchar[], $3::uuid[], $4::varchar[], $5::varchar[], $6::jsonb[],
                       $7::timestamptz[], $8::timestamptz[])
                AS e(dedupe_key, kind, user_id, to_address, locale, payload, next_attempt_at, key_held_until)
         ON CONFLICT (dedupe_key) DO NOTHING
         RETURNING id, next_attempt_at`,
        [
          column((e) => e.dedupeKey),
          column((e) => e.kind),
          column((e) => e.userId),
          column((e) => e.to),
          column((e) => e.locale),
          column((e) => JSON.stringify(e.payload ?? {})),
          column((e) => (e.notBefore ?? now).toISOString()),
          column((e) => e.keyHeldUntil?.toISOString() ?? null),
        ],
      );
      requested.push(...rows.map((row) => ({ id: row.id, notBefore: row.next_attempt_at })));
    }
    return requested;
  }

  /**
   * Hands committed rows to the worker, in batches of SEND_BATCH_SIZE, in one round trip: rows due now at once,
   * rows due later (released ahead of their instant, or held by quiet hours) in batches that wait in Redis until
   * their instant. If Redis is unreachable the rows stay pending and the reconciler enqueues them later, so a
   * failure here is logged, not thrown: the caller's change has already committed.
   */
  async enqueue(emails: readonly QueuedEmail[], salt?: string): Promise<void> {
    const now = this.clock.now().getTime();
    const byDelay = new Map<number, string[]>();
    for (const email of emails) {
      const [id, due] = typeof email === 'string' ? [email, now] : [email.id, email.notBefore.getTime()];
      const delay = due > now ? due - now + WAKE_MARGIN_MS : 0;
      const ids = byDelay.get(delay);
      if (ids) ids.push(id);
      else byDelay.set(delay, [id]);
    }
    const batches: { ids: string[]; delay: number }[] = [];
    for (const [delay, ids] of byDelay) {
      for (let start = 0; start < ids.length; start += SEND_BATCH_SIZE) {
        batches.push({ ids: ids.slice(start, start + SEND_BATCH_SIZE), delay });
      }
    }
    try {
      await this.jobs.enqueueMany(
        MailJob.SendEmailBatch,
        batches.map(({ ids, delay }) => ({
          data: { deliveryIds: ids },
          options: { jobId: sendEmailBatchJobId(ids, salt), delay },
        })),
      );
    } catch (error) {
      this.logger.warn(
        { emails: emails.length, err: (error as Error).message },
        'could not enqueue emails; the reconciler will retry',
      );
    }
  }
}
