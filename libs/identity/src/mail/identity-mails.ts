import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EmailLedger } from '@app/mail';
import type { User } from '../users/user.entity';

export enum IdentityMailKind {
  VerifyEmail = 'identity.verify-email',
  PasswordReset = 'identity.password-reset',
}

/**
 * Asks for identity emails inside the caller's transaction. The link's token is made by the worker when it
 * composes the email, so no secret ever sits in the ledger or the queue.
 */
@Injectable()
export class IdentityMails {
  constructor(private readonly ledger: EmailLedger) {}

  /** `occasion` makes the key: 'registration' once per account, a fresh one for each resend. */
  async verifyEmail(manager: EntityManager, user: User, occasion: 'registration' | 'resend'): Promise<string> {
    const suffix = occasion === 'registration' ? 'registration' : randomUUID();
    return this.request(manager, user, IdentityMailKind.VerifyEmail, `verify-email:${user.id}:${suffix}`);
  }

  passwordReset(manager: EntityManager, user: User): Promise<string> {
    return this.request(manager, user, IdentityMailKind.PasswordReset, `password-reset:${user.id}:${randomUUID()}`);
  }

  /** After commit: hand the rows to the worker. */
  send(deliveryIds: string[]): Promise<void> {
    return this.ledger.enqueue(deliveryIds);
  }

  private async request(
    manager: EntityManager,
    user: User,
    kind: IdentityMailKind,
    dedupeKey: string,
  ): Promise<string> {
    if (!user.email) throw new Error('identity email requested for an account without an address');
    const { id } = await this.ledger.request(manager, {
      kind,
      dedupeKey,
      userId: user.id,
      to: user.email,
      locale: user.locale,
    });
    return id;
  }
}
