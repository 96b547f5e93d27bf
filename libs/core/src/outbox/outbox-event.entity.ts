import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DomainEventType } from './domain-events';

/** One domain event, written in the transaction of the change it describes; relayed by the worker. */
@Entity('outbox_events')
// What the relay may claim: neither published nor quarantined (those waiting out a back-off are few).
@Index('outbox_events_relayable_idx', ['id'], { where: 'published_at IS NULL AND quarantined_at IS NULL' })
@Index('outbox_events_quarantined_idx', ['id'], { where: 'quarantined_at IS NOT NULL' })
@Index('outbox_events_aggregate_idx', ['aggregateId', 'id'])
// What retention deletes, oldest first: published events (libs/notifications/src/retention).
@Index('outbox_events_published_idx', ['publishedAt'], { where: 'published_at IS NOT NULL' })
@Check('outbox_events_quarantine_check', 'quarantined_at IS NULL OR published_at IS NULL')
@Check('outbox_events_attempts_check', 'attempts >= 0')
export class OutboxEvent {
  /** Commit order is close to id order; consumers read by id. */
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  type!: DomainEventType;

  @Column({ type: 'varchar', length: 32 })
  aggregateType!: string;

  @Column({ type: 'uuid' })
  aggregateId!: string;

  @Column({ type: 'jsonb' })
  payload!: object;

  @Column({ type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;

  /** Times a handler threw on this event; the relay quarantines it after a few. */
  @Column({ type: 'smallint', default: 0 })
  attempts!: number;

  /** The last failure: which handler, and the error's message (never the payload or a stack). */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError!: string | null;

  /** After a failure, not relayed again before this instant (back-off). */
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  /** Set when the event failed too often: kept for an operator, never relayed again automatically. */
  @Column({ type: 'timestamptz', nullable: true })
  quarantinedAt!: Date | null;
}
