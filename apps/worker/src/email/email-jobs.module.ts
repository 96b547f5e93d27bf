import { Module } from '@nestjs/common';
import { EmailSchedules } from './email-schedules';
import { ReconcileEmailsProcessor } from './reconcile-emails.processor';
import { SendEmailJobs } from './send-email-jobs';
import { SendEmailProcessor } from './send-email.processor';

/** The worker's email jobs. Needs MailModule (global) and the composers of every domain that sends email. */
@Module({
  providers: [SendEmailProcessor, ReconcileEmailsProcessor, SendEmailJobs, EmailSchedules],
})
export class EmailJobsModule {}
