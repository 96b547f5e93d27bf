import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { AppConfig, Clock } from '@app/core';
import { IdentityError, IdentityErrorCode } from '../identity.errors';
import { hashToken, newSecretToken } from '../tokens/secret-token';
import { RefreshToken } from './refresh-token.entity';

const DAY_MS = 24 * 3600 * 1000;

/**
 * Rotating refresh tokens. Each use returns a new token of the same family and marks the old one used;
 * a used token presented again revokes the whole family (RFC 6819 §5.2.2.3, OAuth 2.0 Security BCP §4.14).
 */
@Injectable()
export class RefreshTokens {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Starts a new family (a login). */
  async start(manager: EntityManager, userId: string): Promise<string> {
    return this.insert(manager, userId, randomUUID());
  }

  /** Exchanges a token for the next one. Returns the user it belongs to and the new token. */
  async rotate(token: string): Promise<{ userId: string; refreshToken: string }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const current = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: hashToken(token) })
        .getOne();
      if (!current || current.revokedAt || current.expiresAt <= this.clock.now()) return null;
      if (current.usedAt) {
        // Replay of a rotated token: someone else holds the family. Revoke it all; the commit must stand.
        await this.revokeFamily(manager, current.familyId);
        return null;
      }
      await manager.update(RefreshToken, { id: current.id }, { usedAt: this.clock.now() });
      return { userId: current.userId, refreshToken: await this.insert(manager, current.userId, current.familyId) };
    });
    if (!outcome) throw new IdentityError(IdentityErrorCode.InvalidRefreshToken);
    return outcome;
  }

  /** Ends the session the token belongs to (logout). Unknown tokens are ignored: logging out is idempotent. */
  async revokeByToken(userId: string, token: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const found = await manager.findOne(RefreshToken, { where: { tokenHash: hashToken(token), userId } });
      if (found) await this.revokeFamily(manager, found.familyId);
    });
  }

  /** Ends every session of a user (password reset, account deletion). */
  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  private async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  private async insert(manager: EntityManager, userId: string, familyId: string): Promise<string> {
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(this.clock.now().getTime() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS);
    await manager.insert(RefreshToken, { userId, familyId, tokenHash: hash, expiresAt });
    return token;
  }
}
