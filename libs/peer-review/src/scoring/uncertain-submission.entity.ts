import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Submission } from '../submissions/submission.entity';

/**
 * A submission whose reviewer-model score is too uncertain (`needsMoreReviews`) although it has its k counted
 * reviews and no facilitator override. Derived state, replaced for the whole assignment by the worker's outbox relay
 * after each change that can move the fit (a review or calibration review submitted, a review removed, an override,
 * the method changed), so it lags the change by a relay pass:
 * `next` treats such a submission's need as k + 1 while its window is open, and the facilitator queue lists it
 * (reason `uncertain`) once the window has closed. Read by `next` with one primary-key probe, so `next` never fits.
 */
@Entity('peer_review_uncertain_submissions')
@Index('peer_review_uncertain_submissions_by_assignment', ['cohortId', 'assignmentId'])
export class UncertainSubmission {
  @PrimaryColumn({ type: 'uuid', name: 'submission_id' })
  submissionId!: string;

  @OneToOne(() => Submission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: Submission;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId!: string;

  @Column({ type: 'uuid', name: 'assignment_id' })
  assignmentId!: string;

  /** The total's standard deviation, out of 100, when it was computed. */
  @Column({ type: 'numeric', precision: 6, scale: 2, name: 'standard_deviation' })
  standardDeviation!: string;

  @Column({ type: 'timestamptz', name: 'computed_at' })
  computedAt!: Date;
}
