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

export enum GroupMode {
  Online = 'online',
  InPerson = 'in-person',
}

export enum GroupVisibility {
  /** Listed in discovery; anyone signed in may join. */
  Public = 'public',
  /** Invisible without its invite code. */
  Private = 'private',
}

/** A question asked at signup; only facilitators see the answers. */
export interface SignupQuestion {
  id: string;
  prompt: string;
  required: boolean;
}

/**
 * A small self-organized learning circle, for a pinned course version or a free topic. `memberCount`,
 * `firstMeetingAt` and `meetingSlots` are maintained in the same transactions as the rows they summarize, so
 * discovery reads one table.
 */
@Entity('study_groups')
@Check('study_groups_subject_check', `course_version_id IS NOT NULL OR topic IS NOT NULL`)
@Check('study_groups_mode_check', `mode IN ('online', 'in-person')`)
@Check('study_groups_visibility_check', `visibility IN ('public', 'private')`)
@Check('study_groups_capacity_check', `capacity BETWEEN 1 AND 500`)
@Check('study_groups_member_count_check', `member_count >= 0 AND member_count <= capacity`)
@Check(
  'study_groups_place_check',
  `(latitude IS NULL) = (longitude IS NULL)
   AND (latitude IS NULL OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180))`,
)
@Check('study_groups_invite_check', `visibility = 'public' OR invite_code IS NOT NULL`)
// Discovery's partial indexes over public groups (GIN full text, GiST slots and places, the start order, topic):
// created by migration GroupDiscoveryIndexes, which TypeORM cannot describe; never synchronized.
@Index('study_groups_search_idx', { synchronize: false })
@Index('study_groups_meeting_slots_idx', { synchronize: false })
@Index('study_groups_place_idx', { synchronize: false })
@Index('study_groups_discovery_start_idx', { synchronize: false })
@Index('study_groups_topic_idx', { synchronize: false })
export class StudyGroup {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 120 })
  name!: string;

  @Column({ type: 'varchar', length: 5000, default: '' })
  description!: string;

  @Index('study_groups_course_version_idx')
  @Column({ type: 'uuid', nullable: true })
  courseVersionId!: string | null;

  @ManyToOne(() => CourseVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_version_id' })
  courseVersion?: CourseVersion;

  /** A free topic when the group follows no course. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  topic!: string | null;

  /** BCP 47 tag, e.g. "es". */
  @Index('study_groups_language_idx')
  @Column({ type: 'varchar', length: 35 })
  language!: string;

  /** IANA zone in which the group's meeting times are kept. */
  @Column({ type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ type: 'varchar', length: 16 })
  mode!: GroupMode;

  /** Online groups: visible to members only. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  meetingLink!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  venue!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  city!: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2, nullable: true })
  country!: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  @Column({ type: 'integer' })
  capacity!: number;

  /** Active members (facilitators included), kept in step with group_members. */
  @Column({ type: 'integer', default: 0 })
  memberCount!: number;

  @Column({ type: 'boolean', default: true })
  signupOpen!: boolean;

  @Column({ type: 'varchar', length: 16, default: GroupVisibility.Public })
  visibility!: GroupVisibility;

  @Column({ type: 'varchar', length: 64, nullable: true, unique: true })
  inviteCode!: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  signupQuestions!: SignupQuestion[];

  @Index('study_groups_created_by_idx')
  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  /** The first scheduled meeting (the group's start), kept in step with meetings. */
  @Column({ type: 'timestamptz', nullable: true })
  firstMeetingAt!: Date | null;

  /**
   * The UTC minutes of the week (0 = Monday 00:00 UTC, 10080 = a week) that the group's upcoming meetings
   * occupy, kept in step with meetings. "Fits my day" is one containment test against it (GiST-indexed).
   */
  @Column({ type: 'int4multirange', default: () => `'{}'` })
  meetingSlots!: string;

  /** Minutes before each meeting that members are reminded (by email, at each member's own local time). */
  @Column({ type: 'smallint', array: true, default: () => `'{1440,60}'` })
  reminderOffsetsMinutes!: number[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
