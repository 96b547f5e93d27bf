export { NotificationsModule } from './notifications.module';
export { ScheduledNotification } from './schedule/scheduled-notification.entity';
export {
  CATEGORY_OF_MAIL,
  NotificationCategory,
  NotificationKind,
  NotificationMailKind,
  ScheduleStatus,
} from './schedule/notification-kind';
export { NotificationSchedule, type PendingFilter, type ScheduleEntry } from './schedule/notification-schedule';
export { OutboxRelay, RELAY_BATCH, type RelayedBatch, type RelayRun } from './relay/outbox-relay';
export { OUTBOX_MAX_ATTEMPTS, outboxRetryDelayMs } from './relay/relay-retry-policy';
export { NotificationReleaser } from './release/notification-releaser';
export { DigestPlanner, type DigestPayload } from './digests/planning/digest-planner';
export { NextDigestQuery, type NextDigestView } from './digests/planning/next-digest.query';
export { nextDigest, digestKey, type DigestPreference, type PlannedDigest } from './digests/planning/next-digest';
export { nextAllowedInstant, type QuietHours } from './quiet-hours/quiet-hours';
export { DigestComposer, DIGEST_TEMPLATES, type DigestView } from './digests/digest.composer';
export type { DigestFrequency, DigestRecipient, DigestSection } from './digests/content/digest-section';
export { DIGEST_SECTIONS, DIGEST_SECTION_TYPES } from './digests/content/digest-sections';
export { UnsubscribeLinks, UNSUBSCRIBE_PATH } from './unsubscribe/unsubscribe-links';
export { UnsubscribeTokens, type UnsubscribeClaim } from './unsubscribe/unsubscribe-token';
export { UnsubscribeService, type UnsubscribeRequest, type UnsubscribeResult } from './unsubscribe/unsubscribe.service';
export { UnsubscribePage } from './unsubscribe/unsubscribe-page';
export { NotificationCategoryGate } from './unsubscribe/category-gate';
export { categoryOfMail } from './unsubscribe/mail-category';
export { PreviewSamples, type PreviewSample } from './preview/preview-samples';
export { EmailPreview } from './preview/email-preview';
export { MeetingReminderPlanner } from './reminders/meeting-reminder.planner';
export { ModuleDueReminderPlanner } from './reminders/module-due-reminder.planner';
export { MeetingChangeNotifier, type MeetingChangedPayload } from './reminders/meeting-change.notifier';
export { MEETING_REMINDER_HORIZON_DAYS, type MeetingReminderPayload } from './reminders/meeting-reminder-plan';
export { MODULE_REMINDER_LEAD_MS, type ModuleReminderPayload } from './reminders/module-reminder-plan';
export { meetingChangedKey, meetingReminderKey, moduleReminderKey } from './reminders/reminder-keys';
export { PeerReviewNoticePlanner } from './peer-review/peer-review-notice.planner';
export { LEASE_WARNING_LEAD_MS, REVIEWS_DUE_LEAD_MS } from './peer-review/peer-review-notice-plan';
export {
  leaseExpiringKey,
  reviewAssignedKey,
  reviewReceivedKey,
  reviewsDueKey,
  scoreReleasedKey,
  shortOfKKey,
} from './peer-review/peer-review-keys';
export { badgeAwardedKey } from './badges/badge-keys';
export { NotificationMetrics, QUEUE_JOB_STATES } from './operations/notification-metrics';
export {
  NotificationHistoryRepository,
  type DeliveryEntry,
  type HistoryUser,
  type ScheduledEntry,
} from './operations/notification-history.repository';
export { NotificationJob } from './notifications.jobs';
export { AnnouncementMailer } from './announcements/announcement-mailer';
export { announcementDedupeKey, type AnnouncementMailPayload } from './announcements/announcement-mails';
export { RetentionPass, type RetentionRun } from './retention/retention-pass';
export { SCHEDULE_REPLAN_DAYS } from './retention/schedule-retention';
