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
  async start(manager: EntityManager, userId: string): Promise<{ familyId: string; refreshToken: string }> {
    const familyId = randomUUID();
    return { familyId, refreshToken: await this.insert(manager, userId, familyId) };
  }

  /** Exchanges a token for the next one. Returns the user and family it belongs to and the new token. */
  async rotate(token: string): Promise<{ userId: string; familyId: string; refreshToken: string }> {
    const outcome = await this.dataSource.transaction(async (manager) => {
      const current = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: hashToken(token) })
        .getOne();
      if (!current || current.expiresAt <= this.clock.now()) return null;
      // Any revoked token revokes its family: a token rotated in while the family was being revoked is dead too.
      if (current.revokedAt || (await this.familyRevoked(manager, current.familyId))) return null;
      if (current.usedAt) {
        // Replay of a rotated token: someone else holds the family. Revoke it all; the commit must stand.
        await this.revokeFamily(manager, current.familyId);
        return null;
      }
      await manager.update(RefreshToken, { id: current.id }, { usedAt: this.clock.now() });
      const refreshToken = await this.insert(manager, current.userId, current.familyId);
      return { userId: current.userId, familyId: current.familyId, refreshToken };
    });
    if (!outcome) throw new IdentityError(IdentityErrorCode.InvalidRefreshToken);
    return outcome;
  }

  /**
   * Ends the session `userId`'s token belongs to (logout). Idempotent for one's own token, even used, expired or
   * already revoked; a token that is unknown or someone else's is refused exactly alike (it could otherwise be
   * used to probe whether a stolen token is live) and touches nothing.
   */
  async revokeByToken(userId: string, token: string): Promise<void> {
    const revoked = await this.dataSource.transaction(async (manager) => {
      // Locked first so a rotation of this very token in flight commits before the family's rows are read:
      // the next statement then sees, and revokes, the token it inserted.
      const found = await manager
        .getRepository(RefreshToken)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :hash', { hash: hashToken(token) })
        .getOne();
      if (found?.userId !== userId) return false;
      await this.revokeFamily(manager, found.familyId);
      return true;
    });
    if (!revoked) throw new IdentityError(IdentityErrorCode.InvalidRefreshToken);
  }

  /** Ends every session of a user (password reset, account deletion). */
  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.update(RefreshToken, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  private async familyRevoked(manager: EntityManager, familyId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(
      'SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NOT NULL LIMIT 1',
      [familyId],
    );
    return rows.length > 0;
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
