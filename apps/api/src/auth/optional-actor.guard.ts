import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { AccessTokens } from '@app/identity';
import type { AuthenticatedRequest } from './auth.decorators';

/**
 * For a @Public route that reads the actor when there is one (`@OptionalActor()`): without an Authorization header
 * the request goes on anonymously; with one, the token must be valid (401 otherwise, as on any route), so a
 * signed-in person whose token expired learns it rather than silently getting the anonymous answer.
 */
@Injectable()
export class OptionalActorGuard implements CanActivate {
  constructor(private readonly accessTokens: AccessTokens) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const header = req.headers.authorization;
    if (header === undefined) return true;
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    req.actor = await this.accessTokens.authenticate(token);
    return true;
  }
}
