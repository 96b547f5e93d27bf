import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CohortMember } from '../cohorts/cohort-member.entity';

/** Extra days for one learner on one module's due date; follows the module if its offsets move. */
@Entity('deadline_extensions')
@Check('deadline_extensions_days_check', `extra_days BETWEEN 1 AND 365`)
export class DeadlineExtension {
  @PrimaryColumn('uuid')
  cohortId!: string;

  @PrimaryColumn('uuid')
  userId!: string;

  @PrimaryColumn('uuid')
  moduleId!: string;

  @ManyToOne(() => CohortMember, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'cohort_id', referencedColumnName: 'cohortId' },
    { name: 'user_id', referencedColumnName: 'userId' },
  ])
  member?: CohortMember;

  @Column({ type: 'smallint' })
  extraDays!: number;

  @Column({ type: 'uuid' })
  grantedBy!: string;

  @Column({ type: 'timestamptz' })
  grantedAt!: Date;
}
