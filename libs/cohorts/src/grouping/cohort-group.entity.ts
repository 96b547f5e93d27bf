import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { StudyGroup } from '@app/groups';
import { Cohort } from '../cohorts/cohort.entity';

/**
 * A study group that belongs to a cohort. The group itself (members, meetings, attendance, calendar) is an
 * ordinary private study group with signups closed: the cohort places and moves its members.
 */
@Entity('cohort_groups')
@Unique('cohort_groups_number_key', ['cohortId', 'number'])
export class CohortGroup {
  @PrimaryColumn('uuid')
  groupId!: string;

  @ManyToOne(() => StudyGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: StudyGroup;

  @Index('cohort_groups_cohort_idx')
  @Column({ type: 'uuid' })
  cohortId!: string;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Cohort;

  /** "Group 3" of the cohort: numbered in formation order. */
  @Column({ type: 'smallint' })
  number!: number;

  @Column({ type: 'timestamptz' })
  formedAt!: Date;
}
