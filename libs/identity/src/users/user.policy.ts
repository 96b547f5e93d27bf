import { Injectable } from '@nestjs/common';
import { isAdmin, type Actor, type PolicyDecision, type ResourcePolicy } from '@app/core';
import { UserRepository } from './user.repository';

export enum UserAction {
  /** See private data: the full export. */
  ReadPrivate = 'read-private',
  Delete = 'delete',
}

/** A person's private data and account are theirs; platform admins may act on them for support and erasure requests. */
@Injectable()
export class UserPolicy implements ResourcePolicy<UserAction> {
  constructor(private readonly users: UserRepository) {}

  async decide(actor: Actor, _action: UserAction, userId: string): Promise<PolicyDecision> {
    if (actor.userId === userId) return 'allow';
    if (!isAdmin(actor)) return 'deny';
    return (await this.users.findActiveById(userId)) ? 'allow' : 'not_found';
  }
}
