import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Cohort } from '../cohorts/cohort.entity';

/**
 * A module of the cohort's course version on the cohort's calendar: released on start date + releaseOffsetDays
 * (00:00) and due on start date + dueOffsetDays (23:59), local to the cohort or to each learner per the
 * cohort's deadline mode. Offsets, not dates, so moving the start date moves everything.
 */
@Entity('cohort_modules')
@Check('cohort_modules_offsets_check', `release_offset_days >= 0 AND due_offset_days >= release_offset_days`)
@Check('cohort_modules_horizon_check', `due_offset_days <= 730`)
export class ScheduledModule {
  @PrimaryColumn('uuid')
  cohortId!: string;

  /** The course module's stable id. */
  @PrimaryColumn('uuid')
  moduleId!: string;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Cohort;

  /** Order in the course (0-based). */
  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'smallint' })
  releaseOffsetDays!: number;

  @Column({ type: 'smallint' })
  dueOffsetDays!: number;
}
