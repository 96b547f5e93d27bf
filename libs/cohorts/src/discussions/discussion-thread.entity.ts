import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { StudyGroup } from '@app/groups';
import { User } from '@app/identity';
import { Cohort } from '../cohorts/cohort.entity';

/**
 * A conversation in a cohort (groupId null: every member sees it) or in one of its study groups (that group's
 * members and the cohort's facilitators). Its opening message is its first post.
 */
@Entity('discussion_threads')
@Index('discussion_threads_listing_idx', ['cohortId', 'groupId', 'pinned', 'lastActivityAt'])
export class DiscussionThread {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  cohortId!: string;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Cohort;

  @Column({ type: 'uuid', nullable: true })
  groupId!: string | null;

  @ManyToOne(() => StudyGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: StudyGroup;

  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Pinned threads list first; only facilitators pin. */
  @Column({ type: 'boolean', default: false })
  pinned!: boolean;

  /** A locked thread takes no new replies; only facilitators lock. */
  @Column({ type: 'boolean', default: false })
  locked!: boolean;

  /** Replies not deleted (the opening post excluded), kept in step with discussion_posts. */
  @Column({ type: 'integer', default: 0 })
  replyCount!: number;

  @Column({ type: 'timestamptz' })
  lastActivityAt!: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
