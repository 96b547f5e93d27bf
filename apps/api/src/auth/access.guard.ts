import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { isUUID } from 'class-validator';
import {
  AccessDeniedError,
  InvalidInputError,
  isAdmin,
  ResourceNotFoundError,
  type Actor,
  type ResourcePolicy,
} from '@app/core';
import { AccessTokens } from '@app/identity';
import {
  ADMIN_ONLY,
  AUTHORIZE,
  PUBLIC_ROUTE,
  type AuthenticatedRequest,
  type AuthorizeMetadata,
} from './auth.decorators';

/**
 * Global guard: every route needs a valid access token unless marked @Public, then the route's
 * @AdminOnly and @Authorize rules are checked against the actor.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly moduleRef: ModuleRef,
    private readonly accessTokens: AccessTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const req = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const actor = await this.accessTokens.authenticate(bearerToken(req));
    req.actor = actor;

    if (this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) && !isAdmin(actor)) {
      throw new AccessDeniedError('Only platform administrators may do this.');
    }
    const rule = this.reflector.get<AuthorizeMetadata | undefined>(AUTHORIZE, context.getHandler());
    if (rule) await this.checkResource(actor, rule, req);
    return true;
  }

  private async checkResource(actor: Actor, rule: AuthorizeMetadata, req: Request): Promise<void> {
    const resourceId = req.params[rule.param];
    if (typeof resourceId !== 'string') throw new Error(`@Authorize names a missing route parameter: ${rule.param}`);
    // Guards run before pipes: reject a malformed id here, or the policy's query would fail with a 500.
    if (!isUUID(resourceId))
      throw new InvalidInputError([{ field: rule.param, message: `${rule.param} must be a UUID` }]);
    const policy = this.moduleRef.get<ResourcePolicy>(rule.policy, { strict: false });
    const decision = await policy.decide(actor, rule.action, resourceId);
    if (decision === 'not_found') throw new ResourceNotFoundError(rule.param.replace(/Id$/, ''));
    if (decision === 'deny') throw new AccessDeniedError();
  }
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}
