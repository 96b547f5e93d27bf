import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { aggregateOfEvent, type DomainEventPayloads, type DomainEventType } from './domain-events';
import { preparedQuery } from '../database/prepared-query';

/** Records domain events. Always pass the manager of the transaction that makes the change. */
@Injectable()
export class Outbox {
  constructor(private readonly clock: Clock) {}

  async record<T extends DomainEventType>(
    manager: EntityManager,
    type: T,
    aggregateId: string,
    payload: DomainEventPayloads[T],
  ): Promise<void> {
    // A prepared statement, not the entity's query builder: every write of the application passes here.
    await preparedQuery(
      manager,
      'outbox-record',
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload, occurred_at)
       VALUES ($1, $2, $3, $4::jsonb, $5)`,
      [type, aggregateOfEvent(type), aggregateId, JSON.stringify(payload), this.clock.now()],
    );
  }
}
