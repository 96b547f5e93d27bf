import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Achievement } from '../achievements/achievement.entity';

export type NominationStatus = 'open' | 'awarded' | 'declined';

/**
 * A member's nomination of a peer for an achievement open to nominations. Enough endorsements, or a facilitator's
 * approval, award it (the nomination and its endorsements become the evidence); a facilitator may decline it. One
 * open nomination per person and achievement: a second nominator endorses instead.
 */
@Entity('badge_nominations')
@Index('badge_nominations_one_open', ['achievementId', 'nomineeId'], { unique: true, where: `"status" = 'open'` })
@Check('badge_nominations_not_self', '"nominee_id" <> "nominator_id"')
@Check('badge_nominations_status', `"status" IN ('open', 'awarded', 'declined')`)
export class Nomination {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'achievement_id' })
  achievementId!: string;

  @ManyToOne(() => Achievement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'achievement_id' })
  achievement?: Achievement;

  /** No foreign keys to people (identity is below); erasure removes their nominations. */
  @Column({ type: 'uuid', name: 'nominee_id' })
  nomineeId!: string;

  @Column({ type: 'uuid', name: 'nominator_id' })
  nominatorId!: string;

  @Column({ type: 'text' })
  comment!: string;

  @Column({ type: 'character varying', length: 16, default: 'open' })
  status!: NominationStatus;

  @Column({ type: 'uuid', name: 'decided_by', nullable: true })
  decidedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  /** Why a facilitator declined it (told to the nominator). */
  @Column({ type: 'text', name: 'decline_reason', nullable: true })
  declineReason!: string | null;

  @Column({ type: 'uuid', name: 'award_id', nullable: true })
  awardId!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
