import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '@app/core';
import { DeliveryStatus, EmailDelivery } from './email-delivery.entity';

/** The emails we sent (or meant to send) a person. */
@Injectable()
export class EmailPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'emails';

  constructor(private readonly registry: PersonalDataRegistry) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  export(manager: EntityManager, userId: string): Promise<unknown> {
    return manager.find(EmailDelivery, {
      where: { userId },
      order: { createdAt: 'ASC' },
      select: { kind: true, subject: true, toAddress: true, status: true, createdAt: true, sentAt: true },
    });
  }

  /** The ledger keeps its rows (they prove what was sent) but forgets the address; unsent mail is cancelled. */
  async erase(manager: EntityManager, userId: string): Promise<void> {
    // Suppression rows are keyed by address: forget the addresses this person was written to.
    await manager.query(
      `DELETE FROM email_suppressions
        WHERE address IN (SELECT lower(to_address) FROM email_deliveries WHERE user_id = $1 AND to_address IS NOT NULL)`,
      [userId],
    );
    await manager.update(
      EmailDelivery,
      { userId, status: In([DeliveryStatus.Pending, DeliveryStatus.Sending]) },
      {
        status: DeliveryStatus.Skipped,
        lastResponse: 'the recipient deleted their account',
        finishedAt: () => 'CURRENT_TIMESTAMP',
      },
    );
    await manager.update(EmailDelivery, { userId }, { toAddress: null });
  }
}
