import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock, JobQueue, QueueName } from '@app/core';
import { NotificationStatsRepository } from './notification-stats.repository';

/** BullMQ job states reported per queue. */
export const QUEUE_JOB_STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/**
 * Queue and ledger figures in Prometheus text format, read at scrape time: one Redis call per queue and one
 * SQL query per source, in parallel. Its own registry (not prom-client's global one), so several app instances
 * in one process (tests) never clash. Send outcomes are the ledger's statuses: rows are kept, so
 * `commonplace_email_deliveries{status="sent"}` only grows, and the worker (which has no HTTP server) needs
 * no counters of its own.
 */
@Injectable()
export class NotificationMetrics {
  private readonly registry = new Registry();
  private readonly queueJobs = this.gauge('commonplace_queue_jobs', 'BullMQ jobs per queue and state.', [
    'queue',
    'state',
  ]);
  private readonly deliveries = this.gauge('commonplace_email_deliveries', 'Email ledger rows by status and kind.', [
    'status',
    'kind',
  ]);
  private readonly deliveryAttempts = this.gauge(
    'commonplace_email_delivery_attempts',
    'SMTP attempts summed over the email ledger rows, by status and kind.',
    ['status', 'kind'],
  );
  private readonly dueDeliveries = this.gauge(
    'commonplace_email_due_pending',
    'Ledger rows due to be sent (or retried) and not sent yet.',
  );
  private readonly deliveryLateness = this.gauge(
    'commonplace_email_oldest_due_pending_seconds',
    'How long the oldest ledger row due to be sent has waited; 0 when none waits.',
  );
  private readonly scheduled = this.gauge(
    'commonplace_scheduled_notifications',
    'Notification schedule rows by status and kind.',
    ['status', 'kind'],
  );
  private readonly dueSchedule = this.gauge(
    'commonplace_schedule_due_pending',
    'Schedule rows whose time has come and that are not released yet.',
  );
  private readonly scheduleLateness = this.gauge(
    'commonplace_schedule_oldest_due_pending_seconds',
    'How late the oldest due, unreleased schedule row is; 0 when none is.',
  );
  private readonly outboxPending = this.gauge(
    'commonplace_outbox_unpublished_events',
    'Outbox events not relayed yet, those waiting to be retried included; quarantined ones are counted apart.',
  );
  private readonly outboxQuarantined = this.gauge(
    'commonplace_outbox_quarantined_events',
    'Outbox events a handler kept failing on: kept, never relayed again without an operator. Should be 0.',
  );
  private readonly outboxAge = this.gauge(
    'commonplace_outbox_oldest_unpublished_age_seconds',
    'Age of the oldest outbox event not relayed yet; 0 when none waits.',
  );
  /** Two scrapes at once share one collection, so neither sees the other's half-reset gauges. */
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobQueue,
    private readonly stats: NotificationStatsRepository,
    private readonly clock: Clock,
  ) {}

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    this.inFlight ??= this.collect().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async collect(): Promise<string> {
    const now = this.clock.now();
    const manager = this.dataSource.manager;
    const [queues, ledger, dueLedger, schedule, dueSchedule, outbox, quarantined] = await Promise.all([
      Promise.all(Object.values(QueueName).map(async (name) => ({ name, counts: await this.queueCounts(name) }))),
      this.stats.ledgerByStatusAndKind(manager),
      this.stats.dueLedger(manager, now),
      this.stats.scheduleByStatusAndKind(manager),
      this.stats.dueSchedule(manager, now),
      this.stats.unpublishedOutbox(manager, now),
      this.stats.quarantinedOutbox(manager),
    ]);

    // Reset first: a status or kind with no rows left must disappear, not keep its last value.
    this.registry.resetMetrics();
    for (const { name, counts } of queues) {
      for (const state of QUEUE_JOB_STATES) this.queueJobs.set({ queue: name, state }, counts[state] ?? 0);
    }
    for (const row of ledger) {
      this.deliveries.set({ status: row.status, kind: row.kind }, row.count);
      this.deliveryAttempts.set({ status: row.status, kind: row.kind }, row.attempts);
    }
    for (const row of schedule) this.scheduled.set({ status: row.status, kind: row.kind }, row.count);
    this.dueDeliveries.set(dueLedger.count);
    this.deliveryLateness.set(dueLedger.oldestSeconds);
    this.dueSchedule.set(dueSchedule.count);
    this.scheduleLateness.set(dueSchedule.oldestSeconds);
    this.outboxPending.set(outbox.count);
    this.outboxAge.set(outbox.oldestSeconds);
    this.outboxQuarantined.set(quarantined);
    return this.registry.metrics();
  }

  private queueCounts(name: QueueName): Promise<Record<string, number>> {
    return this.jobs.queue(name).getJobCounts(...QUEUE_JOB_STATES);
  }

  private gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return new Gauge<L>({ name, help, labelNames, registers: [this.registry] });
  }
}
