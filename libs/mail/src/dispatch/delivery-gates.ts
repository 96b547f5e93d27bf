import { Injectable } from '@nestjs/common';
import type { DeliveryToCompose } from '../compose/email-composer';

/**
 * A last check right before an email is composed and sent: returns why it must not go (the row is then marked
 * skipped with that reason as its `last_response`), or null to let it pass. Gates read the state as it is at send
 * time, so a preference changed (or an address suppressed) after the email was queued still stops it.
 */
export type DeliveryGate = (delivery: DeliveryToCompose) => Promise<string | null>;

/** The gates every send passes, in registration order; domains register theirs in `onModuleInit`. */
@Injectable()
export class DeliveryGates {
  private readonly gates: DeliveryGate[] = [];

  register(gate: DeliveryGate): void {
    this.gates.push(gate);
  }

  /** The first gate's reason to skip, or null when every gate lets the email go. */
  async refusal(delivery: DeliveryToCompose): Promise<string | null> {
    for (const gate of this.gates) {
      const reason = await gate(delivery);
      if (reason) return reason;
    }
    return null;
  }
}
