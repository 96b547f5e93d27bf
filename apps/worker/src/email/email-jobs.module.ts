import { Module } from '@nestjs/common';
import { EmailQueueMarker } from './email-queue-marker';
import { ReconcileEmailsProcessor } from './reconcile-emails.processor';
import { SendEmailBatchProcessor } from './send-email-batch.processor';
import { SendEmailJobs } from './send-email-jobs';
import { SendEmailProcessor } from './send-email.processor';

/** The worker's email jobs. Needs MailModule (global) and the composers of every domain that sends email. */
@Module({
  providers: [SendEmailProcessor, SendEmailBatchProcessor, ReconcileEmailsProcessor, SendEmailJobs, EmailQueueMarker],
})
export class EmailJobsModule {}
