import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '@app/identity';
import { Cohort } from './cohort.entity';

export enum CohortRole {
  Learner = 'learner',
  /** The creator and co-facilitators: equal rights over the cohort and all its groups. */
  Facilitator = 'facilitator',
}

export enum EnrollmentStatus {
  /** Asked to join an approval-mode cohort; waits for a facilitator. */
  Pending = 'pending',
  Active = 'active',
  Declined = 'declined',
  Withdrawn = 'withdrawn',
}

/**
 * A person's place in a cohort. The row stays after withdrawal or decline (status changes), so history and
 * re-enrollment are one row per person and cohort.
 */
@Entity('cohort_members')
@Check('cohort_members_role_check', `role IN ('learner', 'facilitator')`)
@Check('cohort_members_status_check', `status IN ('pending', 'active', 'declined', 'withdrawn')`)
@Check('cohort_members_facilitator_active_check', `role = 'learner' OR status = 'active'`)
@Index('cohort_members_user_idx', ['userId'])
@Index('cohort_members_roster_idx', ['cohortId', 'role', 'status'])
// Who became an active learner of a cohort in a window (the digest's new-members section, per reader's cohort).
@Index('cohort_members_new_learners_idx', ['cohortId', 'statusChangedAt'], {
  where: `status = 'active' AND role = 'learner'`,
})
export class CohortMember {
  @PrimaryColumn('uuid')
  cohortId!: string;

  @PrimaryColumn('uuid')
  userId!: string;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Cohort;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 16 })
  role!: CohortRole;

  @Column({ type: 'varchar', length: 16 })
  status!: EnrollmentStatus;

  /** When the person asked (or was added); microseconds order the approval queue. */
  @Column({ type: 'timestamptz' })
  requestedAt!: Date;

  /** When the status last changed (enrolled, declined, withdrew). */
  @Column({ type: 'timestamptz' })
  statusChangedAt!: Date;

  /** The learner wants to be placed in a study group by "form groups". */
  @Column({ type: 'boolean', default: false })
  groupingOptIn!: boolean;

  /** A pending request to move to another group, with the learner's note (facilitators only). */
  @Column({ type: 'timestamptz', nullable: true })
  moveRequestedAt!: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  moveRequestNote!: string | null;

  /** Last action in the cohort (view, post, completion); drives the "inactive for 7 days" flag. */
  @Column({ type: 'timestamptz', nullable: true })
  lastActiveAt!: Date | null;

  /** When the completion rules first held; never cleared (badges rely on it). */
  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}
