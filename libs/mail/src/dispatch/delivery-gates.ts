import { Injectable } from '@nestjs/common';
import type { DeliveryToCompose } from '../compose/email-composer';

/**
 * A last check right before emails are composed and sent: returns, by delivery id, why each refused one must not
 * go (the row is then marked skipped with that reason as its `last_response`); ids it leaves out pass. A gate looks
 * at a whole batch in one query and reads the state as it is at send time, so a preference changed (or an address
 * suppressed) after the email was queued still stops it.
 */
export type DeliveryGate = (deliveries: readonly DeliveryToCompose[]) => Promise<ReadonlyMap<string, string>>;

/** The gates every send passes, in registration order; domains register theirs in `onModuleInit`. */
@Injectable()
export class DeliveryGates {
  private readonly gates: DeliveryGate[] = [];

  register(gate: DeliveryGate): void {
    this.gates.push(gate);
  }

  /** Each refused delivery's reason (the first gate's to refuse it); deliveries not in the map may go. */
  async refusals(deliveries: readonly DeliveryToCompose[]): Promise<Map<string, string>> {
    const refused = new Map<string, string>();
    for (const gate of this.gates) {
      const open = deliveries.filter((delivery) => !refused.has(delivery.id));
      if (open.length === 0) break;
      for (const [id, reason] of await gate(open)) refused.set(id, reason);
    }
    return refused;
  }

  /** The reason one delivery is refused, or null. */
  async refusal(delivery: DeliveryToCompose): Promise<string | null> {
    return (await this.refusals([delivery])).get(delivery.id) ?? null;
  }
}
