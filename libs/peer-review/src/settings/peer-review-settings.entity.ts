import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A cohort's peer-review rules. A cohort without a row has the defaults. */
@Entity('peer_review_settings')
@Check('peer_review_settings_window', '"review_window_days" BETWEEN 0 AND 60')
export class PeerReviewSettings {
  @PrimaryColumn({ type: 'uuid', name: 'cohort_id' })
  cohortId!: string;

  /** Past a learner's own due date: submissions taken (flagged late) or refused. */
  @Column({ type: 'boolean', name: 'late_submissions', default: false })
  lateSubmissions!: boolean;

  /** Local calendar days after a learner's due date during which their submission is reviewed. */
  @Column({ type: 'integer', name: 'review_window_days', default: 3 })
  reviewWindowDays!: number;

  /** `next` never hands a reviewer work by a member of their own cohort group (default off). */
  @Column({ type: 'boolean', name: 'exclude_own_group', default: false })
  excludeOwnGroup!: boolean;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
