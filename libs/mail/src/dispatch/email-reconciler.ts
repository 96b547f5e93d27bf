import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { EmailDeliveryRepository, type DueDelivery } from '../ledger/email-delivery.repository';

export type { DueDelivery };

const PAGE_SIZE = 500;
/** A pass stops here; the next pass (30 s later) goes on. Bounds one job's run time under a huge backlog. */
const MAX_PER_PASS = 50_000;
/**
 * A row due this long ago and still unclaimed has probably lost its job (a crash between commit and enqueue, a
 * job that failed). Rows due more recently are left to the jobs enqueued with them: checking each in Redis would
 * cost a round trip per row of a large burst. If the row was merely waiting behind a backlog, the extra job finds
 * nothing to claim.
 */
export const STALE_AFTER_MS = 2 * 60_000;

/**
 * Which rows a pass looks at (sending rows under an expired lease, whose worker died, always count):
 * - `stale`: pending rows due for more than STALE_AFTER_MS (the routine pass);
 * - `due`: every pending row due now;
 * - `pending`: every pending row, due or not (after Redis lost every job, delayed ones included).
 */
export type ReconcileScope = 'stale' | 'due' | 'pending';

/** Far enough in the future to cover any row (JavaScript's largest date). */
const END_OF_TIME = new Date(8.64e15);

/**
 * Finds ledger rows that should have a job. PostgreSQL is the source of truth; the worker gives each of these rows
 * a job, so an email whose job was lost with Redis, or whose worker died, still goes out.
 */
@Injectable()
export class EmailReconciler {
  constructor(
    private readonly deliveries: EmailDeliveryRepository,
    private readonly clock: Clock,
  ) {}

  /** One page of the rows due now, oldest first. Pass the last row of a page as `after` to get the next one. */
  findDue(limit = PAGE_SIZE, after?: DueDelivery, now: Date = this.clock.now()): Promise<DueDelivery[]> {
    return this.deliveries.findDue({ now }, limit, after);
  }

  /** The rows of `scope` as of the start of the pass, page by page (one query each). */
  async *duePages(
    pageSize = PAGE_SIZE,
    maxRows = MAX_PER_PASS,
    scope: ReconcileScope = 'due',
  ): AsyncGenerator<DueDelivery[]> {
    const now = this.clock.now();
    const dueBy =
      scope === 'stale' ? new Date(now.getTime() - STALE_AFTER_MS) : scope === 'pending' ? END_OF_TIME : now;
    let after: DueDelivery | undefined;
    for (let seen = 0; seen < maxRows;) {
      const page = await this.deliveries.findDue({ now, dueBy }, Math.min(pageSize, maxRows - seen), after);
      if (page.length === 0) return;
      yield page;
      seen += page.length;
      after = page[page.length - 1];
      if (page.length < pageSize) return;
    }
  }
}
