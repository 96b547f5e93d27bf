import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DeliveryGates, type DeliveryToCompose } from '@app/mail';
import { IdentityMailKind } from '../mail/identity-mails';

export const UNVERIFIED_ADDRESS_RESPONSE = 'the recipient has not verified this address';

/** The only emails an address its owner never confirmed receives: the ones that confirm it or recover the account. */
const FOR_UNVERIFIED: ReadonlySet<string> = new Set<string>([
  IdentityMailKind.VerifyEmail,
  IdentityMailKind.PasswordReset,
]);

/**
 * Decided at send time, not when the email is queued: a digest, reminder or announcement queued while the address
 * was unverified goes out if its owner verifies before it is sent, and is skipped (never retried) otherwise.
 */
@Injectable()
export class UnverifiedAddressGate implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly gates: DeliveryGates,
  ) {}

  onModuleInit(): void {
    this.gates.register((deliveries) => this.refusals(deliveries));
  }

  /** One query for the whole batch. */
  async refusals(deliveries: readonly DeliveryToCompose[]): Promise<Map<string, string>> {
    const gated = deliveries.filter((d) => d.userId !== null && !FOR_UNVERIFIED.has(d.kind));
    const refused = new Map<string, string>();
    if (gated.length === 0) return refused;
    const rows = await this.dataSource.query<{ id: string }[]>(
      'SELECT id FROM users WHERE id = ANY($1::uuid[]) AND email_verified_at IS NULL',
      [[...new Set(gated.map((d) => d.userId))]],
    );
    const unverified = new Set(rows.map((row) => row.id));
    for (const delivery of gated) {
      if (delivery.userId && unverified.has(delivery.userId)) refused.set(delivery.id, UNVERIFIED_ADDRESS_RESPONSE);
    }
    return refused;
  }
}
