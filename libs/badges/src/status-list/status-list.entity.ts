import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { BadgeIssuer } from '../issuers/badge-issuer.entity';

/**
 * One revocation status list of an issuer, and the signed BitstringStatusListCredential that publishes it, signed
 * again in the transaction of every revocation so that what is served is always current. Entries come from the
 * sequence `badge_status_entries` (entry n: list number n / size, index scrambled from n mod size), which hands
 * them out without a lock held until commit; an entry whose award rolls back stays unused.
 */
@Entity('badge_status_lists')
@Unique('badge_status_lists_number', ['issuerId', 'number'])
@Check('badge_status_lists_size', '"size" >= 131072 AND "size" % 8 = 0')
export class StatusList {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'issuer_id' })
  issuerId!: string;

  @ManyToOne(() => BadgeIssuer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'issuer_id' })
  issuer?: BadgeIssuer;

  @Column({ type: 'integer' })
  size!: number;

  /** Which block of `size` entries of the sequence this list holds. */
  @Column({ type: 'integer' })
  number!: number;

  /** The signed status list credential as served. */
  @Column({ type: 'jsonb' })
  credential!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
