import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CohortMember } from '../cohorts/cohort-member.entity';

/** A learner marked a module done. One row per learner and module; completing twice changes nothing. */
@Entity('module_completions')
@Index('module_completions_cohort_idx', ['cohortId', 'moduleId'])
export class ModuleCompletion {
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

  @Column({ type: 'timestamptz' })
  completedAt!: Date;
}
