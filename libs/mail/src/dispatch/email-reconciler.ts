import { Injectable } from '@nestjs/common';
import { Clock } from '@app/core';
import { EmailDeliveryRepository, type DueDelivery } from '../ledger/email-delivery.repository';

export type { DueDelivery };

const PAGE_SIZE = 500;
/** A pass stops here; the next pass (30 s later) goes on. Bounds one job's run time under a huge backlog. */
const MAX_PER_PASS = 50_000;

/**
 * Finds ledger rows that should be in flight: pending and due, or claimed by a worker that died (lease
 * expired). PostgreSQL is the source of truth; the worker makes sure each of these rows has a job, so an email
 * whose job was lost with Redis still goes out.
 */
@Injectable()
export class EmailReconciler {
  constructor(
    private readonly deliveries: EmailDeliveryRepository,
    private readonly clock: Clock,
  ) {}

  /** One page, oldest due first. Pass the last row of a page as `after` to get the next one. */
  findDue(limit = PAGE_SIZE, after?: DueDelivery, now: Date = this.clock.now()): Promise<DueDelivery[]> {
    return this.deliveries.findDue(now, limit, after);
  }

  /** Every due row as of the start of the pass, page by page (one query each). */
  async *duePages(pageSize = PAGE_SIZE, maxRows = MAX_PER_PASS): AsyncGenerator<DueDelivery[]> {
    const now = this.clock.now();
    let after: DueDelivery | undefined;
    for (let seen = 0; seen < maxRows;) {
      const page = await this.findDue(Math.min(pageSize, maxRows - seen), after, now);
      if (page.length === 0) return;
      yield page;
      seen += page.length;
      after = page[page.length - 1];
      if (page.length < pageSize) return;
    }
  }
}
