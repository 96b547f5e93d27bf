import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/core';
import { AuthRateLimits } from '../credentials/auth-rate-limits';
import { PasswordHasher } from '../credentials/password-hasher';
import { IdentityError, IdentityErrorCode } from '../identity.errors';
import { AccessTokens } from '../sessions/access-tokens';
import { RefreshTokens } from '../sessions/refresh-tokens';
import type { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';

export interface SessionTokens {
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  refreshToken: string;
}

/** Login, token refresh and logout. */
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
    const refreshToken = await this.dataSource.transaction((manager) => this.refreshTokens.start(manager, user.id));
    return this.tokens(user, refreshToken);
  }

  async refresh(refreshToken: string): Promise<SessionTokens> {
    const rotated = await this.refreshTokens.rotate(refreshToken);
    const user = await this.users.findActiveById(rotated.userId);
    if (!user) throw new IdentityError(IdentityErrorCode.InvalidRefreshToken);
    return this.tokens(user, rotated.refreshToken);
  }

  logout(userId: string, refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeByToken(userId, refreshToken);
  }

  private async tokens(
    user: Pick<User, 'id' | 'role' | 'sessionVersion'>,
    refreshToken: string,
  ): Promise<SessionTokens> {
    return {
      accessToken: await this.accessTokens.issue(user),
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      refreshToken,
    };
  }
}
