import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { isUUID } from 'class-validator';
import { PlatformRole, type Actor } from '@app/core';
import { IdentityError, IdentityErrorCode } from '../identity.errors';
import type { User } from '../users/user.entity';
import { SessionHolders } from './session-holders.repository';

interface AccessClaims {
  sub: string;
  role: PlatformRole;
  /** The user's sessionVersion when issued; a password change or deletion bumps it. */
  sv: number;
  /** The refresh-token family (the session) the token was issued for: revoking the family kills it. */
  sid: string;
}

/** What a verified token must carry; jsonwebtoken itself accepts a token without exp or iat. */
interface VerifiedClaims extends Partial<AccessClaims> {
  exp?: unknown;
  iat?: unknown;
}

/** Short-lived JWT access tokens: issued at login and refresh, checked on every request. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly holders: SessionHolders,
  ) {}

  /** `sessionId` is the refresh-token family the token belongs to. */
  issue(user: Pick<User, 'id' | 'role' | 'sessionVersion'>, sessionId: string): Promise<string> {
    return this.jwt.signAsync({
      sub: user.id,
      role: user.role,
      sv: user.sessionVersion,
      sid: sessionId,
    } satisfies AccessClaims);
  }

  /**
   * The actor behind a bearer token. One indexed read per request (the user by primary key, its session family
   * by index) keeps logout, a replayed refresh token, a password change or reset and deletion effective at once,
   * instead of after the token's lifetime.
   */
  async authenticate(token: string | undefined): Promise<Actor> {
    if (!token) throw unauthenticated();
    let claims: VerifiedClaims;
    try {
      // HS256 only: `none`, HS512 or an RS* header signed with the secret as a "public key" are all refused.
      claims = await this.jwt.verifyAsync<VerifiedClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw unauthenticated();
    }
    const { sub, sv, sid, exp, iat } = claims;
    // A token that never expires, or names its subject with anything but our ids, was not made by issue().
    if (typeof exp !== 'number' || typeof iat !== 'number' || typeof sv !== 'number') throw unauthenticated();
    if (typeof sub !== 'string' || !isUUID(sub) || typeof sid !== 'string' || !isUUID(sid)) throw unauthenticated();
    const holder = await this.holders.findLive(sub, sv, sid);
    if (!holder) throw unauthenticated();
    return { userId: holder.id, role: holder.role };
  }
}

const unauthenticated = (): IdentityError => new IdentityError(IdentityErrorCode.Unauthenticated);
