import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { CourseVersion } from '@app/courses';
import { User } from '@app/identity';

export enum EnrollmentMode {
  /** Anyone signed in enrolls at once while seats last. */
  Open = 'open',
  /** Requests wait for a facilitator's approval. */
  Approval = 'approval',
  /** Only with the cohort's invite link. */
  Invite = 'invite',
}

export enum DeadlineMode {
  /** One instant for everyone: 23:59 of the due date in the cohort's zone. */
  Fixed = 'fixed',
  /** 23:59 of the due date in each learner's own zone. */
  LearnerLocal = 'learner-local',
}

/**
 * Many learners taking one published course version together, mostly asynchronously, split into small study
 * groups (study_groups.cohort_id). `enrolledCount` counts active learners (not facilitators), kept in step with
 * cohort_members in the same transactions, so capacity holds under concurrency (row lock + CHECK).
 */
@Entity('cohorts')
@Check('cohorts_enrollment_mode_check', `enrollment_mode IN ('open', 'approval', 'invite')`)
@Check('cohorts_deadline_mode_check', `deadline_mode IN ('fixed', 'learner-local')`)
@Check('cohorts_capacity_check', `capacity BETWEEN 1 AND 100000`)
@Check('cohorts_enrolled_count_check', `enrolled_count >= 0 AND enrolled_count <= capacity`)
@Check(
  'cohorts_completion_check',
  `completion_module_percent BETWEEN 0 AND 100 AND completion_attendance_percent BETWEEN 0 AND 100`,
)
@Check(
  'cohorts_group_size_check',
  `(group_min_size IS NULL) = (group_max_size IS NULL)
   AND (group_min_size IS NULL OR (group_min_size >= 1 AND group_max_size >= group_min_size AND group_max_size <= 50))`,
)
export class Cohort {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  title!: string;

  @Column({ type: 'varchar', length: 5000, default: '' })
  description!: string;

  @Index('cohorts_course_version_idx')
  @Column({ type: 'uuid' })
  courseVersionId!: string;

  @ManyToOne(() => CourseVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_version_id' })
  courseVersion?: CourseVersion;

  /** Local date (in `timeZone`) of day 0: module offsets count from it. */
  @Column({ type: 'date' })
  startDate!: string;

  /** IANA zone of the cohort: its fixed deadlines and its release days are kept in it. */
  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'integer' })
  capacity!: number;

  /** Active learners, kept in step with cohort_members. */
  @Column({ type: 'integer', default: 0 })
  enrolledCount!: number;

  @Column({ type: 'varchar', length: 16 })
  enrollmentMode!: EnrollmentMode;

  @Column({ type: 'varchar', length: 16 })
  deadlineMode!: DeadlineMode;

  /** Secret of the invite link; facilitators see and rotate it. */
  @Column({ type: 'varchar', length: 64, unique: true })
  inviteCode!: string;

  /** Completion: this share of modules completed (0-100 %)... */
  @Column({ type: 'smallint', default: 100 })
  completionModulePercent!: number;

  /** ...and this share of the learner's group's held meetings attended (0-100 %). */
  @Column({ type: 'smallint', default: 0 })
  completionAttendancePercent!: number;

  /** Sizes of the last "form groups" run; late enrollers are placed within them. */
  @Column({ type: 'smallint', nullable: true })
  groupMinSize!: number | null;

  @Column({ type: 'smallint', nullable: true })
  groupMaxSize!: number | null;

  /** Set by the first "form groups" run: from then on, learners who opt in are placed at once. */
  @Column({ type: 'timestamptz', nullable: true })
  groupsFormedAt!: Date | null;

  @Index('cohorts_created_by_idx')
  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
