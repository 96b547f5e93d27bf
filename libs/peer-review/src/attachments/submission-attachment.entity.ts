import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { SubmissionVersion } from '../submissions/submission-version.entity';
import { Submission } from '../submissions/submission.entity';

/**
 * A file a learner uploaded for an assignment. It starts unbound (only its uploader sees it) and is bound, once and
 * for good, to the submission version that lists it; unbound ones are deleted by retention after a day. The bytes
 * live in the attachment store (`store` says which, `storage_key` where), checked by their SHA-256.
 */
@Entity('peer_review_attachments')
@Unique('peer_review_attachments_position', ['versionId', 'position'])
@Index('peer_review_attachments_by_submission', ['submissionId'])
@Index('peer_review_attachments_by_uploader', ['uploaderId'])
@Index('peer_review_attachments_unbound', ['createdAt'], { where: '"version_id" IS NULL' })
@Check(
  'peer_review_attachments_bound',
  `("version_id" IS NULL) = ("submission_id" IS NULL) AND ("version_id" IS NULL) = ("bound_at" IS NULL) AND ("version_id" IS NULL) = ("position" IS NULL)`,
)
@Check('peer_review_attachments_size', '"size_bytes" > 0')
@Check('peer_review_attachments_sha256', `"sha256" ~ '^[0-9a-f]{64}$'`)
@Check('peer_review_attachments_store', `"store" IN ('postgres', 's3')`)
export class SubmissionAttachment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'cohort_id' })
  cohortId!: string;

  @Column({ type: 'uuid', name: 'assignment_id' })
  assignmentId!: string;

  @Column({ type: 'uuid', name: 'uploader_id' })
  uploaderId!: string;

  @Column({ type: 'uuid', name: 'submission_id', nullable: true })
  submissionId!: string | null;

  @ManyToOne(() => Submission, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'submission_id' })
  submission?: Submission;

  @Column({ type: 'uuid', name: 'version_id', nullable: true })
  versionId!: string | null;

  @ManyToOne(() => SubmissionVersion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'version_id' })
  version?: SubmissionVersion;

  /** Its place among the version's attachments, from 0, as the submission listed them. */
  @Column({ type: 'smallint', nullable: true })
  position!: number | null;

  /** Sanitized: no path, no control characters. */
  @Column({ type: 'text', name: 'file_name' })
  fileName!: string;

  /** Detected from the bytes. */
  @Column({ type: 'text', name: 'content_type' })
  contentType!: string;

  @Column({ type: 'integer', name: 'size_bytes' })
  sizeBytes!: number;

  /** Lowercase hex SHA-256 of the bytes. */
  @Column({ type: 'text' })
  sha256!: string;

  @Column({ type: 'text' })
  store!: 'postgres' | 's3';

  @Column({ type: 'text', name: 'storage_key' })
  storageKey!: string;

  @Column({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'bound_at', nullable: true })
  boundAt!: Date | null;
}
