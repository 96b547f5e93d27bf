import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, Outbox } from '@app/core';
import { PasswordHasher } from '../credentials/password-hasher';
import { AuthRateLimits } from '../credentials/auth-rate-limits';
import { IdentityError, IdentityErrorCode } from '../identity.errors';
import { IdentityMails } from '../mail/identity-mails';
import { NotificationPreferences } from '../profile/notification-preferences.entity';
import { TokenPurpose } from '../tokens/user-token.entity';
import { UserTokens } from '../tokens/user-tokens';
import { isUniqueViolation } from '../users/unique-violation';
import { User, type Locale } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';
import { IdentityEvent } from '../identity.events';

export interface Registration {
  email: string;
  password: string;
  displayName: string;
  timeZone: string;
  locale: Locale;
}

/** Creating an account and proving its email address. */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly limits: AuthRateLimits,
    private readonly mails: IdentityMails,
    private readonly tokens: UserTokens,
    private readonly users: UserRepository,
    private readonly outbox: Outbox,
  ) {}

  /** The account, its default preferences and its verification email are one transaction. */
  async register(input: Registration, ip: string): Promise<User> {
    await this.limits.register(ip);
    const passwordHash = await this.hasher.hash(input.password);
    let deliveryId = '';
    let user: User;
    try {
      user = await this.dataSource.transaction(async (manager) => {
        const created = manager.create(User, {
          email: input.email.trim().toLowerCase(),
          passwordHash,
          displayName: input.displayName.trim(),
          timeZone: input.timeZone,
          locale: input.locale,
        });
        await manager.save(created);
        await manager.insert(NotificationPreferences, { userId: created.id });
        await this.outbox.record(manager, IdentityEvent.UserRegistered, created.id, { userId: created.id });
        deliveryId = await this.mails.verifyEmail(manager, created, 'registration');
        return created;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new IdentityError(IdentityErrorCode.EmailTaken, 'email');
      throw error;
    }
    await this.mails.send([deliveryId]);
    return user;
  }

  async verifyEmail(token: string): Promise<void> {
    const verified = await this.dataSource.transaction(async (manager) => {
      const userId = await this.tokens.consume(manager, TokenPurpose.VerifyEmail, token);
      if (!userId) return false;
      await manager
        .createQueryBuilder()
        .update(User)
        .set({ emailVerifiedAt: this.clock.now() })
        .where('id = :userId AND email_verified_at IS NULL AND deleted_at IS NULL', { userId })
        .execute();
      return true;
    });
    if (!verified) throw new IdentityError(IdentityErrorCode.InvalidToken, 'token');
  }

  /** Sends a new link unless the address is already verified (then there is nothing to do). */
  async resendVerification(userId: string): Promise<{ sent: boolean }> {
    const user = await this.users.findActiveById(userId);
    if (!user?.email || user.emailVerifiedAt) return { sent: false };
    await this.limits.mailRequest(user.email);
    const deliveryId = await this.dataSource.transaction((manager) => this.mails.verifyEmail(manager, user, 'resend'));
    await this.mails.send([deliveryId]);
    return { sent: true };
  }
}
