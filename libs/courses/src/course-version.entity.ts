import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation, Unique } from 'typeorm';
import type { CourseContent, CourseLicense } from './course-content';
import { Course } from './course.entity';

/**
 * A published, immutable version of a course. Groups and cohorts pin one, so a running group never sees its
 * course change. Title, language, topics and license are copied out of `content` for search.
 */
@Entity('course_versions')
@Unique('course_versions_number_unique', ['courseId', 'number'])
@Check('course_versions_number_check', `number >= 1`)
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
}
