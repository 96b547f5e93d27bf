import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Submission } from './submission.entity';

/** What a learner handed in, frozen: a review always names the version it reviewed. */
@Entity('peer_review_submission_versions')
@Unique('peer_review_submission_versions_number', ['submissionId', 'version'])
@Check('peer_review_submission_versions_positive', '"version" >= 1')
@Check('peer_review_submission_versions_links', `jsonb_typeof("links") = 'array'`)
export class SubmissionVersion {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'submission_id' })
  submissionId!: string;

  @ManyToOne(() => Submission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: Submission;

  @Column({ type: 'integer' })
  version!: number;

  /** Markdown as written; rendered and sanitized when shown. */
  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'jsonb' })
  links!: string[];

  /** Handed in after the author's due date (the cohort takes late work). */
  @Column({ type: 'boolean' })
  late!: boolean;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
