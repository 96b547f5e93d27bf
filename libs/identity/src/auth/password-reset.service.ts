import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { AuthRateLimits } from '../credentials/auth-rate-limits';
import { PasswordHasher } from '../credentials/password-hasher';
import { IdentityError, IdentityErrorCode } from '../identity.errors';
import { IdentityMails } from '../mail/identity-mails';
import { RefreshTokens } from '../sessions/refresh-tokens';
import { TokenPurpose } from '../tokens/user-token.entity';
import { UserTokens } from '../tokens/user-tokens';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';

/** "Forgot my password": a single-use emailed link, then a new password that ends every session. */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly hasher: PasswordHasher,
    private readonly limits: AuthRateLimits,
    private readonly mails: IdentityMails,
    private readonly refreshTokens: RefreshTokens,
    private readonly tokens: UserTokens,
    private readonly users: UserRepository,
  ) {}

  /** Answers the same whether or not the address has an account, so it cannot be used to probe for one. */
  async request(email: string): Promise<void> {
    await this.limits.mailRequest(email);
    const user = await this.users.findActiveByEmail(email.trim());
    if (!user) return;
    const deliveryId = await this.dataSource.transaction((manager) => this.mails.passwordReset(manager, user));
    await this.mails.send([deliveryId]);
  }

  async reset(token: string, newPassword: string): Promise<void> {
    const passwordHash = await this.hasher.hash(newPassword);
    const done = await this.dataSource.transaction(async (manager) => {
      const userId = await this.tokens.consume(manager, TokenPurpose.ResetPassword, token);
      const user = userId ? await this.users.lockActiveById(manager, userId) : null;
      if (!user) return false;
      // A reset proves control of the mailbox, so the address counts as verified too.
      await manager.update(
        User,
        { id: user.id },
        {
          passwordHash,
          sessionVersion: user.sessionVersion + 1,
          emailVerifiedAt: user.emailVerifiedAt ?? this.clock.now(),
        },
      );
      await this.refreshTokens.revokeAllOfUser(manager, user.id);
      return true;
    });
    if (!done) throw new IdentityError(IdentityErrorCode.InvalidToken, 'token');
  }
}
