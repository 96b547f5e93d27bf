/**
 * The queue contract shared by the API and the worker.
 * Values are persisted in Redis: never rename one without a migration plan.
 */
export enum QueueName {
  Email = 'email',
  Maintenance = 'maintenance',
  /** Relaying the outbox and releasing due notifications: kept apart so a long maintenance job never delays them. */
  Notifications = 'notifications',
}

export enum JobName {
  /** Render and send one row of the email ledger (a retry, or a row that was not due when its batch ran). */
  SendEmail = 'send-email',
  /** Render and send rows of the email ledger together: one claim, one query per gate and section, per batch. */
  SendEmailBatch = 'send-email-batch',
  /** Re-enqueue ledger rows still pending, so a lost Redis loses no email. */
  ReconcileEmails = 'reconcile-emails',
  /** Drop meetings that have begun from groups' discovery summaries ("fits my day", start date). */
  RefreshGroupDiscovery = 'refresh-group-discovery',
  /** Turn a batch of unpublished outbox events into schedule rows (FOR UPDATE SKIP LOCKED). */
  RelayOutbox = 'relay-outbox',
  /** Turn schedule rows whose time has come into email ledger rows. */
  ReleaseDueNotifications = 'release-due-notifications',
  /** Give every person with digests on their next digest row (heals anything the relay missed). */
  PlanDigests = 'plan-digests',
  /** Plan reminders of meetings that came within the planning horizon (30 days) since they were scheduled. */
  PlanMeetingReminders = 'plan-meeting-reminders',
  /** Delete published outbox events, finished schedule rows and finished ledger rows past their windows. */
  ApplyRetention = 'apply-retention',
}

/** Payloads carry ids, never rows: the handler reloads the current state. */
export interface JobPayloads {
  [JobName.SendEmail]: { deliveryId: string };
  [JobName.SendEmailBatch]: { deliveryIds: string[] };
  [JobName.ReconcileEmails]: Record<string, never>;
  [JobName.RefreshGroupDiscovery]: Record<string, never>;
  [JobName.RelayOutbox]: Record<string, never>;
  [JobName.ReleaseDueNotifications]: Record<string, never>;
  [JobName.PlanDigests]: Record<string, never>;
  [JobName.PlanMeetingReminders]: Record<string, never>;
  [JobName.ApplyRetention]: Record<string, never>;
}

export type JobData<N extends JobName> = JobPayloads[N];

export const QUEUE_OF_JOB: { readonly [N in JobName]: QueueName } = {
  [JobName.SendEmail]: QueueName.Email,
  [JobName.SendEmailBatch]: QueueName.Email,
  [JobName.ReconcileEmails]: QueueName.Maintenance,
  [JobName.RefreshGroupDiscovery]: QueueName.Maintenance,
  [JobName.RelayOutbox]: QueueName.Notifications,
  [JobName.ReleaseDueNotifications]: QueueName.Notifications,
  [JobName.PlanDigests]: QueueName.Maintenance,
  [JobName.PlanMeetingReminders]: QueueName.Maintenance,
  [JobName.ApplyRetention]: QueueName.Maintenance,
};
