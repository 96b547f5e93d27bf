import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../users/user.entity';

export enum DigestFrequency {
  Off = 'off',
  Daily = 'daily',
  Weekly = 'weekly',
}

/**
 * How facilitators' announcements reach someone who has them on (`announcements`, the switch one-click
 * unsubscribe turns off): emailed at once, or only in their digest. Persisted: never rename a value.
 */
export enum AnnouncementDelivery {
  Immediate = 'immediate',
  Digest = 'digest',
}

/**
 * How peer-review activity (review assigned, a review received, score released, reviews due, short of reviews)
 * reaches someone who has it on (`reviewActivity`, the switch one-click unsubscribe turns off): emailed, or only in
 * their digest. A lease about to expire is always emailed: in a digest it would come too late. Persisted: never
 * rename a value.
 */
export enum ReviewActivityDelivery {
  Immediate = 'immediate',
  Digest = 'digest',
}

/**
 * How "you earned a badge" reaches someone who has badges on (`badges`, the switch one-click unsubscribe turns
 * off): emailed, or only as a line in their digest. Persisted: never rename a value.
 */
export enum BadgeDelivery {
  Immediate = 'immediate',
  Digest = 'digest',
}

/** How and when a person wants to hear from us. Hours and minutes are in the user's own time zone. */
@Entity('notification_preferences')
@Check('notification_preferences_digest_check', `digest IN ('off', 'daily', 'weekly')`)
@Check('notification_preferences_announcement_delivery_check', `announcement_delivery IN ('immediate', 'digest')`)
@Check('notification_preferences_review_activity_delivery_check', `review_activity_delivery IN ('immediate', 'digest')`)
@Check('notification_preferences_badge_delivery_check', `badge_delivery IN ('immediate', 'digest')`)
@Check('notification_preferences_hour_check', `digest_hour BETWEEN 0 AND 23`)
@Check('notification_preferences_weekday_check', `digest_weekday BETWEEN 1 AND 7`)
@Check(
  'notification_preferences_quiet_hours_check',
  `(quiet_start_minute IS NULL) = (quiet_end_minute IS NULL)
   AND (quiet_start_minute IS NULL OR (quiet_start_minute BETWEEN 0 AND 1439 AND quiet_end_minute BETWEEN 0 AND 1439))`,
)
export class NotificationPreferences {
  @PrimaryColumn('uuid')
  userId!: string;

  @OneToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 8, default: DigestFrequency.Daily })
  digest!: DigestFrequency;

  /** Local hour the digest arrives. */
  @Column({ type: 'smallint', default: 8 })
  digestHour!: number;

  /** ISO weekday (1 = Monday) of the weekly digest. */
  @Column({ type: 'smallint', default: 1 })
  digestWeekday!: number;

  @Column({ type: 'boolean', default: true })
  reminders!: boolean;

  @Column({ type: 'boolean', default: true })
  reviewActivity!: boolean;

  /** Only read while `reviewActivity` is on. */
  @Column({ type: 'varchar', length: 16, default: ReviewActivityDelivery.Immediate })
  reviewActivityDelivery!: ReviewActivityDelivery;

  @Column({ type: 'boolean', default: true })
  announcements!: boolean;

  /** Only read while `announcements` is on: turning them off and on again keeps this choice. */
  @Column({ type: 'varchar', length: 16, default: AnnouncementDelivery.Immediate })
  announcementDelivery!: AnnouncementDelivery;

  @Column({ type: 'boolean', default: true })
  badges!: boolean;

  /** Only read while `badges` is on. */
  @Column({ type: 'varchar', length: 16, default: BadgeDelivery.Immediate })
  badgeDelivery!: BadgeDelivery;

  /** Quiet hours as minutes after local midnight; the window may wrap midnight (22:00-07:00). */
  @Column({ type: 'smallint', nullable: true })
  quietStartMinute!: number | null;

  @Column({ type: 'smallint', nullable: true })
  quietEndMinute!: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
