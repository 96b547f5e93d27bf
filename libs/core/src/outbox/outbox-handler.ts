import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DomainEventPayloads, DomainEventType } from './domain-events';

/** One outbox event as the relay hands it over. */
export interface RelayedEvent<T extends DomainEventType = DomainEventType> {
  id: string;
  type: T;
  aggregateId: string;
  payload: DomainEventPayloads[T];
  occurredAt: Date;
}

/**
 * Turns outbox events into their effects (schedule rows, derived state such as peer review's uncertain set), inside
 * the relay's transaction: the event is marked published in the same commit, so its effect happens exactly once.
 *
 * Handlers get a whole batch of their event types, in id order, and should work in sets (one statement per
 * batch, not per event). Two workers relay disjoint batches concurrently, so a handler must not trust event
 * order across batches: re-derive from the current state of the subject (the meeting as it is now), which makes
 * handling idempotent too.
 */
export interface OutboxEventHandler {
  readonly name: string;
  readonly handles: readonly DomainEventType[];
  handle(manager: EntityManager, events: RelayedEvent[]): Promise<HandlerOutcome | void>;
}

/** What a handler asks the relay to do once its transaction has committed. */
export interface HandlerOutcome {
  /** Email ledger rows it wrote, to hand to the worker (the reconciler would find them anyway, later). */
  deliveryIds?: string[];
}

@Injectable()
export class OutboxHandlerRegistry {
  private readonly handlers: OutboxEventHandler[] = [];

  register(handler: OutboxEventHandler): void {
    this.handlers.push(handler);
  }

  /** The handlers interested in each type; several handlers may share one type. */
  handlersOf(type: DomainEventType): OutboxEventHandler[] {
    return this.handlers.filter((h) => h.handles.includes(type));
  }

  all(): readonly OutboxEventHandler[] {
    return this.handlers;
  }
}
