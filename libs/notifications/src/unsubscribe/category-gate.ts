import { Injectable, type OnModuleInit } from '@nestjs/common';
import { NotificationSwitches } from '@app/identity';
import { DeliveryGates, type DeliveryToCompose } from '@app/mail';
import { categoryOfMail, SWITCH_OF_CATEGORY } from './mail-category';

/**
 * Stops, at send time, any email of a category its recipient has turned off, however long ago it was queued:
 * after a one-click unsubscribe commits, nothing of that category goes out (an email whose SMTP conversation had
 * already started may still arrive). Mail without a category (account emails) always passes.
 */
@Injectable()
export class NotificationCategoryGate implements OnModuleInit {
  constructor(
    private readonly switches: NotificationSwitches,
    private readonly gates: DeliveryGates,
  ) {}

  onModuleInit(): void {
    this.gates.register((deliveries) => this.refusals(deliveries));
  }

  /** One query for the whole batch. */
  async refusals(deliveries: readonly DeliveryToCompose[]): Promise<Map<string, string>> {
    const gated = deliveries.flatMap((delivery) => {
      const category = categoryOfMail(delivery.kind);
      return category && delivery.userId ? [{ id: delivery.id, userId: delivery.userId, category }] : [];
    });
    const refused = new Map<string, string>();
    if (gated.length === 0) return refused;
    const off = await this.switches.switchedOff(gated.map((g) => g.userId));
    for (const { id, userId, category } of gated) {
      if (off.get(userId)?.has(SWITCH_OF_CATEGORY[category]))
        refused.set(id, `the recipient turned this category of email off: ${category}`);
    }
    return refused;
  }
}
