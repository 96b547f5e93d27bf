import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailComposerRegistry } from './compose/email-composer';
import { AttemptRecorder } from './dispatch/attempt-recorder';
import { EmailDispatcher } from './dispatch/email-dispatcher';
import { DeliveryGates } from './dispatch/delivery-gates';
import { EmailReconciler } from './dispatch/email-reconciler';
import { EmailDelivery } from './ledger/email-delivery.entity';
import { EmailDeliveryRepository } from './ledger/email-delivery.repository';
import { EmailLedger } from './ledger/email-ledger';
import { EmailPersonalData } from './ledger/email-personal-data';
import { EmailSuppression } from './ledger/email-suppression.entity';
import { EmailSuppressions } from './ledger/email-suppressions';
import { EmailRetention } from './retention/email-retention';
import { TemplateRenderer } from './templates/template-renderer';
import { MailTransport } from './transport/mail-transport';

// Global so each domain's composers can register with the one registry without importing MailModule twice.
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([EmailDelivery, EmailSuppression])],
  providers: [
    EmailLedger,
    EmailPersonalData,
    EmailComposerRegistry,
    EmailDeliveryRepository,
    EmailDispatcher,
    AttemptRecorder,
    EmailReconciler,
    MailTransport,
    TemplateRenderer,
    DeliveryGates,
    EmailSuppressions,
    EmailRetention,
  ],
  exports: [
    EmailLedger,
    EmailComposerRegistry,
    EmailDispatcher,
    EmailReconciler,
    MailTransport,
    TemplateRenderer,
    DeliveryGates,
    EmailSuppressions,
    EmailRetention,
  ],
})
export class MailModule {}
