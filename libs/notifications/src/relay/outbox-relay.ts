import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock, type DomainEventType, OutboxHandlerRegistry, type RelayedEvent } from '@app/core';
import { EmailLedger } from '@app/mail';
import { describeFailure, OUTBOX_MAX_ATTEMPTS, outboxRetryDelayMs } from './relay-retry-policy';

export const RELAY_BATCH = 500;
/** Batches one job relays at most before yielding, so a backlog never holds the queue for long. */
const MAX_BATCHES_PER_RUN = 20;
/** One name is enough: a savepoint is always released (or rolled back and released) before the next is set. */
const SAVEPOINT = 'outbox_relay_handlers';

interface OutboxRow {
  id: string;
  type: DomainEventType;
  aggregate_id: string;
  payload: RelayedEvent['payload'];
  occurred_at: Date;
  attempts: number;
}

/** A handler threw: which one, so the event's record names it. */
class HandlerFailure extends Error {
  constructor(
    readonly handler: string,
    readonly error: unknown,
  ) {
    super(`outbox handler ${handler} failed`);
  }
}

/** What handling a set of events under savepoints came to. */
interface Handling {
  handled: RelayedEvent[];
  failures: { event: RelayedEvent; handler: string; error: unknown }[];
  deliveryIds: string[];
}

/** One failed event as it is recorded: safe to log (ids, type, handler, counts; no payload, no message). */
interface RecordedFailure {
  eventId: string;
  eventType: DomainEventType;
  handler: string;
  attempts: number;
  lastError: string;
  nextAttemptAt: Date | null;
  quarantined: boolean;
}

// Type aliases, not interfaces: a run is the job's result, a plain record of counts.
export type RelayedBatch = {
  /** Events claimed: handled, failed or quarantined. */
  claimed: number;
  handled: number;
  /** Failed this time and due again after a back-off. */
  retrying: number;
  /** Failed for the last time: kept, never relayed again automatically. */
  quarantined: number;
};

export type RelayRun = {
  events: number;
  batches: number;
  retrying: number;
  quarantined: number;
};

