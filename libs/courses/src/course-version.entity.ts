import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
  Unique,
} from 'typeorm';
import { CourseLicense, type CourseContent } from './course-content';
import { Course } from './course.entity';

/**
 * A published, immutable version of a course. Groups and cohorts pin one, so a running group never sees its
 * course change. Title, language, topics and license are copied out of `content` for search. The database refuses
 * any UPDATE of a row (trigger `course_versions_immutable`, migration CourseCatalog): only INSERT makes versions.
 */
@Entity('course_versions')
@Unique('course_versions_number_unique', ['courseId', 'number'])
@Check('course_versions_number_check', `number >= 1`)
@Check('course_versions_notes_check', `char_length(notes) <= 2000`)
@Check(
  'course_versions_license_check',
  `license IN (${Object.values(CourseLicense)
    .map((l) => `'${l}'`)
    .join(', ')})`,
)
// Created by migration CourseCatalog (expression and GIN indexes TypeORM cannot describe); never synchronized.
// The full-text expression there and SEARCH_DOCUMENT in catalog/course-search.repository.ts must stay identical.
@Index('course_versions_search_idx', { synchronize: false })
@Index('course_versions_topics_idx', { synchronize: false })
@Index('course_versions_published_idx', ['publishedAt', 'id'])
export class CourseVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  courseId!: string;

  @ManyToOne(() => Course, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'course_id' })
  course?: Relation<Course>;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'jsonb' })
  content!: CourseContent;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Index('course_versions_language_idx')
  @Column({ type: 'varchar', length: 35 })
  language!: string;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  topics!: string[];

  @Column({ type: 'varchar', length: 32 })
  license!: CourseLicense;

  @Column({ type: 'uuid' })
  publishedBy!: string;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;

  /** The author's notes on this version (what changed, why), plain text; '' when none were written. */
  @Column({ type: 'text', default: '' })
  notes!: string;
}
