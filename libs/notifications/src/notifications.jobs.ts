import { declareJobs, QueueName } from '@app/core';

declare module '@app/core' {
  interface JobPayloads {
    'relay-outbox': Record<string, never>;
    'release-due-notifications': Record<string, never>;
    'plan-digests': Record<string, never>;
    'plan-meeting-reminders': Record<string, never>;
    'apply-retention': Record<string, never>;
  }
}

export const NotificationJob = declareJobs({
  /** Turn a batch of unpublished outbox events into schedule rows (FOR UPDATE SKIP LOCKED). */
  RelayOutbox: { name: 'relay-outbox', queue: QueueName.Notifications },
  /** Turn schedule rows whose time has come into email ledger rows. */
  ReleaseDueNotifications: { name: 'release-due-notifications', queue: QueueName.Notifications },
  /** Give every person with digests on their next digest row (heals anything the relay missed). */
  PlanDigests: { name: 'plan-digests', queue: QueueName.Maintenance },
  /** Plan reminders of meetings that came within the planning horizon (30 days) since they were scheduled. */
  PlanMeetingReminders: { name: 'plan-meeting-reminders', queue: QueueName.Maintenance },
  /** Delete published outbox events, finished schedule rows and finished ledger rows past their windows. */
  ApplyRetention: { name: 'apply-retention', queue: QueueName.Maintenance },
});
