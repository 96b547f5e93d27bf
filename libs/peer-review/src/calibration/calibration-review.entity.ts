import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { CriterionScore } from '../reviews/review.entity';
import { CalibrationItem } from './calibration-item.entity';

/**
 * A learner's review of a calibration item: drafted, then submitted once (final). Kept apart from `peer_reviews` on
 * purpose: it never counts towards anyone's m or a submission's k and never reaches an author; it only teaches the
 * reviewer (the comparison) and the reviewer model (their bias against a known score). No lease: nobody waits for it.
 */
@Entity('peer_review_calibration_reviews')
@Unique('peer_review_calibration_reviews_one_per_reviewer', ['reviewerId', 'itemId'])
@Index('peer_review_calibration_reviews_by_assignment', ['cohortId', 'assignmentId'])
@Check('peer_review_calibration_reviews_scores_shape', `"scores" IS NULL OR jsonb_typeof("scores") = 'array'`)
@Check('peer_review_calibration_reviews_submitted_complete', `"submitted_at" IS NULL OR "scores" IS NOT NULL`)
export class CalibrationReview {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'item_id' })
  itemId!: string;

  @ManyToOne(() => CalibrationItem, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id' })
  item?: CalibrationItem;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId!: string;

  @Column({ type: 'uuid', name: 'assignment_id' })
  assignmentId!: string;

  /** Null once the reviewer's account is erased: the submitted review stays, unnamed, so fitted biases hold. */
  @Column({ type: 'uuid', name: 'reviewer_id', nullable: true })
  reviewerId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  scores!: CriterionScore[] | null;

  @Column({ type: 'text', name: 'overall_comment', nullable: true })
  overallComment!: string | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
