import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { bullPrefix, QueueName } from '@app/core';
import { deleteRedisKeys } from '@app/core/testing';
import {
  CLAIM_LEASE_MS,
  DeliveryStatus,
  MailJob,
  maxRetryDelayMs,
  sendEmailBatchJobId,
  sendEmailJobId,
  STALE_AFTER_MS,
} from '@app/mail';
import { ComposeGate } from '../../../libs/mail/test/support/test-composers';
import { EmailJobsModule } from '../src/email/email-jobs.module';
import { ReconcileEmailsProcessor } from '../src/email/reconcile-emails.processor';
import { SendEmailJobs } from '../src/email/send-email-jobs';
import { SendEmailBatchProcessor } from '../src/email/send-email-batch.processor';
import { SendEmailProcessor } from '../src/email/send-email.processor';
import { EmailQueueMarker } from '../src/email/email-queue-marker';
import { JobsModule } from '../src/jobs/jobs.module';
import { RecurringJobs } from '../src/jobs/recurring-jobs';
import { GroupJobsModule } from '../src/groups/group-jobs.module';
import { eventually, startWorkerTestApp, type WorkerTestApp } from './worker-test-app';
import { NotificationJob } from '@app/notifications';
import { GroupJob } from '@app/groups';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('worker (BullMQ on Redis, PostgreSQL ledger, SMTP server)', () => {
  let w: WorkerTestApp;

  beforeAll(async () => {
    w = await startWorkerTestApp();
  });
  afterEach(() => w.sink.failWith(null));
  afterAll(() => w.close());

  /** What the 30-second schedule does, now. */
  const reconcile = (): Promise<void> => w.jobs.enqueue(MailJob.ReconcileEmails, {});

  it('sends an email requested through the ledger, once', async () => {
    const id = await w.requestGreeting('ana@example.org', { payload: { name: 'Ana' } });
    await w.ledger.enqueue([id]);
    await w.ledger.enqueue([id]);

    const [mail] = await w.sink.waitFor((m) => m.to.includes('ana@example.org'));
    expect(mail!.subject).toBe('Welcome to the circle, Ana & friends');
    await eventually(async () => (await w.ledgerState(id))?.status === DeliveryStatus.Sent);
    await reconcile();
    await sleep(300);
    expect(w.sink.to('ana@example.org')).toHaveLength(1);
    expect(await w.ledgerState(id)).toEqual({ status: DeliveryStatus.Sent, attempts: 1 });
    expect(await w.jobState(sendEmailBatchJobId([id]))).toBe('completed');
  });

  it('gives a row whose delayed job was lost with Redis its job back, and sends it when due', async () => {
    // Requested for later: its batch finds it not due and leaves a job asleep until then; Redis then loses it.
    const notBefore = new Date(w.clock.now().getTime() + 3600_000);
    const id = await w.requestGreeting('bo@example.org', { notBefore });
    await w.ledger.enqueue([id]);
    await eventually(async () => (await w.jobState(sendEmailJobId(id))) === 'delayed');
    await deleteRedisKeys(w.config.REDIS_URL, `${bullPrefix(w.config)}:${QueueName.Email}`);
    expect(await w.jobState(sendEmailJobId(id))).toBe('unknown');

    // The queue's marker went with it: the pass gives every pending row a job, this one asleep until it is due.
    await reconcile();
    await eventually(async () => (await w.jobState(sendEmailJobId(id))) === 'delayed');
    await sleep(300);
    expect(w.sink.to('bo@example.org')).toHaveLength(0);

    // Its instant comes (BullMQ's delay runs on the real clock: promote it as the hour passing would).
    w.clock.set(notBefore);
    await (await w.jobs.queue(QueueName.Email).getJob(sendEmailJobId(id)))!.promote();
    await w.sink.waitFor((m) => m.to.includes('bo@example.org'));
    await eventually(async () => (await w.ledgerState(id))?.status === DeliveryStatus.Sent);
  });

  it('sends the rows of a batch whose job was lost, at the first pass after the queue lost its data', async () => {
    // Redis refuses nothing, but the batch job vanishes before a worker takes it (the whole queue is flushed).
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await w.requestGreeting(`lost${i}@example.org`));
    await deleteRedisKeys(w.config.REDIS_URL, `${bullPrefix(w.config)}:${QueueName.Email}`);

    await reconcile();
    for (let i = 0; i < 3; i++) await w.sink.waitFor((m) => m.to.includes(`lost${i}@example.org`));
    for (const id of ids) await eventually(async () => (await w.ledgerState(id))?.status === DeliveryStatus.Sent);
  });

  it('retries after the back-off when the server said 421, and delivers once', async () => {
    w.sink.failWith(421, 'Try again later');
    const id = await w.requestGreeting('cai@example.org');
    await w.ledger.enqueue([id]);

    // The failed attempt leaves the row pending and a delayed job for attempt 2.
    await eventually(async () => (await w.ledgerState(id))?.attempts === 1);
    await eventually(async () => (await w.jobState(sendEmailJobId(id, 1))) === 'delayed');
    expect(await w.ledgerState(id)).toEqual({ status: DeliveryStatus.Pending, attempts: 1 });

    w.sink.failWith(null);
    // Not due yet: a reconciliation does not hurry it.
    await reconcile();
    await sleep(300);
    expect(w.sink.to('cai@example.org')).toHaveLength(0);

    // The back-off ends (BullMQ's delay runs on the real clock: promote the job as the time passing would).
    w.clock.advance(maxRetryDelayMs(1));
    await (await w.jobs.queue(QueueName.Email).getJob(sendEmailJobId(id, 1)))!.promote();
    await w.sink.waitFor((m) => m.to.includes('cai@example.org'));
    await eventually(async () => (await w.ledgerState(id))?.status === DeliveryStatus.Sent);
    await sleep(300);
    expect(w.sink.to('cai@example.org')).toHaveLength(1);
    expect(await w.ledgerState(id)).toEqual({ status: DeliveryStatus.Sent, attempts: 2 });
  });

  it('finishes the send of a worker that died mid-send, after its lease, once', async () => {
    const id = await w.requestGreeting('dan@example.org');
    // A worker claimed it and was killed: no email went out, the row is locked, its job is gone.
    await w.db.query(`UPDATE email_deliveries SET status = 'sending', attempts = 1, locked_until = $2 WHERE id = $1`, [
      id,
      new Date(w.clock.now().getTime() + CLAIM_LEASE_MS),
    ]);

    await reconcile();
    await w.ledger.enqueue([id]);
    await sleep(300);
    expect(w.sink.to('dan@example.org')).toHaveLength(0);

    w.clock.advance(CLAIM_LEASE_MS + 1000);
    await reconcile();
    await w.sink.waitFor((m) => m.to.includes('dan@example.org'));
    await eventually(async () => (await w.ledgerState(id))?.status === DeliveryStatus.Sent);
    expect(await w.ledgerState(id)).toEqual({ status: DeliveryStatus.Sent, attempts: 2 });
  });

  it('sends a row whose job ran before it was visible, once it has been due a while', async () => {
    const id = randomUUID();
    // A batch job for this id ran before its row was committed and completed with nothing to do.
    await w.ledger.enqueue([id]);
    await eventually(async () => (await w.jobState(sendEmailBatchJobId([id]))) === 'completed');
    await w.db.query(
      `INSERT INTO email_deliveries (id, dedupe_key, kind, to_address, locale, next_attempt_at)
       VALUES ($1, $2, 'test.greeting', 'eli@example.org', 'en', $3)`,
      [id, `greeting:eli:${id}`, w.clock.now()],
    );

    // Just due: the routine pass leaves it to its own job (a burst would otherwise cost a round trip per row).
    await reconcile();
    await sleep(300);
    expect(w.sink.to('eli@example.org')).toHaveLength(0);

    // Due for a while and still unclaimed: the pass hands it over in a batch of its own, not blocked by the old id.
    w.clock.advance(STALE_AFTER_MS + 1000);
    await reconcile();
    await w.sink.waitFor((m) => m.to.includes('eli@example.org'));
    await eventually(async () => (await w.ledgerState(id))?.status === DeliveryStatus.Sent);
  });
});

