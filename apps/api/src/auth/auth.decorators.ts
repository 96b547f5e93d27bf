import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata, type Type } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor, ResourcePolicy } from '@app/core';
import { ProblemDto } from '../http/problem.dto';

export const PUBLIC_ROUTE = Symbol('publicRoute');
export const ADMIN_ONLY = Symbol('adminOnly');
export const AUTHORIZE = Symbol('authorize');

export interface AuthorizeMetadata {
  policy: Type<ResourcePolicy>;
  action: string;
  /** Name of the route parameter that holds the resource id. */
  param: string;
}

/** No access token needed (register, login, health...). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** Platform administrators only. */
export const AdminOnly = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(ADMIN_ONLY, true), ApiForbiddenResponse({ type: ProblemDto }));

/**
 * "Who may do this to this resource", one line per endpoint:
 * `@Authorize(UserPolicy, UserAction.Export, 'userId')` asks UserPolicy about the id in `:userId`.
 */
export function Authorize<A extends string>(
  policy: Type<ResourcePolicy<A>>,
  action: A,
  param: string,
): MethodDecorator {
  return applyDecorators(
    SetMetadata(AUTHORIZE, { policy, action, param } satisfies AuthorizeMetadata),
    ApiForbiddenResponse({ type: ProblemDto, description: 'Not allowed on this resource' }),
  );
}

/**
 * Documents the 403 of a route that shows something to other people (a course version, a group, a cohort, a
 * post, an announcement): accounts whose email address is not verified get `email_not_verified`. Put it above
 * `@Authorize`, whose 403 it describes too (one description per status).
 */
export const VerifiedEmailRequired = (): MethodDecorator =>
  ApiForbiddenResponse({
    type: ProblemDto,
    description:
      '`email_not_verified`: verify your email address first (unverified accounts publish nothing others see); ' +
      'or, where the route names a resource, not allowed on it',
  });

/** Documents the bearer token on a controller whose routes need one. */
export const Authenticated = (): ClassDecorator & MethodDecorator =>
  applyDecorators(ApiBearerAuth(), ApiUnauthorizedResponse({ type: ProblemDto }));

export type AuthenticatedRequest = { actor?: Actor };

/** On a @Public route guarded by OptionalActorGuard: the signed-in actor, or undefined for someone without a token. */
export const OptionalActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor | undefined => ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor,
);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  // The global guard sets it on every non-public route; reaching here without one is a wiring bug.
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
