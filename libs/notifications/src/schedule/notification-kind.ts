/** Kinds of scheduled notification. Values are persisted: never rename one. */
export enum NotificationKind {
  Digest = 'digest',
  MeetingReminder = 'meeting-reminder',
  ModuleDueReminder = 'module-due-reminder',
  /** Peer review (libs/notifications/src/peer-review): one kind per email, each keyed by what it is about. */
  ReviewAssigned = 'review-assigned',
  ReviewLeaseExpiring = 'review-lease-expiring',
  ReviewsDue = 'reviews-due',
  ReviewReceived = 'review-received',
  ScoreReleased = 'score-released',
  ReviewsShortOfK = 'reviews-short-of-k',
  /** "You earned a badge" (libs/notifications/src/badges), keyed by the award. */
  BadgeAwarded = 'badge-awarded',
}

export enum ScheduleStatus {
  Pending = 'pending',
  /** Turned into an email ledger row (which may still be skipped at send time). */
  Released = 'released',
  /** No longer applies (meeting cancelled or moved, preference changed, person left). */
  Cancelled = 'cancelled',
}

/** Email (composer) kinds of this domain. Values are persisted in the ledger: never rename one. */
export enum NotificationMailKind {
  Digest = 'notifications.digest',
  MeetingReminder = 'notifications.meeting-reminder',
  ModuleDueReminder = 'notifications.module-due-reminder',
  /** A meeting moved or was cancelled: sent at once. */
  MeetingChanged = 'notifications.meeting-changed',
  ReviewAssigned = 'notifications.review-assigned',
  ReviewLeaseExpiring = 'notifications.review-lease-expiring',
  ReviewsDue = 'notifications.reviews-due',
  ReviewReceived = 'notifications.review-received',
  ScoreReleased = 'notifications.score-released',
  ReviewsShortOfK = 'notifications.reviews-short-of-k',
  BadgeAwarded = 'notifications.badge-awarded',
  /** A facilitator's announcement, sent at once. Named when cohorts sent it; persisted in the ledger, so kept. */
  Announcement = 'cohorts.announcement',
}

/** What a person can turn off with one click (RFC 8058), each one switch of their notification preferences. */
export enum NotificationCategory {
  Digest = 'digest',
  Reminders = 'reminders',
  Announcements = 'announcements',
  ReviewActivity = 'reviewActivity',
  Badges = 'badges',
}

export const CATEGORY_OF_MAIL: { readonly [K in NotificationMailKind]: NotificationCategory } = {
  [NotificationMailKind.Digest]: NotificationCategory.Digest,
  [NotificationMailKind.MeetingReminder]: NotificationCategory.Reminders,
  [NotificationMailKind.ModuleDueReminder]: NotificationCategory.Reminders,
  [NotificationMailKind.MeetingChanged]: NotificationCategory.Reminders,
  [NotificationMailKind.Announcement]: NotificationCategory.Announcements,
  [NotificationMailKind.ReviewAssigned]: NotificationCategory.ReviewActivity,
  [NotificationMailKind.ReviewLeaseExpiring]: NotificationCategory.ReviewActivity,
  [NotificationMailKind.ReviewsDue]: NotificationCategory.ReviewActivity,
  [NotificationMailKind.ReviewReceived]: NotificationCategory.ReviewActivity,
  [NotificationMailKind.ScoreReleased]: NotificationCategory.ReviewActivity,
  [NotificationMailKind.ReviewsShortOfK]: NotificationCategory.ReviewActivity,
  [NotificationMailKind.BadgeAwarded]: NotificationCategory.Badges,
};
