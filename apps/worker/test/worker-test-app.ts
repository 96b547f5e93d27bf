import type { ModuleMetadata } from '@nestjs/common';
import { Client } from 'pg';
import { JobQueue, QueueName } from '@app/core';
import { EmailLedger, type DeliveryStatus } from '@app/mail';
import { startMailTestApp, type MailTestApp } from '../../../libs/mail/test/support/mail-test-app';
import { EmailJobsModule } from '../src/email/email-jobs.module';
import { GroupJobsModule } from '../src/groups/group-jobs.module';
import { JobsModule } from '../src/jobs/jobs.module';
import { NotificationJobsModule } from '../src/notifications/notification-jobs.module';
import { ReminderJobsModule } from '../src/notifications/reminders/reminder-jobs.module';
import { RetentionJobsModule } from '../src/retention/retention-jobs.module';

export interface WorkerTestApp extends MailTestApp {
  jobs: JobQueue;
  ledger: EmailLedger;
  /** The ledger row's status and attempts, read on a connection of its own (works after the app closed). */
  ledgerState(id: string): Promise<{ status: DeliveryStatus; attempts: number } | undefined>;
  /** State of a job in the email queue, as BullMQ reports it. */
  jobState(jobId: string): Promise<string>;
}

/**
 * The worker as it runs (real BullMQ workers on Redis, real job handlers, real ledger and SMTP), with the test
 * composers in place of the domains' ones. `imports` replaces the job modules (to boot a broken worker).
 */
export async function startWorkerTestApp(
  imports: ModuleMetadata['imports'] = [
    JobsModule,
    EmailJobsModule,
    GroupJobsModule,
    NotificationJobsModule,
    ReminderJobsModule,
    RetentionJobsModule,
  ],
): Promise<WorkerTestApp> {
  const t = await startMailTestApp({ imports });
  const jobs = t.app.get(JobQueue);
  return Object.assign(t, {
    jobs,
    ledger: t.app.get(EmailLedger),
    async ledgerState(id: string) {
      const client = new Client({ connectionString: t.config.DATABASE_URL });
      await client.connect();
      try {
        const { rows } = await client.query<{ status: DeliveryStatus; attempts: number }>(
          'SELECT status, attempts FROM email_deliveries WHERE id = $1',
          [id],
        );
        return rows[0];
      } finally {
        await client.end();
      }
    },
    jobState: (jobId: string) => jobs.queue(QueueName.Email).getJobState(jobId),
  });
}

/** Polls until `check` returns something truthy, or fails after `timeoutMs` with the last value seen. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (Date.now() < deadline);
  throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
}
