import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock } from '@app/core';
import { hashToken, newSecretToken } from './secret-token';
import { TokenPurpose, UserToken } from './user-token.entity';

const HOUR_MS = 3600 * 1000;

/** How long an emailed link stays valid. */
export const TOKEN_LIFETIME_MS: { readonly [P in TokenPurpose]: number } = {
  [TokenPurpose.VerifyEmail]: 48 * HOUR_MS,
  [TokenPurpose.ResetPassword]: 1 * HOUR_MS,
};

/** Single-use tokens sent by email. */
@Injectable()
export class UserTokens {
  constructor(private readonly clock: Clock) {}

  async issue(manager: EntityManager, userId: string, purpose: TokenPurpose): Promise<string> {
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(this.clock.now().getTime() + TOKEN_LIFETIME_MS[purpose]);
    await manager.insert(UserToken, { userId, purpose, tokenHash: hash, expiresAt });
    return token;
  }

  /**
   * Marks the token used and returns its user, or null if it is unknown, expired or used. One UPDATE makes
   * two concurrent uses of the same token impossible.
   */
  async consume(manager: EntityManager, purpose: TokenPurpose, token: string): Promise<string | null> {
    const now = this.clock.now();
    const result = await manager
      .createQueryBuilder()
      .update(UserToken)
      .set({ usedAt: now })
      .where('token_hash = :hash AND purpose = :purpose AND used_at IS NULL AND expires_at > :now', {
        hash: hashToken(token),
        purpose,
        now,
      })
      .returning(['userId'])
      .execute();
    const rows = result.raw as { user_id: string }[];
    return rows[0]?.user_id ?? null;
  }
}
