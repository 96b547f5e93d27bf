import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { PlatformRole, type Actor } from '@app/core';
import { IdentityError, IdentityErrorCode } from '../identity.errors';
import type { User } from '../users/user.entity';
import { UserRepository } from '../users/user.repository';

interface AccessClaims {
  sub: string;
  role: PlatformRole;
  /** The user's sessionVersion when issued; a password change or deletion bumps it. */
  sv: number;
}

/** Short-lived JWT access tokens: issued at login and refresh, checked on every request. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UserRepository,
  ) {}

  issue(user: Pick<User, 'id' | 'role' | 'sessionVersion'>): Promise<string> {
    return this.jwt.signAsync({ sub: user.id, role: user.role, sv: user.sessionVersion } satisfies AccessClaims);
  }

  /**
   * The actor behind a bearer token. One primary-key read per request keeps deletion and password changes
   * effective at once, instead of after the token's lifetime.
   */
  async authenticate(token: string | undefined): Promise<Actor> {
    if (!token) throw new IdentityError(IdentityErrorCode.Unauthenticated);
    let claims: AccessClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessClaims>(token, { algorithms: ['HS256'] });
    } catch {
      throw new IdentityError(IdentityErrorCode.Unauthenticated);
    }
    const user = typeof claims.sub === 'string' ? await this.users.findActiveById(claims.sub) : null;
    if (!user || user.sessionVersion !== claims.sv) throw new IdentityError(IdentityErrorCode.Unauthenticated);
    return { userId: user.id, role: user.role };
  }
}
