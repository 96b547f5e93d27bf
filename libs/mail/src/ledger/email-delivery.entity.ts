import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum DeliveryStatus {
  /** Waiting to be sent (possibly after a back-off: see nextAttemptAt). */
  Pending = 'pending',
  /** Claimed by a worker until lockedUntil; a crashed worker's claim expires and the row is retried. */
  Sending = 'sending',
  Sent = 'sent',
  /** Nothing to send any more (the user was deleted, or the email no longer applies). */
  Skipped = 'skipped',
  /** Refused for good (5xx) or out of attempts. */
  Failed = 'failed',
}

/**
 * The delivery ledger: one row per email that should exist. The unique dedupe key makes a second copy of the
 * same email impossible at the database, whatever the queue does.
 */
@Entity('email_deliveries')
@Check('email_deliveries_status_check', `status IN ('pending', 'sending', 'sent', 'skipped', 'failed')`)
@Check('email_deliveries_finished_check', `(finished_at IS NOT NULL) = (status IN ('sent', 'skipped', 'failed'))`)
// No index names `status` or `updated_at`, which a claim changes: so a claim is a HOT update that touches no index
// (migration LedgerHotClaims). `finished_at` changes only when a row ends.
@Index('email_deliveries_due_idx', ['nextAttemptAt'], { where: `finished_at IS NULL` })
// What retention deletes, oldest first: finished rows (libs/mail/src/retention).
@Index('email_deliveries_finished_idx', ['finishedAt'], { where: `finished_at IS NOT NULL` })
export class EmailDelivery {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** What makes this email unique, e.g. `verify-email:<user>:<n>` or `digest:daily:<user>:<local date>`. */
  @Column({ type: 'varchar', length: 300, unique: true })
  dedupeKey!: string;

  /** Which composer renders it, e.g. `identity.verify-email`. */
  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  @Index('email_deliveries_user_idx')
  @Column({ type: 'uuid', nullable: true })
  userId!: string | null;

  /** Null once the recipient's personal data is erased. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  toAddress!: string | null;

  @Column({ type: 'varchar', length: 8 })
  locale!: string;

  /** Ids and settings the composer needs; never secrets, never rendered content. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload!: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: DeliveryStatus.Pending })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Not to be sent before this instant (first due time, then back-off after a transient failure). */
  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  subject!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId!: string | null;

  /** The provider's last answer (e.g. `250 2.0.0 OK` or `550 mailbox unavailable`). */
  @Column({ type: 'text', nullable: true })
  lastResponse!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  /**
   * The requester may ask for this dedupe key again until this instant (a meeting change: until the meeting
   * starts), so retention keeps the row at least that long. Null: never asked for again once finished.
   */
  @Column({ type: 'timestamptz', nullable: true })
  keyHeldUntil!: Date | null;

  /** When the row ended (sent, skipped or failed); null while it is pending or sending. */
  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
