import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Submission } from '../submissions/submission.entity';

/**
 * A facilitator's score for a submission, replacing the aggregated total, with the reason. Rows are never updated:
 * the latest one is the score, the others are its history.
 */
@Entity('peer_review_score_overrides')
@Index('peer_review_score_overrides_by_submission', ['submissionId', 'setAt'])
@Check('peer_review_score_overrides_total', '"total" BETWEEN 0 AND 100')
export class ScoreOverride {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'submission_id' })
  submissionId!: string;

  @ManyToOne(() => Submission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: Submission;

  /** Out of 100, as the aggregated total. */
  @Column({ type: 'numeric', precision: 5, scale: 2, name: 'total' })
  total!: string;

  @Column({ type: 'text' })
  reason!: string;

  /** Null once the facilitator's account is erased: the override stays. */
  @Column({ type: 'uuid', name: 'set_by', nullable: true })
  setBy!: string | null;

  @Column({ type: 'timestamptz', name: 'set_at' })
  setAt!: Date;
}
