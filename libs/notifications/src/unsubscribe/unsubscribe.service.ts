import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, InvalidInputError, Outbox } from '@app/core';
import { IdentityEvent, NotificationSwitches, UserRepository } from '@app/identity';
import type { NotificationCategory } from '../schedule/notification-kind';
import { SWITCH_OF_CATEGORY } from './mail-category';
import { UnsubscribeTokens, type UnsubscribeClaim } from './unsubscribe-token';

/** What the confirmation page needs to know about the link's owner. */
export interface UnsubscribeRequest extends UnsubscribeClaim {
  locale: string;
}

export interface UnsubscribeResult {
  category: NotificationCategory;
  /** False when the category was already off (or the account is gone): nothing changed. */
  changed: boolean;
}

/** One-click unsubscribe (RFC 8058): a signed link turns one category of a person's email off. */
@Injectable()
export class UnsubscribeService {
  private readonly logger = new Logger(UnsubscribeService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: UnsubscribeTokens,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly users: UserRepository,
    private readonly switches: NotificationSwitches,
  ) {}

  /** Reads the link for the confirmation page; changes nothing (link scanners follow GETs). */
  async describe(token: string | undefined): Promise<UnsubscribeRequest> {
    const claim = this.verify(token);
    const user = await this.users.findActiveById(claim.userId);
    return { ...claim, locale: user?.locale ?? 'en' };
  }

  /**
   * Turns the link's category off and records `identity.preferences-changed` in the same transaction, so the
   * relay cancels what is already planned; the send-time gate stops what is already queued. Idempotent: a second
   * POST (mail clients retry) changes nothing and still succeeds.
   */
  async unsubscribe(token: string | undefined): Promise<UnsubscribeResult> {
    const { userId, category } = this.verify(token);
    const changed = await this.dataSource.transaction(async (manager) => {
      const turnedOff = await this.switches.turnOff(manager, userId, SWITCH_OF_CATEGORY[category], this.clock.now());
      if (!turnedOff) return false;
      await this.outbox.record(manager, IdentityEvent.UserPreferencesChanged, userId, {
        userId,
        fields: ['notifications'],
      });
      return true;
    });
    if (changed) this.logger.log({ userId, category }, 'unsubscribed by one-click link');
    return { category, changed };
  }

  private verify(token: string | undefined): UnsubscribeClaim {
    const claim = token ? this.tokens.verify(token) : null;
    if (!claim) {
      throw new InvalidInputError(
        [{ field: 'token', message: 'token is not a valid unsubscribe link' }],
        'The unsubscribe link is invalid or incomplete.',
      );
    }
    return claim;
  }
}
