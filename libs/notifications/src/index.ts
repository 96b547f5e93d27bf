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
export {
  OutboxHandlerRegistry,
  type HandlerOutcome,
  type OutboxEventHandler,
  type RelayedEvent,
} from './relay/outbox-handler';
export { OutboxRelay } from './relay/outbox-relay';
export { NotificationReleaser } from './release/notification-releaser';
export { DigestPlanner, type DigestPayload } from './digests/planning/digest-planner';
export { nextDigest, digestKey, type DigestPreference, type PlannedDigest } from './digests/planning/next-digest';
export { nextAllowedInstant, type QuietHours } from './quiet-hours/quiet-hours';
export { DigestComposer } from './digests/digest.composer';
export type { DigestRecipient, DigestSection } from './digests/content/digest-section';
