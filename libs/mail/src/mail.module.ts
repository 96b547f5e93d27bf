import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EmailComposerRegistry } from './compose/email-composer';
import { EmailDelivery } from './ledger/email-delivery.entity';
import { EmailLedger } from './ledger/email-ledger';

// Global so each domain's composers can register with the one registry without importing MailModule twice.
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([EmailDelivery])],
  providers: [EmailLedger, EmailComposerRegistry],
  exports: [EmailLedger, EmailComposerRegistry],
})
export class MailModule {}
