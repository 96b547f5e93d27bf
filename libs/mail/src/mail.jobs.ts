import { declareJobs, QueueName } from '@app/core';

declare module '@app/core' {
  interface JobPayloads {
    'send-email': { deliveryId: string };
    'send-email-batch': { deliveryIds: string[] };
    'reconcile-emails': Record<string, never>;
  }
}

export const MailJob = declareJobs({
  /** Render and send one row of the email ledger (a retry, or a row that was not due when its batch ran). */
  SendEmail: { name: 'send-email', queue: QueueName.Email },
  /** Render and send rows of the email ledger together: one claim, one query per gate and section, per batch. */
  SendEmailBatch: { name: 'send-email-batch', queue: QueueName.Email },
  /** Re-enqueue ledger rows still pending, so a lost Redis loses no email. */
  ReconcileEmails: { name: 'reconcile-emails', queue: QueueName.Maintenance },
});
