import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { aggregateOfEvent, type DomainEventPayloads, type DomainEventType } from './domain-events';
import { OutboxEvent } from './outbox-event.entity';

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
    await manager.insert(OutboxEvent, {
      type,
      aggregateType: aggregateOfEvent(type),
      aggregateId,
      payload,
      occurredAt: this.clock.now(),
    });
  }
}
