import { Injectable } from '@nestjs/common';

/** What a composer sees of a ledger row. */
export interface DeliveryToCompose {
  id: string;
  kind: string;
  dedupeKey: string;
  userId: string | null;
  to: string;
  locale: string;
  payload: Record<string, unknown>;
}

export interface ComposedEmail {
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
  attachments?: { filename: string; content: string; contentType: string }[];
}

/**
 * Turns a ledger row of one `kind` into an email, reloading whatever it needs. Returns null when the email no
 * longer applies (the row is then marked skipped). Each domain registers its composers with the registry.
 * A composer of mail sent in bulk (digests) also composes a whole batch at once, with a few queries per batch:
 * `composeMany` returns each delivery's email by id (null or absent: nothing to send).
 */
export interface EmailComposer {
  readonly kind: string;
  compose(delivery: DeliveryToCompose): Promise<ComposedEmail | null>;
  composeMany?(deliveries: readonly DeliveryToCompose[]): Promise<ReadonlyMap<string, ComposedEmail | null>>;
}

@Injectable()
export class EmailComposerRegistry {
  private readonly composers = new Map<string, EmailComposer>();

  register(composer: EmailComposer): void {
    if (this.composers.has(composer.kind)) throw new Error(`Two email composers for kind ${composer.kind}`);
    this.composers.set(composer.kind, composer);
  }

  get(kind: string): EmailComposer | undefined {
    return this.composers.get(kind);
  }

  kinds(): string[] {
    return [...this.composers.keys()];
  }
}
