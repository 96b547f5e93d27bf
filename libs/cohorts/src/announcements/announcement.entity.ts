import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '@app/identity';
import { Cohort } from '../cohorts/cohort.entity';

/** A facilitator's message to every learner of a cohort: emailed through the worker and kept for digests. */
@Entity('cohort_announcements')
@Index('cohort_announcements_cohort_idx', ['cohortId', 'publishedAt'])
export class Announcement {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  cohortId!: string;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cohort_id' })
  cohort?: Cohort;

  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id' })
  author?: User;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 20000 })
  body!: string;

  @Column({ type: 'text' })
  bodyHtml!: string;

  @Column({ type: 'timestamptz' })
  publishedAt!: Date;
}
