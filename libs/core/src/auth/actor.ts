export enum PlatformRole {
  Admin = 'admin',
  User = 'user',
}

/** Who is making a request, as established by the access token. */
export interface Actor {
  userId: string;
  role: PlatformRole;
}

export const isAdmin = (actor: Actor): boolean => actor.role === PlatformRole.Admin;

/**
 * Answers "may this actor do this action to this resource?". Each domain implements one per resource kind;
 * the API's @Authorize decorator calls it before the handler runs. Returning 'not_found' hides resources the
 * actor may not even know exist.
 */
export interface ResourcePolicy<Action extends string = string> {
  decide(actor: Actor, action: Action, resourceId: string): Promise<PolicyDecision>;
}

export type PolicyDecision = 'allow' | 'deny' | 'not_found';
