import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { DomainEventType } from './domain-events';

/** One domain event, written in the transaction of the change it describes; relayed by the worker. */
@Entity('outbox_events')
@Index('outbox_events_unpublished_idx', ['id'], { where: 'published_at IS NULL' })
@Index('outbox_events_aggregate_idx', ['aggregateId', 'id'])
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
}
