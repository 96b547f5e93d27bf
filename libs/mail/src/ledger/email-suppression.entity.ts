import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Hard bounces (5xx) per address. After a few, the address is suppressed: nothing more is sent to it until it
 * changes (a new address is a new row). Erased with the person's data.
 */
@Entity('email_suppressions')
export class EmailSuppression {
  /** Lower-cased address. */
  @PrimaryColumn({ type: 'varchar', length: 254 })
  address!: string;

  @Column({ type: 'integer', default: 0 })
  hardBounces!: number;

  /** Set once hardBounces reaches the threshold. */
  @Column({ type: 'timestamptz', nullable: true })
  suppressedAt!: Date | null;

  /** The provider's last refusal, e.g. `550 5.1.1 mailbox unavailable`. */
  @Column({ type: 'text', nullable: true })
  lastResponse!: string | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
