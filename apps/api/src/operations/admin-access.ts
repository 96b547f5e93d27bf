import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { AccessDeniedError, isAdmin, type Actor } from '@app/core';
import { AccessTokens } from '@app/identity';

/** The token of an `Authorization: Bearer <token>` header, if there is one. */
export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const header = headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/**
 * "Is this request from a platform administrator?", answered as the global AccessGuard does (same token
 * verification, same session check), for what lives outside Nest's guards: the queue board is a plain Express
 * router. Throws the unauthenticated error (401) without a valid token, AccessDeniedError (403) for others.
 */
@Injectable()
export class AdminAccess {
  constructor(private readonly accessTokens: AccessTokens) {}

  async authenticate(headers: IncomingHttpHeaders): Promise<Actor> {
    const actor = await this.accessTokens.authenticate(bearerToken(headers));
    if (!isAdmin(actor)) throw new AccessDeniedError('Only platform administrators may do this.');
    return actor;
  }
}
