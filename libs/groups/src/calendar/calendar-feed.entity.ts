import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum FeedOwner {
  Group = 'group',
  User = 'user',
}

/**
 * A subscribable iCalendar URL. Calendar apps cannot send our access tokens, so the URL carries a secret;
 * only its SHA-256 is stored, and revoking it (or asking for a new one) cuts off every subscriber.
 */
@Entity('calendar_feeds')
@Check('calendar_feeds_owner_check', `owner_type IN ('group', 'user')`)
@Index('calendar_feeds_owner_idx', ['ownerType', 'ownerId'])
export class CalendarFeed {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 8 })
  ownerType!: FeedOwner;

  /** The group, or the user whose meetings across groups the feed lists. */
  @Column({ type: 'uuid' })
  ownerId!: string;

  /** Who made the link (a facilitator for a group feed, the user for their own). */
  @Column({ type: 'uuid' })
  createdBy!: string;

  @Column({ type: 'bytea', unique: true })
  tokenHash!: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
