import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { Achievement } from '../achievements/achievement.entity';
import { IssuerKey } from '../issuers/issuer-key.entity';
import { StatusList } from '../status-list/status-list.entity';

export type AwardSource = 'rule' | 'facilitator' | 'nomination';

/** One piece of evidence as the credential carries it (an OB 3.0 `Evidence`). */
export interface AwardEvidence {
  narrative?: string;
  /** A link to the work (http or https). */
  url?: string;
  name?: string;
}

/**
 * One person's badge: an achievement awarded once, and the signed OpenBadgeCredential that says so, kept exactly
 * as signed (a verifier gets these bytes). The credential names its recipient only by a salted hash of their email,
 * so when the person is erased `recipient_id` goes and the credential stays verifiable. Its revocation bit is its
 * `status_index` in `status_list_id`.
 */
@Entity('badge_awards')
@Unique('badge_awards_once_per_person', ['achievementId', 'recipientId'])
@Unique('badge_awards_status_entry', ['statusListId', 'statusIndex'])
@Index('badge_awards_recipient', ['recipientId'])
@Check('badge_awards_source', `"source" IN ('rule', 'facilitator', 'nomination')`)
@Check('badge_awards_status_index', '"status_index" >= 0')
@Check('badge_awards_revocation', '("revoked_at" IS NULL) = ("revocation_reason" IS NULL)')
export class Award {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'achievement_id' })
  achievementId!: string;

  @ManyToOne(() => Achievement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'achievement_id' })
  achievement?: Achievement;

  /** The person (no foreign key: identity is below); null once they are erased. */
  @Column({ type: 'uuid', name: 'recipient_id', nullable: true })
  recipientId!: string | null;

  @Column({ type: 'character varying', length: 16 })
  source!: AwardSource;

  /** The facilitator or admin who awarded it, or approved the nomination; null for a rule. */
  @Column({ type: 'uuid', name: 'awarded_by', nullable: true })
  awardedBy!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence!: AwardEvidence[];

  @Column({ type: 'timestamptz', name: 'valid_from' })
  validFrom!: Date;

  @Column({ type: 'timestamptz', name: 'valid_until', nullable: true })
  validUntil!: Date | null;

  @Column({ type: 'uuid', name: 'status_list_id' })
  statusListId!: string;

  @ManyToOne(() => StatusList, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'status_list_id' })
  statusList?: StatusList;

  @Column({ type: 'integer', name: 'status_index' })
  statusIndex!: number;

  @Column({ type: 'uuid', name: 'key_id' })
  keyId!: string;

  @ManyToOne(() => IssuerKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'key_id' })
  key?: IssuerKey;

  /** The signed OpenBadgeCredential, as issued. */
  @Column({ type: 'jsonb' })
  credential!: Record<string, unknown>;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', name: 'revocation_reason', nullable: true })
  revocationReason!: string | null;

  @Column({ type: 'uuid', name: 'revoked_by', nullable: true })
  revokedBy!: string | null;

  /** Hidden by its recipient from their public profile (the credential itself stays public and verifiable). */
  @Column({ type: 'boolean', default: false })
  hidden!: boolean;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
