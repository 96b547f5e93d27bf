import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { AuthRateLimits } from '../credentials/auth-rate-limits';
import { PasswordHasher } from '../credentials/password-hasher';
import { IdentityError, IdentityErrorCode } from '../identity.errors';
import { AccessTokens } from '../sessions/access-tokens';
import { RefreshTokens } from '../sessions/refresh-tokens';
import { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';

export interface SessionTokens {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
}

export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

/** Login, token refresh, logout and password change. */
@Injectable()
export class SessionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly limits: AuthRateLimits,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokens: RefreshTokens,
    private readonly users: UserRepository,
  ) {}

  async login(email: string, password: string, ip: string): Promise<SessionTokens> {
    await this.limits.login(ip, email);
    const user = await this.users.findActiveByEmail(email.trim());
    // verify() runs even without a user, so both failures take the same time and give the same answer.
    const valid = await this.hasher.verify(password, user?.passwordHash ?? null);
    if (!user || !valid) throw new IdentityError(IdentityErrorCode.InvalidCredentials);
    await this.limits.loginSucceeded(email);
    const session = await this.dataSource.transaction((manager) => this.refreshTokens.start(manager, user.id));
    return this.tokens(user, session);
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    const user = await this.users.findActiveById(rotated.userId);
    if (!user) throw new IdentityError(IdentityErrorCode.InvalidRefreshToken);
    return this.tokens(user, rotated);
  }

  /** Ends the session of one of the user's own refresh tokens; see RefreshTokens.revokeByToken. */
  logout(userId: string, refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeByToken(userId, refreshToken);
  }

  /**
   * A new password, proven by the current one: every session ends (its access tokens at once) and the caller
   * gets a fresh one. Wrong guesses count against the same per-account budget as failed logins, so a stolen
   * access token cannot be used to guess the password faster than the login form allows.
   */
  async changePassword(userId: string, change: PasswordChange, ip: string): Promise<SessionTokens> {
    const current = await this.users.findActiveById(userId);
    if (!current?.email) throw new IdentityError(IdentityErrorCode.Unauthenticated);
    await this.limits.login(ip, current.email);
    if (!(await this.hasher.verify(change.currentPassword, current.passwordHash))) {
      throw new IdentityError(IdentityErrorCode.PasswordIncorrect, 'currentPassword');
    }
    await this.limits.loginSucceeded(current.email);
    const passwordHash = await this.hasher.hash(change.newPassword);
    const changed = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockActiveById(manager, userId);
      if (!user) return null;
      user.sessionVersion += 1;
      await manager.update(User, { id: user.id }, { passwordHash, sessionVersion: user.sessionVersion });
      await this.refreshTokens.revokeAllOfUser(manager, user.id);
      return { user, session: await this.refreshTokens.start(manager, user.id) };
    });
    if (!changed) throw new IdentityError(IdentityErrorCode.Unauthenticated);
    return this.tokens(changed.user, changed.session);
  }

  private async tokens(
    user: Pick<User, 'id' | 'role' | 'sessionVersion'>,
    session: { familyId: string; refreshToken: string },
  ): Promise<SessionTokens> {
    const { familyId, refreshToken } = session;
    return {
      accessToken: await this.accessTokens.issue(user, familyId),
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
    };
  }
}
