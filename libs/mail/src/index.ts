export { MailModule } from './mail.module';
export {
  EmailLedger,
  SEND_BATCH_SIZE,
  sendEmailBatchJobId,
  sendEmailJobId,
  WAKE_MARGIN_MS,
  type EmailRequest,
  type QueuedEmail,
  type RequestedEmail,
} from './ledger/email-ledger';
export { EmailDelivery, DeliveryStatus } from './ledger/email-delivery.entity';
export {
  EmailComposerRegistry,
  type EmailComposer,
  type ComposedEmail,
  type DeliveryToCompose,
} from './compose/email-composer';
export { TemplateRenderer, DEFAULT_LOCALE, type TemplateSet, type RenderedEmail } from './templates/template-renderer';
export { formatDateTime, type DateTimeStyle } from './templates/format-date-time';
export {
  MailTransport,
  mailboxDir,
  sendMailOptions,
  type OutgoingEmail,
  type SendResult,
} from './transport/mail-transport';
export { MailDeliveryError, type DeliveryFailureKind } from './transport/mail-delivery-error';
export { EmailDispatcher, type DispatchResult } from './dispatch/email-dispatcher';
export { EmailReconciler, STALE_AFTER_MS, type DueDelivery, type ReconcileScope } from './dispatch/email-reconciler';
export { MAX_ATTEMPTS, CLAIM_LEASE_MS, retryDelayMs, maxRetryDelayMs } from './dispatch/retry-policy';
export { EmailSuppression } from './ledger/email-suppression.entity';
export { DeliveryGates, type DeliveryGate } from './dispatch/delivery-gates';
export { EmailSuppressions, HARD_BOUNCES_TO_SUPPRESS, SUPPRESSED_RESPONSE } from './ledger/email-suppressions';
export { MailJob } from './mail.jobs';
export { EmailRetention } from './retention/email-retention';
export { MAIL_READ_VIEWS } from './mail-read-views';
