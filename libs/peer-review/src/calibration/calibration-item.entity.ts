import { Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { CriterionScore } from '../reviews/review.entity';

/**
 * An example submission a facilitator wrote for an assignment in a cohort, with the reference review: a score (and
 * a comment) per rubric criterion and an overall comment, checked against the rubric as any review is. Learners
 * review the items first, in `position` order, and then see how their scores compare; the reviewer model holds
 * each item's true score at the reference (a calibration anchor).
 */
@Entity('peer_review_calibration_items')
@Unique('peer_review_calibration_items_position', ['cohortId', 'assignmentId', 'position'])
@Check('peer_review_calibration_items_position_positive', '"position" >= 1')
@Check('peer_review_calibration_items_reference_shape', `jsonb_typeof("reference_scores") = 'array'`)
export class CalibrationItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId!: string;

  @Column({ type: 'uuid', name: 'assignment_id' })
  assignmentId!: string;

  /** Learners get the items in this order (1, 2, ...); a new item goes last. */
  @Column({ type: 'integer' })
  position!: number;

  /** Markdown, as a submission's body. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'jsonb', name: 'reference_scores' })
  referenceScores!: CriterionScore[];

  @Column({ type: 'text', name: 'reference_comment' })
  referenceComment!: string;

  /** Null once the facilitator's account is erased: the item stays. */
  @Column({ type: 'uuid', name: 'created_by', nullable: true })
  createdBy!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
