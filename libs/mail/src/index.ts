export { MailModule } from './mail.module';
export { EmailLedger, sendEmailJobId, type EmailRequest } from './ledger/email-ledger';
export { EmailDelivery, DeliveryStatus } from './ledger/email-delivery.entity';
export {
  EmailComposerRegistry,
  type EmailComposer,
  type ComposedEmail,
  type DeliveryToCompose,
} from './compose/email-composer';
