import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '@app/identity';
import { NotificationKind, ScheduleStatus } from './notification-kind';

/**
 * What is due to whom and when: the schedule PostgreSQL owns. A row is released (turned into an email ledger row
 * with the same dedupe key, in one transaction) once `due_at` has passed; the unique key makes a second copy
 * impossible, e.g. `digest:daily:<user>:<local date>` or `rem:meeting:<meeting>:<starts at>:<user>:<offset>`.
 */
@Entity('scheduled_notifications')
@Check('scheduled_notifications_status_check', `status IN ('pending', 'released', 'cancelled')`)
@Index('scheduled_notifications_due_idx', ['dueAt'], { where: `status = 'pending'` })
@Index('scheduled_notifications_subject_idx', ['subjectId'], { where: `status = 'pending'` })
@Index('scheduled_notifications_user_idx', ['userId', 'kind'], { where: `status = 'pending'` })
// One person's rows in due order, whatever their status: the operators' history (`npm run notifications`).
@Index('scheduled_notifications_user_due_idx', ['userId', 'dueAt'])
// What retention deletes, oldest first: released and cancelled rows (libs/notifications/src/retention).
@Index('scheduled_notifications_finished_idx', ['dueAt'], { where: `status IN ('released', 'cancelled')` })
export class ScheduledNotification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 300, unique: true })
  dedupeKey!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: NotificationKind;

  @Column({ type: 'uuid' })
  userId!: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** What the notification is about (a meeting, a cohort module...), to re-key or cancel it when that changes. */
  @Column({ type: 'uuid', nullable: true })
  subjectId!: string | null;

  @Column({ type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'varchar', length: 16, default: ScheduleStatus.Pending })
  status!: ScheduleStatus;

  /** Ids and settings the email's composer needs (copied to the ledger row); never rendered content. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  payload!: Record<string, unknown>;

  /** The ledger row it became. */
  @Column({ type: 'uuid', nullable: true })
  deliveryId!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
