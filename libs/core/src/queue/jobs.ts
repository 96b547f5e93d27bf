/**
 * The queue contract shared by the API and the worker.
 * Values are persisted in Redis: never rename one without a migration plan.
 */
export enum QueueName {
  Email = 'email',
  Maintenance = 'maintenance',
}

export enum JobName {
  /** Render and send one row of the email ledger. */
  SendEmail = 'send-email',
  /** Re-enqueue ledger rows still pending, so a lost Redis loses no email. */
  ReconcileEmails = 'reconcile-emails',
  /** Drop meetings that have begun from groups' discovery summaries ("fits my day", start date). */
  RefreshGroupDiscovery = 'refresh-group-discovery',
}

/** Payloads carry ids, never rows: the handler reloads the current state. */
export interface JobPayloads {
  [JobName.SendEmail]: { deliveryId: string };
  [JobName.ReconcileEmails]: Record<string, never>;
  [JobName.RefreshGroupDiscovery]: Record<string, never>;
}

export type JobData<N extends JobName> = JobPayloads[N];

export const QUEUE_OF_JOB: { readonly [N in JobName]: QueueName } = {
  [JobName.SendEmail]: QueueName.Email,
  [JobName.ReconcileEmails]: QueueName.Maintenance,
  [JobName.RefreshGroupDiscovery]: QueueName.Maintenance,
};
