import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, type DomainEventType } from '@app/core';
import { EmailLedger } from '@app/mail';
import { OutboxHandlerRegistry, type RelayedEvent } from './outbox-handler';

export const RELAY_BATCH = 500;
/** Batches one job relays at most before yielding, so a backlog never holds the queue for long. */
const MAX_BATCHES_PER_RUN = 20;

interface OutboxRow {
  id: string;
  type: DomainEventType;
  aggregate_id: string;
  payload: RelayedEvent['payload'];
  occurred_at: Date;
}

/**
 * Hands unpublished outbox events to the handlers that want them and marks them published, in one transaction:
 * an event's effects commit together with its "published" mark, or not at all. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several workers relay disjoint batches and none handles an event twice.
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
  async relay(limit = RELAY_BATCH): Promise<{ events: number; batches: number }> {
    let events = 0;
    let batches = 0;
    while (batches < MAX_BATCHES_PER_RUN) {
      const relayed = await this.relayBatch(limit);
      batches++;
      events += relayed;
      if (relayed < limit) break;
    }
    return { events, batches };
  }

  async relayBatch(limit = RELAY_BATCH): Promise<number> {
    const deliveryIds: string[] = [];
    const count = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<OutboxRow[]>(
        `SELECT id, type, aggregate_id, payload, occurred_at
           FROM outbox_events
          WHERE published_at IS NULL
          ORDER BY id
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      const events: RelayedEvent[] = rows.map((r) => ({
        id: r.id,
        type: r.type,
        aggregateId: r.aggregate_id,
        payload: r.payload,
        occurredAt: r.occurred_at,
      }));
      for (const handler of this.registry.all()) {
        const mine = events.filter((e) => handler.handles.includes(e.type));
        if (mine.length === 0) continue;
        const outcome = await handler.handle(manager, mine);
        if (outcome?.deliveryIds) deliveryIds.push(...outcome.deliveryIds);
      }
      await manager.query(`UPDATE outbox_events SET published_at = $2 WHERE id = ANY($1::bigint[])`, [
        rows.map((r) => r.id),
        this.clock.now(),
      ]);
      return rows.length;
    });
    if (deliveryIds.length > 0) await this.ledger.enqueue(deliveryIds);
    if (count > 0) this.logger.debug({ events: count }, 'outbox events relayed');
    return count;
  }
}