/**
 * Hands unpublished outbox events to the handlers that want them and marks them published, in one transaction:
 * an event's effects commit together with its "published" mark, or not at all. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several workers relay disjoint batches and none handles an event twice.
 *
 * A handler that throws must not hold the others hostage: the batch is handled under a savepoint, and when it
 * fails the savepoint is rolled back and each half is tried again under its own, down to the single events that
 * fail. The rest commit with their "published" mark; each failing event gets its attempt and error recorded and a
 * back-off, and after `OUTBOX_MAX_ATTEMPTS` it is quarantined. The common case (nothing fails) costs one savepoint;
 * one poison event among n costs about 2·log2(n) more handler runs.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly registry: OutboxHandlerRegistry,
    private readonly ledger: EmailLedger,
  ) {}

  /** Relays batches until the outbox is drained (or a bounded number of batches). */
  async relay(limit = RELAY_BATCH): Promise<RelayRun> {
    const run: RelayRun = { events: 0, batches: 0, retrying: 0, quarantined: 0 };
    while (run.batches < MAX_BATCHES_PER_RUN) {
      const batch = await this.relayBatch(limit);
      run.batches++;
      run.events += batch.claimed;
      run.retrying += batch.retrying;
      run.quarantined += batch.quarantined;
      if (batch.claimed < limit) break;
    }
    return run;
  }

  async relayBatch(limit = RELAY_BATCH): Promise<RelayedBatch> {
    const now = this.clock.now();
    const { claimed, handled, failures, deliveryIds } = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<OutboxRow[]>(
        `SELECT id, type, aggregate_id, payload, occurred_at, attempts
           FROM outbox_events
          WHERE published_at IS NULL AND quarantined_at IS NULL
            AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
          ORDER BY id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [limit, now],
      );
      if (rows.length === 0) return { claimed: 0, handled: 0, failures: [], deliveryIds: [] };
      const events: RelayedEvent[] = rows.map((r) => ({
        id: r.id,
        type: r.type,
        aggregateId: r.aggregate_id,
        payload: r.payload,
        occurredAt: r.occurred_at,
      }));
      const handling = await this.handleIsolating(manager, events);
      if (handling.handled.length > 0) {
        await manager.query(`UPDATE outbox_events SET published_at = $2 WHERE id = ANY($1::bigint[])`, [
          handling.handled.map((e) => e.id),
          now,
        ]);
      }
      const attemptsBefore = new Map(rows.map((r) => [r.id, r.attempts]));
      const recorded = handling.failures.map(({ event, handler, error }) =>
        this.failureRecord(event, handler, error, (attemptsBefore.get(event.id) ?? 0) + 1, now),
      );
      await this.recordFailures(manager, recorded, now);
      return {
        claimed: rows.length,
        handled: handling.handled.length,
        failures: recorded,
        deliveryIds: handling.deliveryIds,
      };
    });
    if (deliveryIds.length > 0) await this.ledger.enqueue(deliveryIds);
    this.logFailures(failures);
    if (claimed > 0) this.logger.debug({ events: claimed, failed: failures.length }, 'outbox events relayed');
    const quarantined = failures.filter((f) => f.quarantined).length;
    return { claimed, handled, retrying: failures.length - quarantined, quarantined };
  }

  /**
   * Runs the handlers on `events` under a savepoint; if one throws, rolls the savepoint back and bisects, so every
   * event that can be handled is, and only the ones that fail on their own are left out.
   */
  private async handleIsolating(manager: EntityManager, events: RelayedEvent[]): Promise<Handling> {
    await manager.query(`SAVEPOINT ${SAVEPOINT}`);
    try {
      const deliveryIds = await this.handleAll(manager, events);
      await manager.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      return { handled: events, failures: [], deliveryIds };
    } catch (error) {
      // Not a handler's failure (e.g. the connection is gone): the whole transaction fails and nothing is recorded.
      if (!(error instanceof HandlerFailure)) throw error;
      await manager.query(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      await manager.query(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      const [only] = events;
      if (events.length === 1 && only) {
        return {
          handled: [],
          failures: [{ event: only, handler: error.handler, error: error.error }],
          deliveryIds: [],
        };
      }
      const middle = Math.ceil(events.length / 2);
      const first = await this.handleIsolating(manager, events.slice(0, middle));
      const second = await this.handleIsolating(manager, events.slice(middle));
      return {
        handled: [...first.handled, ...second.handled],
        failures: [...first.failures, ...second.failures],
        deliveryIds: [...first.deliveryIds, ...second.deliveryIds],
      };
    }
  }

  /** Every handler on its share of `events`; the delivery ids they wrote. */
  private async handleAll(manager: EntityManager, events: RelayedEvent[]): Promise<string[]> {
    const deliveryIds: string[] = [];
    for (const handler of this.registry.all()) {
      const mine = events.filter((e) => handler.handles.includes(e.type));
      if (mine.length === 0) continue;
      try {
        const outcome = await handler.handle(manager, mine);
        if (outcome?.deliveryIds) deliveryIds.push(...outcome.deliveryIds);
      } catch (error) {
        throw new HandlerFailure(handler.name, error);
      }
    }
    return deliveryIds;
  }

  private failureRecord(
    event: RelayedEvent,
    handler: string,
    error: unknown,
    attempts: number,
    now: Date,
  ): RecordedFailure {
    const quarantined = attempts >= OUTBOX_MAX_ATTEMPTS;
    return {
      eventId: event.id,
      eventType: event.type,
      handler,
      attempts,
      lastError: describeFailure(handler, error),
      nextAttemptAt: quarantined ? null : new Date(now.getTime() + outboxRetryDelayMs(attempts)),
      quarantined,
    };
  }

  /** One statement for the batch's failures, in the batch's transaction (the rows are still locked). */
  private async recordFailures(manager: EntityManager, failures: RecordedFailure[], now: Date): Promise<void> {
    if (failures.length === 0) return;
    await manager.query(
      `UPDATE outbox_events e
          SET attempts = f.attempts, last_error = f.last_error, next_attempt_at = f.next_attempt_at,
              quarantined_at = CASE WHEN f.quarantined THEN $6::timestamptz END
         FROM unnest($1::bigint[], $2::smallint[], $3::text[], $4::timestamptz[], $5::boolean[])
              AS f(id, attempts, last_error, next_attempt_at, quarantined)
        WHERE e.id = f.id`,
      [
        failures.map((f) => f.eventId),
        failures.map((f) => f.attempts),
        failures.map((f) => f.lastError),
        failures.map((f) => f.nextAttemptAt?.toISOString() ?? null),
        failures.map((f) => f.quarantined),
        now,
      ],
    );
  }

  /** Ids, types, handler names and counts only: the message stays in `last_error`, where operators read it. */
  private logFailures(failures: RecordedFailure[]): void {
    for (const { eventId, eventType, handler, attempts, nextAttemptAt, quarantined } of failures) {
      if (quarantined) {
        this.logger.error(
          { eventId, eventType, handler, attempts },
          'outbox event quarantined: its handler kept failing; it will not be relayed again without an operator',
        );
      } else {
        this.logger.warn({ eventId, eventType, handler, attempts, nextAttemptAt }, 'outbox event failed; will retry');
      }
    }
  }
}
