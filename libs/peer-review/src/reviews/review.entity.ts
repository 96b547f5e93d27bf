import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SubmissionVersion } from '../submissions/submission-version.entity';
import { Submission } from '../submissions/submission.entity';

/** One criterion's score: a level's label (level criteria) or a number in the scale (scale criteria). */
export interface CriterionScore {
  criterionId: string;
  level?: string;
  value?: number;
  comment?: string;
}

/**
 * A reviewer's review of one submission version. It starts as a lease (`next`), is drafted while the lease runs
 * (renewable) and is final once submitted. A lease past `lease_expires_at` and not submitted is expired: the
 * submission is back in the pool (decided from the clock when claiming, no job), and the row stays to show it.
 */
@Entity('peer_reviews')
@Unique('peer_reviews_one_per_reviewer', ['reviewerId', 'submissionId'])
@Index('peer_reviews_by_submission', ['submissionId'])
@Index('peer_reviews_by_reviewer', ['cohortId', 'assignmentId', 'reviewerId'])
// The leases open in an assignment, for `next` (one per reviewer at most, so few): expired ones fall out by range.
@Index('peer_reviews_open_leases', ['cohortId', 'assignmentId', 'leaseExpiresAt'], {
  where: '"submitted_at" IS NULL AND "removed_at" IS NULL',
})
@Check('peer_reviews_scores_shape', `"scores" IS NULL OR jsonb_typeof("scores") = 'array'`)
@Check('peer_reviews_submitted_complete', `"submitted_at" IS NULL OR "scores" IS NOT NULL`)
export class Review {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'submission_id' })
  submissionId!: string;

  @ManyToOne(() => Submission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: Submission;

  @Column({ type: 'uuid', name: 'version_id' })
  versionId!: string;

  @ManyToOne(() => SubmissionVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: SubmissionVersion;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId!: string;

  @Column({ type: 'uuid', name: 'assignment_id' })
  assignmentId!: string;

  /** Null once the reviewer's account is erased: the review stays, unnamed, so scores hold. */
  @Column({ type: 'uuid', name: 'reviewer_id', nullable: true })
  reviewerId!: string | null;

  @Column({ type: 'timestamptz', name: 'lease_expires_at' })
  leaseExpiresAt!: Date;

  @Column({ type: 'jsonb', nullable: true })
  scores!: CriterionScore[] | null;

  @Column({ type: 'text', name: 'overall_comment', nullable: true })
  overallComment!: string | null;

  @Column({ type: 'timestamptz', name: 'submitted_at', nullable: true })
  submittedAt!: Date | null;

  /** A facilitator's own review (`review-queue`): counts like any other, shown as staff. */
  @Column({ type: 'boolean', default: false })
  staff!: boolean;

  /** The facilitator who handed this review by hand; such a lease may be submitted after the window closed. */
  @Column({ type: 'uuid', name: 'assigned_by', nullable: true })
  assignedBy!: string | null;

  /** Taken out of scoring by a facilitator; the row stays, with why, who and when. */
  @Column({ type: 'timestamptz', name: 'removed_at', nullable: true })
  removedAt!: Date | null;

  @Column({ type: 'text', name: 'removed_reason', nullable: true })
  removedReason!: string | null;

  @Column({ type: 'uuid', name: 'removed_by', nullable: true })
  removedBy!: string | null;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
