import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { SubmissionAttachment } from './submission-attachment.entity';

/** The bytes of an attachment when the store is PostgreSQL: every API replica reads the same database. */
@Entity('peer_review_attachment_contents')
export class AttachmentContent {
  @PrimaryColumn({ type: 'uuid', name: 'attachment_id' })
  attachmentId!: string;

  @OneToOne(() => SubmissionAttachment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'attachment_id' })
  attachment?: SubmissionAttachment;

  @Column({ type: 'bytea' })
  content!: Buffer;
}