describe('worker schedules', () => {
  it('puts back the schedules Redis lost, and the first reconciliation sends what was due at once', async () => {
    const w = await startWorkerTestApp();
    try {
      const maintenance = w.jobs.queue(QueueName.Maintenance);
      expect(await maintenance.getJobScheduler(MailJob.ReconcileEmails)).toBeTruthy();
      // Due now, its batch job about to be lost: Redis restarts empty (it keeps nothing on disk).
      const id = await w.requestGreeting('gil@example.org');
      await deleteRedisKeys(w.config.REDIS_URL, bullPrefix(w.config));
      expect(await maintenance.getJobScheduler(MailJob.ReconcileEmails)).toBeUndefined();

      // What each worker's 10-second check does.
      const restored = await w.app.get(RecurringJobs).restoreMissing();

      expect([...restored].sort()).toEqual(
        [
          NotificationJob.ApplyRetention,
          NotificationJob.PlanDigests,
          NotificationJob.PlanMeetingReminders,
          MailJob.ReconcileEmails,
          GroupJob.RefreshGroupDiscovery,
          NotificationJob.RelayOutbox,
          NotificationJob.ReleaseDueNotifications,
        ].sort(),
      );
      expect(await maintenance.getJobScheduler(MailJob.ReconcileEmails)).toMatchObject({ every: 30_000 });
      await w.sink.waitFor((m) => m.to.includes('gil@example.org'));
      await eventually(async () => (await w.ledgerState(id))?.status === DeliveryStatus.Sent);
      expect(await w.app.get(RecurringJobs).restoreMissing()).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

describe('worker boot', () => {
  @Module({ providers: [SendEmailProcessor, SendEmailBatchProcessor, SendEmailJobs] })
  class OnlySendEmailModule {}

  @Module({ providers: [ReconcileEmailsProcessor, SendEmailJobs, EmailQueueMarker] })
  class SecondReconcilerModule {}

  it('refuses to start when a job has no handler, naming the job', async () => {
    await expect(startWorkerTestApp([JobsModule, OnlySendEmailModule, GroupJobsModule])).rejects.toThrow(
      'Every job needs exactly one @HandlesJob provider in the worker: no handler for job "reconcile-emails"',
    );
  });

  it('refuses to start when a job has two handlers', async () => {
    await expect(
      startWorkerTestApp([JobsModule, EmailJobsModule, GroupJobsModule, SecondReconcilerModule]),
    ).rejects.toThrow('2 handlers for job "reconcile-emails" (ReconcileEmailsProcessor, ReconcileEmailsProcessor)');
  });
});

describe('worker shutdown', () => {
  it('lets the job in hand finish: the email goes out and is recorded before the process lets go', async () => {
    const w = await startWorkerTestApp();
    try {
      const gate = w.app.get(ComposeGate);
      const id = await w.requestGreeting('fia@example.org', { payload: { gated: true } });
      await w.ledger.enqueue([id]);
      await gate.entered;

      let closed = false;
      const closing = w.closeApp().then(() => (closed = true));
      await sleep(500);
      expect(closed).toBe(false);
      expect(w.sink.to('fia@example.org')).toHaveLength(0);

      gate.open();
      await closing;
      expect(w.sink.to('fia@example.org')).toHaveLength(1);
      expect(await w.ledgerState(id)).toEqual({ status: DeliveryStatus.Sent, attempts: 1 });
    } finally {
      await w.close();
    }
  });
});
