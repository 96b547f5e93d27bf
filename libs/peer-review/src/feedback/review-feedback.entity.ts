import { Check, Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Review } from '../reviews/review.entity';

/** Why an author flags a review they received. The strings are stored: never rename one. */
export enum ReviewFlagReason {
  Inappropriate = 'inappropriate',
  OffTopic = 'off_topic',
  NoEffort = 'no_effort',
}

/**
 * The author's feedback on one review of their submission: a helpfulness rating (1-5) and/or a flag. One row per
 * review (the author is the submission's only author); both change until a facilitator acts on the flag.
 */
@Entity('peer_review_feedback')
@Index('peer_review_feedback_open_flags', ['flaggedAt'], {
  where: '"flag_reason" IS NOT NULL AND "flag_dismissed_at" IS NULL',
})
@Check('peer_review_feedback_helpfulness', '"helpfulness" IS NULL OR "helpfulness" BETWEEN 1 AND 5')
@Check(
  'peer_review_feedback_reason',
  `"flag_reason" IS NULL OR "flag_reason" IN ('inappropriate', 'off_topic', 'no_effort')`,
)
@Check('peer_review_feedback_flagged', '("flag_reason" IS NULL) = ("flagged_at" IS NULL)')
export class ReviewFeedback {
  @PrimaryColumn({ type: 'uuid', name: 'review_id' })
  reviewId!: string;

  @OneToOne(() => Review, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'review_id' })
  review?: Review;

  @Column({ type: 'smallint', nullable: true })
  helpfulness!: number | null;

  @Column({ type: 'timestamptz', name: 'rated_at', nullable: true })
  ratedAt!: Date | null;

  @Column({ type: 'text', name: 'flag_reason', nullable: true })
  flagReason!: ReviewFlagReason | null;

  @Column({ type: 'text', name: 'flag_note', nullable: true })
  flagNote!: string | null;

  @Column({ type: 'timestamptz', name: 'flagged_at', nullable: true })
  flaggedAt!: Date | null;

  /** A facilitator looked at the flag and kept the review. */
  @Column({ type: 'timestamptz', name: 'flag_dismissed_at', nullable: true })
  flagDismissedAt!: Date | null;

  @Column({ type: 'uuid', name: 'flag_dismissed_by', nullable: true })
  flagDismissedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
