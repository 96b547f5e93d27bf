import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '@app/identity';
import { DiscussionThread } from './discussion-thread.entity';

/**
 * A message in a thread: the opening post or a reply. Markdown source plus its sanitized HTML. Deleting keeps
 * the row (so replies keep their place) and erases the text. `cohortId` is copied from the thread so the
 * facilitator dashboard counts a learner's posts with one index scan.
 */
@Entity('discussion_posts')
@Index('discussion_posts_thread_idx', ['threadId', 'createdAt'])
@Index('discussion_posts_author_idx', ['cohortId', 'authorId'])
export class DiscussionPost {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  threadId!: string;

  @ManyToOne(() => DiscussionThread, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'thread_id' })
  thread?: DiscussionThread;

  @Column({ type: 'uuid' })
  cohortId!: string;

  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column({ type: 'varchar', length: 20000 })
  body!: string;

  @Column({ type: 'text' })
  bodyHtml!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}
