import { performance } from 'node:perf_hooks';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock } from '@app/core';
import { EmailRetention } from '@app/mail';
import { AttachmentRetention } from '@app/peer-review';
import { OutboxRetention } from './outbox-retention';
import { ScheduleRetention } from './schedule-retention';

/** Rows one run deleted, per table; a plain record of counts (the job's result). */
export type RetentionRun = {
  outboxEvents: number;
  scheduledNotifications: number;
  emailDeliveries: number;
  /** Peer-review uploads never submitted, a day old. */
  unboundAttachments: number;
  batches: number;
  /** True when the time budget ended the run with rows left (the next run goes on). */
  cutShort: boolean;
  durationMs: number;
};

type Table = 'outboxEvents' | 'scheduledNotifications' | 'emailDeliveries' | 'unboundAttachments';

/**
 * One retention run over the three tables that grow with every notification: published outbox events, finished
 * schedule rows and finished email ledger rows, each past its own window; and peer review's uploads never submitted
 * (deleted by peer review itself). Batches of RETENTION_BATCH_SIZE, one
 * statement (one short transaction) each, taken in turn from each table still holding old rows, until none is left
 * or RETENTION_RUN_SECONDS have passed. Idempotent, and safe with two workers at once (SKIP LOCKED).
 *
 * Here because this library is the highest of the three owners: it holds the schedule and the relay (which ends
 * an outbox event's life) and may call the mail library, which deletes its own rows.
 */
@Injectable()
export class RetentionPass {
  private readonly logger = new Logger(RetentionPass.name);

  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly outbox: OutboxRetention,
    private readonly schedule: ScheduleRetention,
    private readonly emails: EmailRetention,
    private readonly attachments: AttachmentRetention,
  ) {}

  async run(): Promise<RetentionRun> {
    // The horizons come from the clock once per run; the budget is elapsed time, which a clock does not measure.
    const now = this.clock.now();
    const limit = this.config.RETENTION_BATCH_SIZE;
    const started = performance.now();
    const budgetMs = this.config.RETENTION_RUN_SECONDS * 1000;
    const removers: Record<Table, (now: Date, limit: number) => Promise<number>> = {
      outboxEvents: (at, n) => this.outbox.removeBatch(at, n),
      scheduledNotifications: (at, n) => this.schedule.removeBatch(at, n),
      emailDeliveries: (at, n) => this.emails.removeBatch(at, n),
      // Its own rule (a day after upload, not a configured window); run here so one job sweeps what grows.
      unboundAttachments: (at, n) => this.attachments.removeBatch(at, n),
    };
    const run: RetentionRun = {
      outboxEvents: 0,
      scheduledNotifications: 0,
      emailDeliveries: 0,
      unboundAttachments: 0,
      batches: 0,
      cutShort: false,
      durationMs: 0,
    };
    let left = Object.keys(removers) as Table[];
    while (left.length > 0) {
      if (performance.now() - started >= budgetMs) {
        run.cutShort = true;
        break;
      }
      const stillFull: Table[] = [];
      for (const table of left) {
        const removed = await removers[table](now, limit);
        run[table] += removed;
        run.batches++;
        // A short batch: nothing older than the horizon is left (but rows another run holds, which it deletes).
        if (removed === limit) stillFull.push(table);
      }
      left = stillFull;
    }
    run.durationMs = Math.round(performance.now() - started);
    // Counts only: nothing about whom the rows concerned.
    this.logger.log(run, 'retention run');
    return run;
  }
}
