import { Module } from '@nestjs/common';
import { BadgesModule } from '@app/badges';
import { CohortsModule } from '@app/cohorts';
import { CoreModule } from '@app/core';
import { IdentityModule } from '@app/identity';
import { MailModule } from '@app/mail';
import { NotificationsModule } from '@app/notifications';
import { EmailJobsModule } from './email/email-jobs.module';
import { GroupJobsModule } from './groups/group-jobs.module';
import { JobsModule } from './jobs/jobs.module';
import { NotificationJobsModule } from './notifications/notification-jobs.module';
import { ReminderJobsModule } from './notifications/reminders/reminder-jobs.module';
import { RetentionJobsModule } from './retention/retention-jobs.module';

/**
 * The worker process: queue consumers and schedules, no HTTP. Each domain module is imported for the job
 * handlers and email composers it registers.
 */
@Module({
  imports: [
    CoreModule,
    MailModule,
    IdentityModule,
    CohortsModule,
    BadgesModule,
    NotificationsModule,
    JobsModule,
    EmailJobsModule,
    GroupJobsModule,
    NotificationJobsModule,
    ReminderJobsModule,
    RetentionJobsModule,
  ],
})
export class WorkerModule {}
