import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { DeliveryGates } from '../dispatch/delivery-gates';

/** Hard bounces (5xx) after which an address gets no more mail. */
export const HARD_BOUNCES_TO_SUPPRESS = 3;

export const SUPPRESSED_RESPONSE = 'the address is suppressed after repeated hard bounces';

/**
 * Counts permanent refusals per address and, from the third, suppresses it: a gate then skips every email to it
 * without contacting the provider (repeated hard bounces hurt the sender's reputation). A later success does not
 * reset the count: the provider said three times that the mailbox takes no mail, and one accepted message (which
 * may still bounce later, asynchronously) does not outweigh that. A changed address is a new row, so a person who
 * fixes their address hears from us again; erasing the account deletes the row.
 */
@Injectable()
export class EmailSuppressions implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly gates: DeliveryGates,
  ) {}

  onModuleInit(): void {
    this.gates.register(async (deliveries) => {
      const suppressed = await this.suppressedAmong(deliveries.map((delivery) => delivery.to));
      return new Map(
        deliveries.filter((d) => suppressed.has(d.to.toLowerCase())).map((d) => [d.id, SUPPRESSED_RESPONSE]),
      );
    });
  }

  /** Counts one hard bounce; call it in the transaction that fails the ledger row, so each failure counts once. */
  async recordHardBounce(manager: EntityManager, address: string, response: string): Promise<void> {
    await manager.query(
      `INSERT INTO email_suppressions (address, hard_bounces, last_response, suppressed_at, updated_at)
       VALUES (lower($1), 1, $2, CASE WHEN 1 >= $3 THEN $4::timestamptz END, $4)
       ON CONFLICT (address) DO UPDATE
          SET hard_bounces = email_suppressions.hard_bounces + 1,
              last_response = EXCLUDED.last_response,
              updated_at = EXCLUDED.updated_at,
              suppressed_at = COALESCE(email_suppressions.suppressed_at,
                CASE WHEN email_suppressions.hard_bounces + 1 >= $3 THEN EXCLUDED.updated_at END)`,
      [address, response.slice(0, 1000), HARD_BOUNCES_TO_SUPPRESS, this.clock.now()],
    );
  }

  /** The suppressed ones among `addresses`, lower-cased. */
  async suppressedAmong(addresses: readonly string[]): Promise<Set<string>> {
    const rows = await this.dataSource.query<{ address: string }[]>(
      `SELECT address FROM email_suppressions
        WHERE address = ANY(SELECT lower(a) FROM unnest($1::text[]) AS a) AND suppressed_at IS NOT NULL`,
      [addresses],
    );
    return new Set(rows.map((row) => row.address));
  }
}
