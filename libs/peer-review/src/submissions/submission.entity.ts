import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One learner's work for one assignment in one cohort; its content lives in immutable numbered versions. The due
 * instant and review window are the author's own (extension included), fixed at each version: `next` orders by them.
 * `submitted_reviews` is kept by a trigger on peer_reviews (migration 1796604000000), so every path that submits,
 * removes or erases a review keeps it exact; `next` walks the allocation index in its order.
 */
@Entity('peer_review_submissions')
@Unique('peer_review_submissions_one_per_author', ['cohortId', 'assignmentId', 'authorId'])
@Index('peer_review_submissions_allocation_order', [
  'cohortId',
  'assignmentId',
  'submittedReviews',
  'dueAt',
  'createdAt',
  'id',
])
@Check('peer_review_submissions_version', '"latest_version" >= 1')
@Check('peer_review_submissions_submitted_reviews', '"submitted_reviews" >= 0')
@Check('peer_review_submissions_window', '"review_closes_at" >= "due_at"')
export class Submission {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId!: string;

  @Column({ type: 'uuid', name: 'assignment_id' })
  assignmentId!: string;

  @Column({ type: 'uuid', name: 'module_id' })
  moduleId!: string;

  @Column({ type: 'uuid', name: 'author_id' })
  authorId!: string;

  @Column({ type: 'integer', name: 'latest_version' })
  latestVersion!: number;

  /** Reviews submitted and not removed from scoring (staff ones too): never written by the application. */
  @Column({ type: 'integer', name: 'submitted_reviews', default: 0, insert: false, update: false })
  submittedReviews!: number;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt!: Date;

  @Column({ type: 'timestamptz', name: 'review_closes_at' })
  reviewClosesAt!: Date;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
