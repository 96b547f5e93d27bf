import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '@app/identity';
import type { CourseContent } from './course-content';
import { CourseVersion } from './course-version.entity';

/** A course as its authors work on it: the current draft and a pointer to its newest published version. */
@Entity('courses')
@Check('courses_latest_version_check', `latest_version_number >= 0`)
export class Course {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('courses_author_idx')
  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column({ type: 'jsonb' })
  draft!: CourseContent;

  /** The version this course was forked from; null for an original work. */
  @Index('courses_forked_from_idx')
  @Column({ type: 'uuid', nullable: true })
  forkedFromVersionId!: string | null;

  // Relation<> keeps the circular import (a version belongs to a course) out of decorator metadata.
  @ManyToOne(() => CourseVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'forked_from_version_id' })
  forkedFromVersion?: Relation<CourseVersion>;

  /** Unique: search joins a course to its newest version through it, and a version is newest for one course. */
  @Index('courses_latest_version_idx', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  latestVersionId!: string | null;

  @ManyToOne(() => CourseVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'latest_version_id' })
  latestVersion?: Relation<CourseVersion>;

  @Column({ type: 'integer', default: 0 })
  latestVersionNumber!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
